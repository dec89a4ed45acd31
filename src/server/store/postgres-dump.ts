// The database part of a backup taken on PostgreSQL: every table copied, from one consistent
// snapshot (REPEATABLE READ, read only: the server keeps writing meanwhile), into a new SQLite file
// with the same schema. The backup then has the same layout as one taken on SQLite, so
// `backup:verify` checks it the same way, and `restore` puts it back onto SQLite or PostgreSQL.
// A database's own dump (pg_dump) stays possible beside it; this one needs no PostgreSQL client
// tools of matching version on the machine and restores anywhere.
import Database from 'better-sqlite3';
import { MIGRATIONS, migrate } from './migrations';
import { openSqlite } from './sqlite';
import {
  checkSqliteShape,
  compareDigests,
  connectPostgres,
  copyPostgresToSqlite,
  hashSqlite,
  postgresTables,
  type TableComparison,
} from './table-copy';

export class DumpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DumpError';
  }
}

/** Copies the PostgreSQL database at `url` into the new SQLite file `file`; verified table by table. */
export async function dumpPostgres(url: string, file: string): Promise<TableComparison[]> {
  const client = await connectPostgres(url);
  client.on('error', () => undefined);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const versions = new Set(
      (await client.query<{ version: number }>(`SELECT version FROM schema_version`)).rows.map((r) =>
        Number(r.version),
      ),
    );
    const unknown = [...versions].filter((v) => !MIGRATIONS.some((m) => m.version === v));
    if (unknown.length > 0)
      throw new DumpError(`the database has schema version(s) ${unknown.join(', ')} this code does not know`);
    const shapes = await postgresTables(client);
    // The same schema as the PostgreSQL database: exactly the migrations it has applied.
    const fresh = openSqlite(file);
    try {
      await migrate(
        fresh,
        MIGRATIONS.filter((m) => versions.has(m.version)),
      );
    } finally {
      await fresh.close();
    }
    const target = new Database(file);
    try {
      checkSqliteShape(target, shapes);
      target.exec('BEGIN');
      target.exec('DELETE FROM schema_version');
      const copied = await copyPostgresToSqlite(client, target, shapes);
      target.exec('COMMIT');
      await client.query('COMMIT');
      target.pragma('journal_mode = DELETE');
      const comparison = compareDigests(copied, hashSqlite(target, shapes));
      const bad = comparison.filter((c) => !c.same).map((c) => c.table);
      if (bad.length > 0) throw new DumpError(`the copy of ${bad.join(', ')} does not match the database`);
      return comparison;
    } finally {
      if (target.inTransaction) target.exec('ROLLBACK');
      target.close();
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
