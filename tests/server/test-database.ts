// Which database the server tests run on: SQLite files by default, PostgreSQL when
// DAIBAN_TEST_DATABASE_URL is set (scripts/with-postgres.mjs sets it). Each test server then gets
// a database of its own, created here and dropped when the test closes it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The maintenance database's address, or null for SQLite. */
const TEST_DATABASE_URL = process.env.DAIBAN_TEST_DATABASE_URL || null;
export const onPostgres = TEST_DATABASE_URL !== null;

export interface TestDatabase {
  /** `postgres://…` of the new, empty database. */
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL! });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new empty PostgreSQL database (only when `onPostgres`). */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) throw new Error('DAIBAN_TEST_DATABASE_URL is not set');
  const name = `daiban_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
