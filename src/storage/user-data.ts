// Logout: wipe one user's work from the device, keep what belongs to the device.
import { getDb } from './connection';
import { USER_TABLES } from './db';
import { FORM_DRAFT_PREFIX } from './sealing';
import { SETTING_KEYS } from './settings';
import { writeTransaction } from './transaction';

/**
 * Deletes persons, cases, materials, files, outbox, audit, decisions, rectifications, sync
 * state, the session and every unsaved form draft, in one transaction. Keeps the catalogue and the device id.
 * The caller warns first when `pendingCount()` > 0: unsent work is lost.
 */
export async function clearUserData(): Promise<void> {
  await writeTransaction([...USER_TABLES, 'settings'], async () => {
    const db = getDb();
    await Promise.all(USER_TABLES.map((t) => db.table(t).clear()));
    await db.settings.delete(SETTING_KEYS.session);
    await db.settings.where('key').startsWith(FORM_DRAFT_PREFIX).delete();
  });
}
