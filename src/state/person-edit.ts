// What the 群众档案 screen edits, keyed by the route's person id. A draft remembers the route it
// was opened for, so a form never carries one person's id and fields into another route (issue
// 14: going from #/persons/<id> to #/persons/new kept the old profile, and saving overwrote it).
import { type Person, uuidv7 } from '../domain';
import type { AppState } from './app-state';
import { draftFromPerson, emptyPersonDraft, type PersonDraft } from './person-form';
import { loadPerson } from './persons';

/** `new` for #/persons/new, the person id otherwise. */
const personRouteKey = (id: string | undefined) => id ?? 'new';

export type PersonEdit =
  | { routeKey: string; kind: 'new' | 'existing'; draft: PersonDraft; stored: Person | null }
  | { routeKey: string; kind: 'missing' };

/** An empty profile with its own fresh id: saving it can only create, and saving again updates it. */
function newPersonDraft(state: AppState): PersonDraft {
  return { ...emptyPersonDraft(state.user.value?.villageCode ?? ''), id: uuidv7(state.deps.now()) };
}

/** Opens the profile the route names (or a new one); the result carries the route key it is for. */
export async function openPersonEdit(state: AppState, id: string | undefined): Promise<PersonEdit> {
  const routeKey = personRouteKey(id);
  if (!id) return { routeKey, kind: 'new', draft: newPersonDraft(state), stored: null };
  const p = await loadPerson(id);
  return p ? { routeKey, kind: 'existing', draft: draftFromPerson(p), stored: p } : { routeKey, kind: 'missing' };
}

/** The edit to show for the current route: a stale one (opened for another route) is never shown. */
export const editForRoute = (edit: PersonEdit | null, id: string | undefined): PersonEdit | null =>
  edit && edit.routeKey === personRouteKey(id) ? edit : null;
