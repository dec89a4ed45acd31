// `npm run admin -- migrate:to-postgres`: a real SQLite township (demo cases through the real API:
// persons, cases, reviews, audit, blobs, catalogue versions, a holiday arrangement, sessions) is
// moved by the real CLI as a child process into PostgreSQL; then the server starts on PostgreSQL
// and the reviewer, a device's pull from cursor 0 and the audit verifier see the same township.
// Also: a re-run only verifies, a tampered target fails the check, a target with data is refused,
// a copy killed half-way leaves the target empty, a source newer than the code is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import type { Change } from '../../src/domain';
import { buildApp } from '../../src/server/app';
import { snapshotSqlite } from '../../src/server/store';
import { seedDemoCases } from '../../scripts/demo/scenarios';
import { bearer, inspectDb, inspectPostgres, login, rawWrite, startServer, type TestServer } from './harness';
import { createTestDatabase, onPostgres, type TestDatabase } from './test-database';

const run = promisify(execFile);

const YEAR_2027 = {
  year: 2027,
  source: '国务院办公厅关于2027年部分节假日安排的通知',
  holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }],
  workingWeekends: [],
};

interface Outcome {
  code: number | null;
  signal: string | null;
  out: string;
  err: string;
}

let sqlite: TestServer;
const databases: TestDatabase[] = [];
const tokens: Record<string, string> = {};
const before: { queue?: unknown; detail?: unknown; pull?: Change[]; holidays?: unknown } = {};

async function admin(env: Record<string, string>, ...args: string[]): Promise<Outcome> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
      env: { ...base, DAIBAN_DATA_DIR: sqlite.dir, DAIBAN_PASSWORD_COST: '10', ...env },
    });
    return { code: 0, signal: null, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number | null; signal: string | null; stdout: string; stderr: string };
    return { code: e.code, signal: e.signal, out: e.stdout, err: e.stderr };
  }
}

const move = (url: string, ...args: string[]) => admin({ DATABASE_URL: url }, 'migrate:to-postgres', ...args);

async function database(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  databases.push(db);
  return db;
}

async function pullAll(app: FastifyInstance, token: string, from = 0): Promise<{ changes: Change[]; cursor: number }> {
  const changes: Change[] = [];
  let cursor = from;
  for (let more = true; more;) {
    const res = await app.inject({ url: `/api/sync/pull?cursor=${cursor}&limit=100`, headers: bearer(token) });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    changes.push(...(page.changes as Change[]));
    ({ cursor, hasMore: more } = page);
  }
  return { changes, cursor };
}

