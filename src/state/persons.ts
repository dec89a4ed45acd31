// 群众档案 state: the list/search screen and the actions that save profiles.
import type { Person, PersonField } from '../domain';
import {
  DuplicatePersonError,
  getPerson,
  listPersons,
  putBlob,
  savePerson,
  searchPersons,
  settleConflicts,
} from '../storage';
import type { AppState } from './app-state';
export { resetPersons } from './persons-slice';
import { requireActor } from './app-state';
import { rememberPhotoQuality } from './photo-quality-memo';
import { checkPersonDraft, personFromDraft, type PersonDraft } from './person-form';
import type { DivisionList } from '../domain/validators/division-code';

let searchSeq = 0;

/** Name, ID number, phone or pinyin initials; the latest query wins. Never rejects: a failed
 *  read is kept in `persons.error` for the screen. */
export async function searchPersonsAction(state: AppState, query: string): Promise<void> {
  const seq = ++searchSeq;
  state.persons.query.value = query;
  state.persons.loading.value = true;
  try {
    const q = query.trim();
    const villageCode = state.user.value?.villageCode;
    const found = q
      ? await searchPersons(q, 50)
      : await listPersons({ ...(villageCode && { villageCode }), limit: 50 });
    if (seq === searchSeq) {
      state.persons.results.value = found;
      state.persons.error.value = null;
    }
  } catch (e) {
    if (seq === searchSeq) state.persons.error.value = e instanceof Error ? e.message : String(e);
  } finally {
    if (seq === searchSeq) state.persons.loading.value = false;
  }
}

/** Quick lookup for pickers (applicant, entruster, household member), not bound to the list. */
export const findPersons = (query: string, limit = 8) =>
  query.trim() ? searchPersons(query.trim(), limit) : Promise.resolve([]);

export const loadPerson = (id: string) => getPerson(id);

/** The profile a refused save collided with (same ID number), or null for any other failure. */
export const existingProfileOf = (error: unknown): { id: string; name: string } | null =>
  error instanceof DuplicatePersonError ? { id: error.existingId, name: error.existingName } : null;

/** The agent keeps one value of a field another device also changed: its conflicts close. */
export async function settlePersonConflict(state: AppState, id: string, field: PersonField, value: unknown) {
  return settleConflicts(id, field, value, requireActor(state), state.deviceId.value, state.deps.now());
}

/**
 * Validates and saves the profile (one transaction with its audit event); throws with a Chinese
 * message. `divisions`: the county's list where the device has one (county-divisions.ts; the form
 * reads it, so this first-screen module does not load it): a code missing from it is refused.
 */
export async function savePersonDraft(state: AppState, draft: PersonDraft, divisions?: DivisionList): Promise<Person> {
  const actor = requireActor(state);
  const now = state.deps.now();
  const check = checkPersonDraft(draft, state.today.value, divisions);
  const villageCode = state.user.value?.villageCode ?? draft.divisionCode;
  const input = personFromDraft(draft, check, villageCode, now);
  if (!input) throw new Error('档案中还有需要改正的地方，请看红色提示');
  return savePerson(input, actor, state.deviceId.value);
}

/**
 * Runs an ID-card photo through the image pipeline and stores the file; the profile refers to it
 * by hash once saved. Later cases reuse it while the card is valid.
 */
export async function attachIdCardPhoto(
  state: AppState,
  file: Blob,
  onProgress?: (f: number) => void,
): Promise<string> {
  const img = await state.deps.processImage(file, {}, { ...(onProgress && { onProgress }) });
  await putBlob(img.sha256, img.mime, img.data, state.deps.now());
  await rememberPhotoQuality(img.sha256, img.metrics);
  return img.sha256;
}
