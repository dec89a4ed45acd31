// Second half of the version-4 migration: rows written before encryption at rest are sealed at
// the first unlock (an upgrade transaction has no key). Reading a row through the sealing
// middleware and putting it back seals it (a row sealed already is re-sealed: a one-time cost).
// Idempotent: a crash half-way leaves the flag set and the next unlock goes over it again; each
// group of rows is its own transaction (files in small groups, for memory on old tablets).
import type Dexie from 'dexie';
import type { KeyValueRow } from './db';
import { SEALED_TABLES } from './sealing';
import { hasDataKey } from './vault';

const BLOB_GROUP = 8;

/** Settings key set by the v4 upgrade while rows may still be plaintext (value true, or a list of
 *  table names). DO NOT RENAME. */
export const SEAL_ROWS_KEY = 'migration.sealRows';

export async function sealPendingRows(db: Dexie): Promise<void> {
  if (!hasDataKey()) return;
  const settings = db.table<KeyValueRow, string>('settings');
  const flag = (await settings.get(SEAL_ROWS_KEY))?.value;
  if (!flag) return;
  // true (the v4 upgrade): every table; a list: those tables only (rows put there raw, e.g. seeded).
  const tables = Array.isArray(flag) ? SEALED_TABLES.filter((t) => flag.includes(t)) : SEALED_TABLES;
  for (const name of tables) {
    const table = db.table(name);
    const keys = await table.toCollection().primaryKeys();
    const group = name === 'blobs' ? BLOB_GROUP : 500;
    for (let i = 0; i < keys.length; i += group) {
      await db.transaction('rw', table, async () => {
        const rows = (await table.bulkGet(keys.slice(i, i + group))) as unknown[];
        const present = rows.filter((r) => r !== undefined);
        if (present.length) await table.bulkPut(present);
      });
    }
  }
  await settings.delete(SEAL_ROWS_KEY);
}
