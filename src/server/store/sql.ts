// The tiny database adapter every repository is written against. SQL uses `?` placeholders and
// portable syntax (ON CONFLICT, RETURNING, LIMIT/OFFSET) so a PostgreSQL adapter only has to
// number the placeholders ($1, $2…) and map errors; repositories never see the driver.

export type SqlValue = string | number | bigint | null | Buffer;

export interface Sql {
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export type Dialect = 'sqlite' | 'postgres';

export interface SqlDatabase extends Sql {
  readonly dialect: Dialect;
  /**
   * Runs `work` in one serialisable write transaction: commits when it resolves, rolls back when
   * it throws. Transactions never interleave; `work` must not start another one.
   */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A unique/primary-key violation, whatever the driver calls it. */
export class UniqueViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UniqueViolation';
  }
}
