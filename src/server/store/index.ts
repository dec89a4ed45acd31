// Opening the embedded store: SQLite file, migrated to the newest schema.
import { migrate } from './migrations';
import { openSqlite } from './sqlite';
import { sqlStore } from './sql-store';
import type { Store } from './store';

export type * from './store';
export { LATEST_SCHEMA_VERSION } from './migrations';
export { describeSnapshot, snapshotSqlite } from './snapshot';

export async function openSqliteStore(file: string): Promise<Store> {
  const db = openSqlite(file);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return sqlStore(db);
}
