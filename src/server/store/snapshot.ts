// Online copies of the SQLite file for backups (src/server/ops/backup.ts), taken by a connection
// of their own so they work from the admin CLI while the server runs. `VACUUM INTO` copies one
// read transaction: a consistent snapshot of what had committed when it started, without
// blocking the server's writer (WAL) and without restarting when the server writes meanwhile
// (better-sqlite3's page-by-page `backup()` from another connection restarts on every write).
import Database from 'better-sqlite3';

/** Writes a consistent copy of the database `dbFile` to `target` (which must not exist). */
export function snapshotSqlite(dbFile: string, target: string): void {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('VACUUM INTO ?').run(target);
  } finally {
    db.close();
  }
}

/** What a database file holds, for a backup's manifest and its verification after restore. */
export interface SnapshotContents {
  schemaVersion: number;
  cases: { id: string; version: number }[];
  /** Every blob whose bytes had fully arrived. */
  blobs: string[];
}

export function describeSnapshot(file: string): SnapshotContents {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`database ${file} is damaged: ${String(integrity)}`);
    const version = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
    return {
      schemaVersion: version.v ?? 0,
      cases: db.prepare('SELECT id, version FROM cases ORDER BY id').all() as SnapshotContents['cases'],
      blobs: (
        db.prepare('SELECT sha256 FROM blobs WHERE complete = 1 ORDER BY sha256').all() as { sha256: string }[]
      ).map((b) => b.sha256),
    };
  } finally {
    db.close();
  }
}
