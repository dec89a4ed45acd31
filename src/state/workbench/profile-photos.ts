// ID-card photos shared between the profile and its cases: a case reuses the profile's photos
// while the card is valid, and a photo taken in a case fills an empty profile slot.
import {
  type MaterialRequirement,
  type Page,
  type Person,
  type QualityMetrics,
  Page as PageSchema,
} from '../../domain';
import { checkIdCardExpiry } from '../../domain/validators';
import { getBlob, makeAudit, savePerson } from '../../storage';
import { requireActor, type AppState } from '../app-state';
import type { ProcessedImage } from '../deps';
import { recallPhotoQuality, rememberPhotoQuality } from '../photo-quality-memo';
import { writeMaterial } from './material-write';
import { assertMaterialEditable } from './return-scope';

const SLOT = { 'id-card-front': 'frontPhoto', 'id-card-back': 'backPhoto' } as const;

/** The profile's photo for this requirement, when it has one and the card is still valid. */
export function profilePhotoFor(
  person: Person | null,
  requirement: MaterialRequirement,
  today: string,
): string | undefined {
  if (!requirement.profilePhoto || !person?.idCard) return undefined;
  if (!checkIdCardExpiry(person.idCard.validUntil, today).ok) return undefined;
  return person.idCard[SLOT[requirement.profilePhoto]];
}

/**
 * A page built from a stored profile photo, with the metrics remembered when it was taken. A
 * photo restored from the server (another tablet) or kept across a logout (which clears the
 * memo) is measured again here, once, by the image worker: its page is checked like a new one
 * instead of asking the agent to confirm it by eye.
 */
export async function pageFromStoredPhoto(
  state: AppState,
  sha256: string,
  now: number,
): Promise<{ page: Page; data: ArrayBuffer; mime: string } | undefined> {
  const blob = await getBlob(sha256);
  if (!blob) return undefined;
  const quality = (await recallPhotoQuality(sha256)) ?? (await measureAgain(state, sha256, blob));
  const page = PageSchema.parse({
    sha256,
    mime: blob.mime,
    bytes: blob.bytes,
    capturedAt: now,
    ...(quality && { quality }),
  });
  return { page, data: blob.data, mime: blob.mime };
}

/** The stored photo's metrics from the image worker; none if it cannot be read (then the rules
 *  ask the agent to check the page by eye, as before). */
async function measureAgain(
  state: AppState,
  sha256: string,
  blob: { data: ArrayBuffer; mime: string },
): Promise<QualityMetrics | undefined> {
  try {
    const { metrics } = await state.deps.processImage(new Blob([blob.data], { type: blob.mime }), {}, {});
    await rememberPhotoQuality(sha256, metrics);
    return metrics;
  } catch {
    return undefined;
  }
}

/** "使用档案中的身份证照片": adds the profile photo as the material's page. */
export async function applyProfilePhoto(state: AppState, requirementId: string): Promise<void> {
  const wb = state.workbench;
  const c = wb.record.value;
  const requirement = wb.item.value?.materials.find((m) => m.id === requirementId);
  if (!c || !requirement || !wb.editable.value) return;
  assertMaterialEditable(state, requirementId);
  const sha = profilePhotoFor(wb.applicant.value, requirement, state.today.value);
  if (!sha) return;
  const actor = requireActor(state);
  const now = state.deps.now();
  const stored = await pageFromStoredPhoto(state, sha, now);
  if (!stored) throw new Error('档案中的照片文件不在本机，请重新拍摄');
  await writeMaterial(
    state,
    requirementId,
    (m) => (m.pages.some((p) => p.sha256 === sha) ? undefined : { ...m, pages: [...m.pages, stored.page] }),
    {
      blobs: [{ sha256: sha, mime: stored.mime, data: stored.data }],
      audit: makeAudit({
        entity: 'material',
        entityId: requirementId,
        caseId: c.id,
        action: 'material.from-profile',
        actor,
        deviceId: state.deviceId.value,
        at: now,
        detail: requirement.name,
      }),
    },
  );
}

/** Best effort: a card photo taken in a case also fills the profile's empty slot for next time. */
export async function attachToProfileIfMissing(
  state: AppState,
  requirement: MaterialRequirement,
  img: ProcessedImage,
): Promise<void> {
  const person = state.workbench.applicant.value;
  if (!requirement.profilePhoto || !person?.idCard) return;
  const slot = SLOT[requirement.profilePhoto];
  if (person.idCard[slot]) return;
  try {
    await rememberPhotoQuality(img.sha256, img.metrics);
    const updated = await savePerson(
      { ...person, idCard: { ...person.idCard, [slot]: img.sha256 }, updatedAt: state.deps.now() },
      requireActor(state),
      state.deviceId.value,
    );
    state.workbench.applicant.value = updated;
  } catch {
    // The case has the photo; the profile can get it next time.
  }
}
