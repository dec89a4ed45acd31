// Which database the server tests run on: SQLite files by default, PostgreSQL when
// DAIBAN_TEST_DATABASE_URL is set (scripts/with-postgres.mjs sets it). Each test server then gets
// a database of its own, created here and dropped when the test closes it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../../src/server/store/migrations';
import { openPostgres } from '../../src/server/store/postgres';

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

const urlOf = (name: string) => {
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
};

/** This test process's template: a database with every migration applied, copied for each server
 *  (saves migrating each one; the app's start still runs `migrate`, which then finds nothing to do). */
let template: Promise<string> | undefined;
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const name = `daiban_template_${process.pid}_${randomBytes(3).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    const db = openPostgres(urlOf(name), { poolSize: 2 });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    return name;
  })();
  return template;
}

/** A new PostgreSQL database (only when `onPostgres`): empty, or with the schema (`migrated`). */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) throw new Error('DAIBAN_TEST_DATABASE_URL is not set');
  const name = `daiban_test_${randomBytes(6).toString('hex')}`;
  const from = options.migrated ? ` TEMPLATE ${await migratedTemplate()}` : '';
  await admin((c) => c.query(`CREATE DATABASE ${name}${from}`));
  return {
    url: urlOf(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
