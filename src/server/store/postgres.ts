// PostgreSQL behind the Sql adapter (node-postgres pool). Reads outside a transaction go to the
// pool (each its own READ COMMITTED statement: committed data only). Writes run in transactions
// on one client, serialised in this process by a mutex and across processes by one advisory lock.
//
// Why one lock for every write transaction (see the contract above `Store` in store.ts):
// - "Transactions behave as if run one at a time": handlers read a case's version or status, check
//   it, then write. Holding one lock from the start of the transaction to its commit makes that
//   read-check-write safe without changing any repository.
// - The pull cursor: `changes.seq` comes from a sequence at INSERT, not at COMMIT. Two concurrent
//   writers could take seq 10 and 11 and commit 11 first; a pull reading `seq > 9` then would hand
//   out 11 and the client's cursor would skip 10 for good. Under the lock, seq values are taken
//   and committed in the same order, and PostgreSQL makes a commit visible before it releases the
//   transaction's locks, so every snapshot sees a prefix of the feed.
// A finer-grained scheme later (writers of different cases in parallel) would need: per-case row
// locks (`SELECT … FOR UPDATE` on the case and the audit chain head) or SERIALIZABLE with retry of
// `work`, AND a committed high-water mark for the feed (record `pg_current_xact_id()` with each
// change and serve only rows below `pg_snapshot_xmin(pg_current_snapshot())`), or a short lock
// taken only around `changes.append` … commit.
import pg from 'pg';
import { Mutex } from './mutex';
import { pgCluster } from './pg-cluster';
import { UniqueViolation, type Sql, type SqlDatabase, type SqlValue } from './sql';

/** The advisory lock key every write transaction holds (any constant; "daiban" in ASCII). */
export const WRITE_LOCK_KEY = 0x646169_62616e;

const INT8 = 20;
const NUMERIC = 1700;

/** 64-bit integers (BIGINT columns, COUNT, SUM) as numbers, as SQLite gives them; BigInt past 2^53. */
const parseInteger = (text: string): number | bigint => {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
};
const types = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === INT8) return parseInteger;
    if (oid === NUMERIC) return (text: string) => (/^-?\d+$/.test(text) ? parseInteger(text) : Number(text));
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

/** `?` placeholders numbered `$1`, `$2`…, outside quoted strings and identifiers. Cached per text. */
const numbered = new Map<string, string>();
export function numberPlaceholders(sql: string): string {
  let out = numbered.get(sql);
  if (out !== undefined) return out;
  let n = 0;
  let quote: string | null = null;
  out = '';
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else out += ch === '?' ? `$${++n}` : ch;
  }
  if (numbered.size < 5_000) numbered.set(sql, out);
  return out;
}

function translate(error: unknown): unknown {
  if ((error as { code?: string }).code === '23505') return new UniqueViolation((error as Error).message);
  return error;
}

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/**
 * Names for the write statements: each connection parses one the first time it runs it and then
 * only binds it (a push sends the same dozen writes per mutation). Writes only: their plans do not
 * depend on the values (reads keep a plan made for their values), and they return no rows whose
 * shape a migration could change under a prepared statement.
 */
const writeNames = new Map<string, string>();
const MAX_WRITE_NAMES = 500;
function nameOf(text: string): string | undefined {
  let name = writeNames.get(text);
  if (name === undefined && writeNames.size < MAX_WRITE_NAMES) {
    name = `daiban_w${writeNames.size}`;
    writeNames.set(text, name);
  }
  return name;
}

function executor(target: Queryable): Sql {
  const query = async <T>(sql: string, params: readonly SqlValue[] = [], named = false) => {
    const text = numberPlaceholders(sql);
    const name = named ? nameOf(text) : undefined;
    try {
      return await target.query<T & pg.QueryResultRow>({ text, values: params as unknown[], ...(name && { name }) });
    } catch (error) {
      throw translate(error);
    }
  };
  return {
    all: async <T>(sql: string, params?: readonly SqlValue[]) => (await query<T>(sql, params)).rows as T[],
    get: async <T>(sql: string, params?: readonly SqlValue[]) => (await query<T>(sql, params)).rows[0] as T | undefined,
    run: async (sql, params) => (await query(sql, params)).rowCount ?? 0,
    write: async (sql, params) => void (await query(sql, params, params !== undefined && params.length > 0)),
    settle: async () => undefined,
  };
}

