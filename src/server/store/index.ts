// Opening the store: the embedded SQLite file, or PostgreSQL when DATABASE_URL is set; migrated
// to the newest schema either way (the same migrations list).
import type { ServerConfig } from '../config';
import type { KeySettings } from '../crypto/key-ring';
import { openDatabaseCipher } from './at-rest';
import { migrate } from './migrations';
import { openPostgres } from './postgres';
import type { SqlDatabase } from './sql';
import { openSqlite } from './sqlite';
import { sqlStore } from './sql-store';
import type { Store } from './store';

export type * from './store';
export type { Cluster, Listening } from './sql';
export { LATEST_SCHEMA_VERSION } from './migrations';
export { describeSnapshot, snapshotSqlite } from './snapshot';

/**
 * Opens the SQLite file, migrates it and opens its keys (encryption at rest): a missing or wrong
 * master key throws KeyError (crypto/key-ring.ts) here, before anything is read or written.
 */
export function openSqliteStore(file: string, keys: KeySettings, now = Date.now()): Promise<Store> {
  return openOn(openSqlite(file), keys, now);
}

/** The store the settings choose: PostgreSQL at `databaseUrl`, else the SQLite file `dbFile`. */
export function openStore(
  config: Pick<ServerConfig, 'dbFile' | 'databaseUrl' | 'databasePoolSize' | 'keys'>,
  now = Date.now(),
): Promise<Store> {
  if (!config.databaseUrl) return openSqliteStore(config.dbFile, config.keys, now);
  return openOn(openPostgres(config.databaseUrl, { poolSize: config.databasePoolSize }), config.keys, now);
}

async function openOn(db: SqlDatabase, keys: KeySettings, now: number): Promise<Store> {
  try {
    await migrate(db);
    const { cipher, created } = await openDatabaseCipher(db, keys, now);
    return sqlStore(db, cipher, created);
  } catch (error) {
    await db.close();
    throw error;
  }
}
