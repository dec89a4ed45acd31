// Unsaved form input (issue 14: an update, a reload or a crash must not lose what was typed).
// One row per user and form in the settings table, sealed with the data key like the session
// (sealing.ts seals every `formDraft:` row): a half-typed profile is personal data. The key holds
// the user's id, so a draft is never offered to another user of the device; logout deletes every
// draft (user-data.ts).
import { getDb } from './connection';
import { FORM_DRAFT_PREFIX } from './sealing';

export interface FormDraftRow {
  userId: string;
  form: string;
  data: unknown;
  savedAt: number;
}

const rowKey = (userId: string, form: string) => `${FORM_DRAFT_PREFIX}${userId}:${form}`;

/** The draft `userId` left in `form` (e.g. `person:new`, `review-return:<caseId>`), if any. */
export async function loadFormDraft(userId: string, form: string): Promise<FormDraftRow | undefined> {
  const row = await getDb().settings.get(rowKey(userId, form));
  const v = row?.value as Partial<FormDraftRow> | undefined;
  // Checked again here: a row is only ever returned to the user who wrote it.
  if (!v || v.userId !== userId || v.form !== form || typeof v.savedAt !== 'number') return undefined;
  return { userId, form, data: v.data, savedAt: v.savedAt };
}

export async function saveFormDraft(userId: string, form: string, data: unknown, savedAt: number): Promise<void> {
  const value: FormDraftRow = { userId, form, data, savedAt };
  await getDb().settings.put({ key: rowKey(userId, form), value });
}

export async function deleteFormDraft(userId: string, form: string): Promise<void> {
  await getDb().settings.delete(rowKey(userId, form));
}
