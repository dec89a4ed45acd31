// Opening the embedded store: SQLite file, migrated to the newest schema.
import type { KeySettings } from '../crypto/key-ring';
import { openDatabaseCipher } from './at-rest';
import { migrate } from './migrations';
import { openSqlite } from './sqlite';
import { sqlStore } from './sql-store';
import type { Store } from './store';

export type * from './store';
export { LATEST_SCHEMA_VERSION } from './migrations';
export { describeSnapshot, snapshotSqlite } from './snapshot';

/**
 * Opens the SQLite file, migrates it and opens its keys (encryption at rest): a missing or wrong
 * master key throws KeyError (crypto/key-ring.ts) here, before anything is read or written.
 */
export async function openSqliteStore(file: string, keys: KeySettings, now = Date.now()): Promise<Store> {
  const db = openSqlite(file);
  try {
    await migrate(db);
    const { cipher, created } = await openDatabaseCipher(db, keys, now);
    return sqlStore(db, cipher, created);
  } catch (error) {
    await db.close();
    throw error;
  }
}
