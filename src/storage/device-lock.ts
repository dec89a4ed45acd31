// Locking and unlocking the device database (encryption at rest, see sealing.ts and vault.ts).
// The page calls these from src/state/device-key.ts; the service worker only receives the key
// (worker-key.ts).
import { loadedDb } from './lazy-db';
import { runReadyTasks } from './ready-tasks';
import { sealPendingRows } from './seal-rows';
import { clearDataKey, setDataKey } from './vault';
import { loadCipher } from './cipher';

export { openRows } from './sealing';
export { createKeyring, KeyError, LOCK_POLICY } from './keyring';

/**
 * Puts the key in memory. Queries waiting behind the lock go on; rows from before encryption are
 * sealed (also when the database was already open, e.g. the first login on an upgraded device).
 */
export async function unlockStorage(raw: Uint8Array): Promise<void> {
  // Dexie's writes seal synchronously, so AES must be there first; without Dexie (the first
  // screen) it is not needed: Dexie's ready hook loads it (db.ts).
  const db = loadedDb();
  if (db) await loadCipher();
  setDataKey(raw);
  // Not loaded yet (the first screen reads without Dexie): its ready hook does this at open.
  if (db?.isOpen()) {
    await sealPendingRows(db);
    await runReadyTasks(db);
  }
}

/** Forgets the key and closes the database: the next query reopens it and waits for unlock. */
export function lockStorage(): void {
  clearDataKey(true);
  loadedDb()?.close({ disableAutoOpen: false });
}

/** After logout: no key, and nothing waits for one (the login screen opens the database). */
export function forgetStorageKey(): void {
  clearDataKey(false);
}
