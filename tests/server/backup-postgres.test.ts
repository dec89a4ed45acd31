// Backup and restore on PostgreSQL, through the admin CLI as an operator runs them: a backup of a
// running server on PostgreSQL (demo township through the real API), checked by backup:verify;
// restored into an empty PostgreSQL database and into an empty SQLite data folder, where a
// server serves the same reviewer queue, case, blob and audit chains; a database with data is
// refused and the data folder is left empty.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { loadConfig, type ServerConfig } from '../../src/server/config';
import { BackupManifest } from '../../src/server/ops/backup';
import { seedDemoCases } from '../../scripts/demo/scenarios';
import { bearer, inspectPostgres, login, startServer, type TestServer } from './harness';
import { createTestDatabase, onPostgres, type TestDatabase } from './test-database';

const run = promisify(execFile);

let s: TestServer;
const dirs: string[] = [];
const databases: TestDatabase[] = [];
let backupDir: string;
const before: { queue?: { cases: { id: string }[] }; detail?: unknown } = {};

const tempDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `daiban-${name}-`));
  dirs.push(dir);
  return dir;
};

async function admin(env: Record<string, string>, ...args: string[]) {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
      env: { ...base, DAIBAN_PASSWORD_COST: '10', ...env },
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

/** A server's settings for a restored data folder (and database), as the harness makes them. */
const settingsFor = (dir: string, databaseUrl: string | null): ServerConfig => ({
  ...loadConfig({ DAIBAN_DATA_DIR: dir, DAIBAN_STATIC_DIR: join(dir, 'no-static') }),
  databaseUrl,
  databasePoolSize: 4,
  passwordCost: 10,
  logLevel: 'silent',
  rateLimits: { loginPerMinute: 1000, apiPerMinute: 100_000 },
  now: () => s.clock.now,
});

/** The master key is kept apart from backups: put back by hand after a restore (README). */
function putKeyBack(dir: string) {
  mkdirSync(join(dir, 'keys'), { recursive: true });
  copyFileSync(join(s.dir, 'keys', 'master.key'), join(dir, 'keys', 'master.key'));
}

async function sameTownship(app: FastifyInstance) {
  const reviewer = await login(app, 'reviewer1');
  const queue = await app.inject({ url: '/api/review/cases', headers: bearer(reviewer.token) });
  expect(queue.statusCode).toBe(200);
  expect(queue.json()).toEqual(before.queue);
  const first = before.queue!.cases[0]!.id;
  const detail = await app.inject({ url: `/api/review/cases/${first}`, headers: bearer(reviewer.token) });
  expect(detail.json()).toEqual(before.detail);
  const page = (before.detail as { materials: { pages: { sha256: string }[] }[] }).materials.flatMap(
    (m) => m.pages,
  )[0]!;
  const img = await app.inject({ url: `/api/blobs/${page.sha256}`, headers: bearer(reviewer.token) });
  expect(img.statusCode).toBe(200);
}

describe.skipIf(!onPostgres)('backup and restore on PostgreSQL', () => {
  beforeAll(async () => {
    s = await startServer();
    expect(s.config.databaseUrl).toBeTruthy();
    await seedDemoCases(s.app, s.clock);
    const reviewer = await login(s.app, 'reviewer1');
    before.queue = (await s.app.inject({ url: '/api/review/cases', headers: bearer(reviewer.token) })).json();
    const first = before.queue!.cases[0]!.id;
    before.detail = (await s.app.inject({ url: `/api/review/cases/${first}`, headers: bearer(reviewer.token) })).json();
  }, 120_000);

  afterAll(async () => {
    for (const db of databases) await db.drop();
    await s?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('backs up the running server: every case and blob, verified', async () => {
    backupDir = join(tempDir('pg-backup'), 'b1');
    const r = await admin({ DAIBAN_DATA_DIR: s.dir, DATABASE_URL: s.config.databaseUrl! }, 'backup', backupDir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/PostgreSQL/);
    const manifest = BackupManifest.parse(JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')));
    expect(manifest.database).toBe('postgres');
    const db = inspectPostgres(s.config.databaseUrl!);
    try {
      const cases = await db.all<{ id: string; version: number }>(`SELECT id, version FROM cases ORDER BY id`);
      expect(manifest.cases).toEqual(cases);
      const blobs = await db.all<{ sha256: string }>(`SELECT sha256 FROM blobs WHERE complete = 1 ORDER BY sha256`);
      expect(manifest.blobs).toEqual(blobs.map((b) => b.sha256));
      expect(blobs.length).toBeGreaterThan(0);
    } finally {
      db.close();
    }
    expect(readdirSync(backupDir)).toEqual(expect.arrayContaining(['manifest.json', 'daiban.sqlite', 'blobs']));
    const verified = await admin({ DAIBAN_DATA_DIR: s.dir }, 'backup:verify', backupDir);
    expect(verified.code, verified.err).toBe(0);
  }, 60_000);

  it('restores into an empty PostgreSQL database: the same township, audit chains intact', async () => {
    const target = await createTestDatabase();
    databases.push(target);
    const dir = tempDir('pg-restored');
    const r = await admin({ DAIBAN_DATA_DIR: dir, DATABASE_URL: target.url }, 'restore', backupDir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/restored into PostgreSQL/);
    expect(readdirSync(dir)).not.toContain('daiban.sqlite');
    putKeyBack(dir);
    const app = await buildApp(settingsFor(dir, target.url));
    try {
      await sameTownship(app);
    } finally {
      await app.close();
    }
    const audit = await admin({ DAIBAN_DATA_DIR: dir, DATABASE_URL: target.url }, 'audit:verify');
    expect(audit.code, audit.err).toBe(0);

    // Into a database that holds data: refused, and the data folder stays empty.
    const other = tempDir('pg-refused');
    const again = await admin({ DAIBAN_DATA_DIR: other, DATABASE_URL: target.url }, 'restore', backupDir);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/migrate\.target-not-empty|already holds/);
    expect(readdirSync(other)).toEqual([]);
  }, 120_000);

  it('restores a PostgreSQL backup into SQLite', async () => {
    const dir = tempDir('sqlite-restored');
    const r = await admin({ DAIBAN_DATA_DIR: dir }, 'restore', backupDir);
    expect(r.code, r.err).toBe(0);
    putKeyBack(dir);
    const app = await buildApp(settingsFor(dir, null));
    try {
      await sameTownship(app);
    } finally {
      await app.close();
    }
    const audit = await admin({ DAIBAN_DATA_DIR: dir }, 'audit:verify');
    expect(audit.code, audit.err).toBe(0);
  }, 120_000);

  it('a damaged backup is refused before anything is written', async () => {
    const copy = join(tempDir('pg-damaged'), 'b');
    await run('cp', ['-r', backupDir, copy]);
    const file = join(copy, 'daiban.sqlite');
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
    writeFileSync(file, bytes);
    const target = await createTestDatabase();
    databases.push(target);
    const dir = tempDir('pg-damaged-restore');
    const r = await admin({ DAIBAN_DATA_DIR: dir, DATABASE_URL: target.url }, 'restore', copy);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/does not match its manifest hash/);
    expect(readdirSync(dir)).toEqual([]);
    const db = inspectPostgres(target.url);
    try {
      const tables = await db.all(`SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema()`);
      expect(tables).toEqual([]);
    } finally {
      db.close();
    }
  }, 60_000);
});
