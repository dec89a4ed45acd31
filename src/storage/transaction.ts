// One user action = one transaction. Every multi-table write goes through `writeTransaction`.
import type { DaibanDb } from './db';
import { getDb } from './connection';
import { toStorageError } from './errors';

export type TableName =
  | 'catalog'
  | 'catalogVersions'
  | 'persons'
  | 'cases'
  | 'materials'
  | 'blobs'
  | 'outbox'
  | 'audit'
  | 'decisions'
  | 'rectifications'
  | 'settings'
  | 'syncState';

/**
 * Runs `fn` in one read-write transaction over `tables`. Inside `fn`, await only Dexie calls
 * (an unrelated await lets IndexedDB auto-commit). Errors come out as StorageError.
 */
export async function writeTransaction<T>(tables: TableName[], fn: (db: DaibanDb) => Promise<T>): Promise<T> {
  const db = getDb();
  try {
    return await db.transaction('rw', tables, () => fn(db));
  } catch (error) {
    throw toStorageError(error);
  }
}
