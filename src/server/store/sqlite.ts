// SQLite behind the Sql adapter (better-sqlite3). Two connections: a writer owned by one async
// transaction at a time (Mutex), and a reader so requests never observe another request's
// uncommitted writes. WAL lets the reader run while the writer commits; synchronous=FULL makes
// every commit durable before the client is told "ok" (a tablet will not resend it).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { localCluster } from './local-cluster';
import { Mutex } from './mutex';
import { UniqueViolation, type Sql, type SqlDatabase, type SqlValue } from './sql';

type Connection = Database.Database;

/** The writer's page cache in KiB (the reader keeps SQLite's default). */
const WRITER_CACHE_KIB = 32 * 1024;

function open(file: string, readonly: boolean): Connection {
  const db = new Database(file, { readonly, fileMustExist: readonly });
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // A push batch writes a few MB of pages (sealed rows, their indexes) in one transaction: with
    // SQLite's default 2 MB cache the writer spills dirty pages to the WAL mid-transaction and
    // reads them back; 32 MB keeps a batch in memory until its one commit.
    db.pragma(`cache_size = -${WRITER_CACHE_KIB}`);
    // A push gives each mutation a savepoint: SQLite copies every page a savepoint first touches
    // into a sub-journal, a temporary file by default (a write() per page, per index). In memory
    // they cost a copy; the sub-journal is never needed after a crash (the WAL is).
    db.pragma('temp_store = MEMORY');
  }
  return db;
}

function translate(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return new UniqueViolation((error as Error).message);
  }
  return error;
}

/** Prepared-statement cache per connection: the same few dozen statements run all day. */
function executor(db: Connection) {
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  const guard = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      throw translate(error);
    }
  };
  return {
    prepare,
    all: <T>(sql: string, params: readonly SqlValue[] = []) => guard(() => prepare(sql).all(...params) as T[]),
    get: <T>(sql: string, params: readonly SqlValue[] = []) =>
      guard(() => prepare(sql).get(...params) as T | undefined),
    run: (sql: string, params: readonly SqlValue[] = []) => guard(() => prepare(sql).run(...params).changes),
  };
}

export function openSqlite(file: string): SqlDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const writerDb = open(file, false);
  // ':memory:' has no second connection to share the data with: read through the writer.
  const readerDb = file === ':memory:' ? writerDb : open(file, true);
  const writer = executor(writerDb);
  const reader = executor(readerDb);
  const lock = new Mutex();

  // better-sqlite3 is synchronous: a write is done (or has thrown) when `write` returns.
  const txSql: Sql = {
    all: async (sql, params) => writer.all(sql, params),
    get: async (sql, params) => writer.get(sql, params),
    run: async (sql, params) => writer.run(sql, params),
    write: async (sql, params) => void writer.run(sql, params),
    settle: async () => undefined,
  };

  // Outside a transaction: reads go to the reader; anything that writes waits for the writer.
  const isRead = (sql: string) => reader.prepare(sql).readonly;
  const viaWriter = <T>(fn: () => T) => lock.run(async () => fn());

  const db: Omit<SqlDatabase, 'cluster'> = {
    dialect: 'sqlite',
    all: async (sql, params) => (isRead(sql) ? reader.all(sql, params) : viaWriter(() => writer.all(sql, params))),
    get: async (sql, params) => (isRead(sql) ? reader.get(sql, params) : viaWriter(() => writer.get(sql, params))),
    run: async (sql, params) => viaWriter(() => writer.run(sql, params)),
    write: async (sql, params) => viaWriter(() => void writer.run(sql, params)),
    settle: async () => undefined,
    transaction: (work) =>
      lock.run(async () => {
        writerDb.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(txSql);
          writerDb.exec('COMMIT');
          return result;
        } catch (error) {
          if (writerDb.inTransaction) writerDb.exec('ROLLBACK');
          throw error;
        }
      }),
    close: async () => {
      await lock.run(async () => {
        if (readerDb !== writerDb) readerDb.close();
        writerDb.close();
      });
    },
  };
  return { ...db, cluster: localCluster(db) };
}