/**
 * A write transaction's statements on its (pipelining) client. `write` sends without waiting: the
 * client pipelines it behind the statements before it, each with its own Sync, so a failure aborts
 * the transaction and every later statement fails too ("current transaction is aborted") until a
 * ROLLBACK. The first failure is the one that tells what went wrong: the next awaited statement,
 * or `settle()`, throws it instead of its own.
 */
function pipelined(client: pg.PoolClient): Sql {
  const direct = executor(client);
  let sent: Promise<void>[] = [];
  let failure: { error: unknown } | null = null;
  const settle = async () => {
    if (sent.length > 0) {
      const waiting = sent;
      sent = [];
      await Promise.all(waiting); // each one records its failure and resolves
    }
    if (failure) {
      const { error } = failure;
      failure = null;
      throw error;
    }
  };
  /** An awaited statement: answered after every write sent before it, whose failure comes first. */
  const answered = async <R>(statement: Promise<R>): Promise<R> => {
    let result: R;
    try {
      result = await statement;
    } catch (error) {
      await settle();
      throw error;
    }
    await settle();
    return result;
  };
  return {
    all: (sql, params) => answered(direct.all(sql, params)),
    get: (sql, params) => answered(direct.get(sql, params)),
    run: (sql, params) => answered(direct.run(sql, params)),
    write: async (sql, params) => {
      sent.push(
        direct.write(sql, params).catch((error: unknown) => {
          failure ??= { error };
        }),
      );
    },
    settle,
  };
}

/** A statement that only reads (safe on any pool connection outside a transaction). */
const isRead = (sql: string) => /^\s*SELECT\b/i.test(sql);

export interface PostgresOptions {
  /** Connections in the pool (one of them at a time holds the write transaction). */
  poolSize?: number;
  /** Connections holding named locks (`cluster.exclusive`, per blob upload); default half the pool. */
  lockConnections?: number;
}

export function openPostgres(url: string, options: PostgresOptions = {}): SqlDatabase {
  const poolSize = Math.max(2, options.poolSize ?? 10);
  // Pipeline mode: a transaction's `write`s go out without waiting for each other's answers (see
  // `pipelined`); a client that awaits each statement, as everything else does, works as before.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types, pipeline: true });
  // An idle client's error (server restart, network) must not crash the process; the next query fails instead.
  pool.on('error', () => undefined);
  const reader = executor(pool);
  // One transaction of this process at a time: a waiting transaction holds no pool client, so
  // reads (and `work` awaiting a read outside its transaction) always find one.
  const lock = new Mutex();

  const transaction = <T>(work: (tx: Sql) => Promise<T>): Promise<T> =>
    lock.run(async () => {
      const client = await pool.connect();
      let broken: unknown;
      try {
        // One round trip (simple protocol: both statements in one message).
        await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
        const tx = pipelined(client);
        let result: T;
        try {
          result = await work(tx);
          await tx.settle();
        } catch (error) {
          await tx.settle().catch(() => undefined); // answered before the ROLLBACK below
          throw error;
        }
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError; // the connection is unusable: do not return it to the pool
        }
        throw error;
      } finally {
        client.release(broken instanceof Error ? broken : undefined);
      }
    });

  const cluster = pgCluster({
    url,
    pool,
    lockConnections: options.lockConnections ?? Math.max(2, Math.ceil(poolSize / 2)),
    // Each statement its own transaction, straight on the pool: atomic counters need no write lock.
    direct: reader,
  });

  return {
    dialect: 'postgres',
    all: (sql, params) => (isRead(sql) ? reader.all(sql, params) : transaction((tx) => tx.all(sql, params))),
    get: (sql, params) => (isRead(sql) ? reader.get(sql, params) : transaction((tx) => tx.get(sql, params))),
    // A single write outside a transaction is its own small transaction, serialised with the others.
    run: (sql, params) => transaction((tx) => tx.run(sql, params)),
    write: (sql, params) => transaction((tx) => tx.run(sql, params)).then(() => undefined),
    settle: async () => undefined,
    transaction,
    cluster,
    close: async () => {
      await cluster.end();
      await lock.run(() => pool.end());
    },
  };
}
