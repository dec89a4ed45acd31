// The tiny database adapter every repository is written against. SQL uses `?` placeholders and
// portable syntax (ON CONFLICT, RETURNING, LIMIT/OFFSET) so a PostgreSQL adapter only has to
// number the placeholders ($1, $2…) and map errors; repositories never see the driver.

export type SqlValue = string | number | bigint | null | Buffer;

export interface Sql {
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * A write whose answer the caller does not need. Inside a PostgreSQL write transaction it is
   * pipelined: sent behind the statements before it and resolved at once, without a round trip;
   * should it fail, the next statement awaited in the transaction, or `settle()`, throws its error
   * (the transaction, or the savepoint around it, must then be rolled back). Elsewhere it is
   * `run`: resolved once written.
   */
  write(sql: string, params?: readonly SqlValue[]): Promise<void>;
  /** Waits for every `write` sent so far; throws the first one's failure (then forgets it). */
  settle(): Promise<void>;
}

export type Dialect = 'sqlite' | 'postgres';

export interface SqlDatabase extends Sql {
  readonly dialect: Dialect;
  /**
   * Runs `work` in one serialisable write transaction: commits when it resolves, rolls back when
   * it throws. Transactions never interleave; `work` must not start another one.
   */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /** What several server processes on this database share (see `Cluster`). */
  readonly cluster: Cluster;
  close(): Promise<void>;
}

/** Told about a channel's connection and messages (`Cluster.listen`). */
export interface ChannelEvents {
  message(payload: string): void;
  /** Listening again after the connection was lost: messages sent meanwhile were missed. */
  reconnected?(): void;
  /** The connection was lost (it is retried with back-off). */
  lost?(error: unknown): void;
}

export interface Listening {
  /** Resolves once the first LISTEN is in place. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * The parts of the database that make several stateless server processes safe (PostgreSQL): a
 * lock every process honours, single statements that need no write transaction, and a message
 * channel between processes. On SQLite (one process) the same calls work in-process.
 */
export interface Cluster {
  /** True when other server processes may share this database (PostgreSQL). */
  readonly shared: boolean;
  /**
   * Runs `work` holding the lock `name`: one holder at a time across every process of this
   * database. PostgreSQL: a session advisory lock on a connection of its own, released by the
   * database if the process dies.
   */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Statements atomic by themselves (an UPSERT counter), run without the write transaction's lock. */
  readonly direct: Sql;
  /** Sends `payload` to every listener of `channel` in every process (PostgreSQL NOTIFY). */
  notify(channel: string, payload: string): Promise<void>;
  /** Listens on `channel` (PostgreSQL LISTEN on one dedicated connection, reconnected on loss). */
  listen(channel: string, events: ChannelEvents): Listening;
}

/** A unique/primary-key violation, whatever the driver calls it. */
export class UniqueViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UniqueViolation';
  }
}