const get = async (app: FastifyInstance, token: string, url: string) => {
  const res = await app.inject({ url, headers: bearer(token) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe.skipIf(!onPostgres)('migrate:to-postgres', () => {
  beforeAll(async () => {
    sqlite = await startServer({ databaseUrl: null });
    await seedDemoCases(sqlite.app, sqlite.clock);
    for (const u of ['agent1', 'reviewer1', 'admin']) tokens[u] = (await login(sqlite.app, u)).token;
    const saved = await sqlite.app.inject({
      method: 'POST',
      url: '/api/admin/holidays',
      headers: bearer(tokens.admin!),
      payload: YEAR_2027,
    });
    expect(saved.statusCode, saved.body).toBeLessThan(300);
    before.queue = await get(sqlite.app, tokens.reviewer1!, '/api/review/cases');
    const first = (before.queue as { cases: { id: string }[] }).cases[0]!.id;
    before.detail = await get(sqlite.app, tokens.reviewer1!, `/api/review/cases/${first}`);
    before.pull = (await pullAll(sqlite.app, tokens.agent1!)).changes;
    before.holidays = await get(sqlite.app, tokens.admin!, '/api/admin/holidays');
  }, 120_000);

  afterAll(async () => {
    for (const db of databases) await db.drop();
    await sqlite?.close();
  });

  it('refuses while the SQLite server runs', async () => {
    const target = await database();
    const r = await move(target.url);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/migrate\.server-running/);
    await sqlite.app.close();
  }, 60_000);

  it('copies the township; the server on PostgreSQL serves the same cases, changes and audit', async () => {
    const target = await database();
    const r = await move(target.url);
    expect(r.code, r.err + r.out).toBe(0);
    expect(r.out).not.toMatch(/MISMATCH/);
    expect(r.out).toMatch(/copied and verified: \d+ 张表 tables/);
    expect(r.out).toMatch(/duration \d+\.\d s/);
    expect(r.out).toMatch(/audit chains intact on PostgreSQL/);
    expect(r.out).toMatch(/blob files are not in the database/);

    // Counts read straight from both databases, not through the copy's own check.
    const a = inspectDb(sqlite.config.dbFile);
    const b = inspectPostgres(target.url);
    try {
      for (const table of [
        'cases',
        'persons',
        'decisions',
        'audit',
        'changes',
        'catalog_versions',
        'holiday_years',
        'sessions',
      ]) {
        const sql = `SELECT COUNT(*) AS n FROM ${table}`;
        const n = (await a.get<{ n: number }>(sql))!.n;
        expect(n, table).toBeGreaterThan(0);
        expect((await b.get<{ n: number }>(sql))!.n, table).toBe(n);
      }
      const seqs = `SELECT seq FROM changes ORDER BY seq`;
      expect(await b.all(seqs)).toEqual(await a.all(seqs));
    } finally {
      a.close();
      b.close();
    }

    const app = await buildApp({ ...sqlite.config, databaseUrl: target.url, databasePoolSize: 4 });
    try {
      // The sessions came along: the same tokens work.
      expect(await get(app, tokens.reviewer1!, '/api/review/cases')).toEqual(before.queue);
      const first = (before.queue as { cases: { id: string }[] }).cases[0]!.id;
      expect(await get(app, tokens.reviewer1!, `/api/review/cases/${first}`)).toEqual(before.detail);
      const pulled = await pullAll(app, tokens.agent1!);
      expect(pulled.changes).toEqual(before.pull);
      expect(await get(app, tokens.admin!, '/api/admin/holidays')).toEqual(before.holidays);
      // The blob folder stayed where it was: a page still opens.
      const detail = before.detail as { materials: { pages: { sha256: string }[] }[] };
      const page = detail.materials.flatMap((m) => m.pages)[0]!;
      const img = await app.inject({ url: `/api/blobs/${page.sha256}`, headers: bearer(tokens.reviewer1!) });
      expect(img.statusCode).toBe(200);
      // The feed's sequence continues past the copied seq values: a new change reaches the device.
      const saved = await app.inject({
        method: 'POST',
        url: '/api/admin/holidays',
        headers: bearer(tokens.admin!),
        payload: { ...YEAR_2027, source: '修订 revised' },
      });
      expect(saved.statusCode, saved.body).toBeLessThan(300);
      const next = await pullAll(app, tokens.agent1!, pulled.cursor);
      expect(next.changes.length).toBeGreaterThan(0);
      expect(next.cursor).toBeGreaterThan(pulled.cursor);
    } finally {
      await app.close();
    }

    const verify = await admin({ DATABASE_URL: target.url }, 'audit:verify');
    expect(verify.code, verify.err).toBe(0);
    expect(verify.out).toMatch(/audit chains intact/);
  }, 120_000);

  it('a re-run onto the copy only verifies; a tampered copy fails the check', async () => {
    const target = await database();
    expect((await move(target.url)).code).toBe(0);
    const again = await move(target.url);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/exact copy: verified, nothing written/);

    await rawWrite(
      { databaseUrl: target.url } as TestServer['config'],
      `UPDATE cases SET status = 'returned' WHERE id = (SELECT MIN(id) FROM cases)`,
    );
    const tampered = await move(target.url);
    expect(tampered.code).toBe(1);
    expect(tampered.err).toMatch(/migrate\.target-not-empty/);
    expect(tampered.out).toMatch(/^cases\s+\d+\s+\d+\s+\w+\s+\w+\s+不一致 MISMATCH$/m);
    expect(tampered.out).toMatch(/^persons\s.*一致 ok$/m);
  }, 120_000);

  it('refuses a target that already holds data, and writes nothing', async () => {
    const target = await database();
    // A server started on it first: keys, catalogue, demo users.
    const app = await buildApp({
      ...sqlite.config,
      databaseUrl: target.url,
      dataDir: mkdtempSync(join(tmpdir(), 'daiban-other-')),
    });
    await app.close();
    const db = inspectPostgres(target.url);
    const users = async () => (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM users`))!.n;
    try {
      const had = await users();
      const r = await move(target.url);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/目标数据库已有数据.*target database already holds data.*\(migrate\.target-not-empty\)/s);
      expect(await users()).toBe(had);
      expect((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM cases`))!.n).toBe(0);
    } finally {
      db.close();
    }
  }, 120_000);

  it('a copy killed half-way leaves the target empty; the next run completes', async () => {
    const target = await database();
    const killed = await admin(
      { DATABASE_URL: target.url, NODE_ENV: 'test', DAIBAN_TEST_MOVE_CRASH_AFTER: 'cases' },
      'migrate:to-postgres',
    );
    expect(killed.signal).toBe('SIGKILL');
    const db = inspectPostgres(target.url);
    try {
      const tables = await db.all<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'schema_version'`,
      );
      expect(tables.length).toBeGreaterThan(20);
      for (const { name } of tables)
        expect((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${name}`))!.n, name).toBe(0);
    } finally {
      db.close();
    }
    const r = await move(target.url);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/copied and verified/);
  }, 120_000);

  it('refuses a source newer than the code, and a missing source', async () => {
    const target = await database();
    const dir = mkdtempSync(join(tmpdir(), 'daiban-newer-'));
    try {
      const file = join(dir, 'newer.sqlite');
      snapshotSqlite(sqlite.config.dbFile, file);
      const db = new Database(file);
      db.prepare(`INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', 0)`).run();
      db.close();
      const r = await move(target.url, '--from', file);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/schema version\(s\) 999.*\(migrate\.source-newer\)/s);
      const missing = await move(target.url, '--from', join(dir, 'nothing.sqlite'));
      expect(missing.code).toBe(1);
      expect(missing.err).toMatch(/migrate\.no-source/);
      expect((await admin({}, 'migrate:to-postgres')).code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
