// The PostgreSQL adapter on a real PostgreSQL (run with scripts/with-postgres.mjs; skipped on
// SQLite but for the placeholder numbering): migrations, rollback, unique keys, serial
// transactions, sealed personal columns, and the pull cursor's contract under concurrent writers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7, type Change } from '../../src/domain';
import { loadConfig } from '../../src/server/config';
import { openStore, type NewChange, type Store, type Visibility } from '../../src/server/store';
import { LATEST_SCHEMA_VERSION } from '../../src/server/store/migrations';
import { numberPlaceholders, openPostgres } from '../../src/server/store/postgres';
import { UniqueViolation } from '../../src/server/store/sql';
import { buildCase, submitMutation } from './fixtures';
import { keySettings, login, push, startServer, uploadAll } from './harness';
import { createTestDatabase, onPostgres, type TestDatabase } from './test-database';

describe('placeholders', () => {
  it('numbers ? outside quotes, leaves quoted ones alone', () => {
    expect(numberPlaceholders(`SELECT a FROM t WHERE b = ? AND c IN (?, ?) LIMIT ?`)).toBe(
      `SELECT a FROM t WHERE b = $1 AND c IN ($2, $3) LIMIT $4`,
    );
    expect(numberPlaceholders(`SELECT '?', "a?b" FROM t WHERE x = ? AND y LIKE 'it''s ?'`)).toBe(
      `SELECT '?', "a?b" FROM t WHERE x = $1 AND y LIKE 'it''s ?'`,
    );
  });
});

const TOWNSHIP = '341822100';
const visibility: Visibility = { townshipCode: TOWNSHIP };
const scope = { villageCode: null, townshipCode: TOWNSHIP, countyCode: '341822' };
const statusChange = (version: number): NewChange => ({
  type: 'case.status',
  caseId: uuidv7(),
  status: 'accepted',
  version,
  at: Date.now(),
});

describe.runIf(onPostgres)('PostgreSQL store', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function database(): Promise<TestDatabase> {
    const db = await createTestDatabase();
    cleanup.push(() => db.drop());
    return db;
  }
  async function open(url: string, dir = mkdtempSync(join(tmpdir(), 'daiban-pg-store-'))): Promise<Store> {
    const store = await openStore({
      ...loadConfig({ DAIBAN_DATA_DIR: dir, DATABASE_URL: url }),
      keys: keySettings(dir),
    });
    cleanup.push(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return store;
  }

  it('migrates once, also when two processes start at the same time, and records the version', async () => {
    const { url } = await database();
    const dir = mkdtempSync(join(tmpdir(), 'daiban-pg-store-'));
    // Two stores (two pools: as two server processes) migrate the empty database at once.
    const [a, b] = await Promise.all([open(url, dir), open(url, dir)]);
    expect(await a.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(await b.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    const raw = openPostgres(url);
    cleanup.push(() => raw.close());
    const rows = await raw.all<{ version: number; n: number }>(
      `SELECT version, COUNT(*) AS n FROM schema_version GROUP BY version ORDER BY version`,
    );
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(rows.at(-1)?.version).toBe(LATEST_SCHEMA_VERSION);
    // A third start finds nothing to do.
    expect(await (await open(url, dir)).schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
  });

  it('rolls a failed transaction back completely, and reports unique keys as UniqueViolation', async () => {
    const store = await open((await database()).url);
    const d = { code: '341822', name: '县', level: 'county' as const, parentCode: null };
    await expect(
      store.transaction(async (tx) => {
        await tx.divisions.upsert(d);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await store.divisions.get('341822')).toBeUndefined();
    await store.divisions.upsert(d);
    const user = {
      id: 'u1',
      username: 'a',
      name: 'A',
      role: 'admin' as const,
      villageCode: null,
      townshipCode: null,
      countyCode: '341822',
      passwordHash: 'x',
      createdAt: 1,
      disabledAt: null,
      mustChangePassword: false,
    };
    await store.users.insert(user);
    await expect(store.users.insert({ ...user, id: 'u2' })).rejects.toBeInstanceOf(UniqueViolation);
    // The store still works after the failed statement (the connection went back clean).
    expect(await store.users.count()).toBe(1);
    // Large integers (BIGINT) come back as numbers, as on SQLite.
    expect((await store.users.get('u1'))?.createdAt).toBe(1);
  });

  it('runs transactions of two processes one at a time, hiding uncommitted writes from readers', async () => {
    const { url } = await database();
    const dir = mkdtempSync(join(tmpdir(), 'daiban-pg-store-'));
    const a = await open(url, dir);
    const b = await open(url, dir);
    await a.divisions.upsert({ code: '341822', name: '0', level: 'county', parentCode: null });
    // Read-modify-write of one row from two processes, 20 times each: no update is lost.
    const bump = (store: Store) =>
      store.transaction(async (tx) => {
        const n = Number((await tx.divisions.get('341822'))!.name);
        await sleep(1);
        await tx.divisions.upsert({ code: '341822', name: String(n + 1), level: 'county', parentCode: null });
      });
    await Promise.all([...Array.from({ length: 20 }, () => bump(a)), ...Array.from({ length: 20 }, () => bump(b))]);
    expect((await a.divisions.get('341822'))?.name).toBe('40');
    // A write held open is invisible to a reader of the other process until it commits.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const writing = a.transaction(async (tx) => {
      await tx.divisions.upsert({ code: '341822', name: 'open', level: 'county', parentCode: null });
      await gate;
    });
    await sleep(50);
    expect((await b.divisions.get('341822'))?.name).toBe('40');
    release();
    await writing;
    expect((await b.divisions.get('341822'))?.name).toBe('open');
  });

  it('stores personal data sealed: no ID number or phone in clear in any column', async () => {
    const s = await startServer();
    cleanup.push(() => s.close());
    expect(s.config.databaseUrl).toBeTruthy();
    const agent = await login(s.app, 'agent1');
    const built = buildCase({ agentId: agent.user.id, villageCode: agent.user.villageCode!, now: s.clock.now });
    await uploadAll(s.app, agent.token, built.files);
    expect((await push(s.app, agent.token, [submitMutation(built.submission, s.clock.now)])).results[0]?.status).toBe(
      'ok',
    );
    const person = built.submission.applicant;
    const secrets = [person.idNumber, person.phone].filter((v): v is string => typeof v === 'string' && v.length > 0);
    expect(secrets.length).toBeGreaterThan(0);
    const tables = await s.db.all<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'audit'`,
    );
    let values = 0;
    for (const { table_name } of tables) {
      for (const row of await s.db.all<Record<string, unknown>>(`SELECT * FROM ${table_name}`)) {
        for (const [column, v] of Object.entries(row)) {
          values++;
          for (const secret of secrets) expect(String(v).includes(secret), `${table_name}.${column}`).toBe(false);
        }
      }
    }
    expect(values).toBeGreaterThan(100);
    const sealed = await s.db.get<{ data: string }>(`SELECT data FROM persons WHERE id = ?`, [person.id]);
    expect(sealed?.data.startsWith('enc1:')).toBe(true);
  });
});

describe.runIf(onPostgres)('the pull cursor on PostgreSQL', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });
  async function twoProcesses(): Promise<{ url: string; a: Store; b: Store }> {
    const db = await createTestDatabase();
    cleanup.push(() => db.drop());
    const dir = mkdtempSync(join(tmpdir(), 'daiban-pg-cursor-'));
    const config = { ...loadConfig({ DAIBAN_DATA_DIR: dir, DATABASE_URL: db.url }), keys: keySettings(dir) };
    const a = await openStore(config);
    const b = await openStore(config);
    cleanup.push(async () => {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return { url: db.url, a, b };
  }

  /** A device's pull loop: pages after its cursor until empty; returns every seq it received. */
  async function pullAll(store: Store, from: number, into: number[]): Promise<number> {
    let cursor = from;
    for (;;) {
      const page = await store.changes.after(cursor, visibility, 7);
      if (page.length === 0) return cursor;
      for (const row of page) into.push(row.seq);
      cursor = page.at(-1)!.seq;
    }
  }

  it('a bare `seq > ?` on PostgreSQL skips a late commit (why the adapter serialises writers)', async () => {
    // Control: the choreography below without the adapter's lock loses a change, so the test
    // that follows can fail.
    const { url } = await twoProcesses();
    const first = new pg.Client({ connectionString: url });
    const second = new pg.Client({ connectionString: url });
    await first.connect();
    await second.connect();
    cleanup.push(async () => {
      await first.end();
      await second.end();
    });
    const insert = `INSERT INTO changes (township_code, type, payload, created_at) VALUES ($1, 'catalog.item', '{}', 0) RETURNING seq`;
    await first.query('BEGIN');
    const early = Number((await first.query<{ seq: string }>(insert, [TOWNSHIP])).rows[0]!.seq);
    await second.query('BEGIN');
    const late = Number((await second.query<{ seq: string }>(insert, [TOWNSHIP])).rows[0]!.seq);
    await second.query('COMMIT');
    const reader = openPostgres(url);
    cleanup.push(() => reader.close());
    const page = async (after: number) =>
      (await reader.all<{ seq: number }>(`SELECT seq FROM changes WHERE seq > ? ORDER BY seq`, [after])).map(
        (r) => r.seq,
      );
    expect(await page(0)).toEqual([late]);
    await first.query('COMMIT');
    expect(await page(late)).toEqual([]); // `early` committed, but behind the cursor: skipped for good
    expect(early).toBeLessThan(late);
  });

  it('never skips or repeats a change while two processes append concurrently and a device pulls', async () => {
    const { a, b } = await twoProcesses();
    // First, the deterministic case: A takes a seq and holds its transaction open; B's
    // transaction waits for A's commit, so a pull in between sees neither, then both in order.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const aDone = a.transaction(async (tx) => {
      const seq = await tx.changes.append(scope, statusChange(1), Date.now());
      await gate;
      return seq;
    });
    await sleep(30);
    const bDone = b.transaction((tx) => tx.changes.append(scope, statusChange(2), Date.now()));
    await sleep(30);
    const seen: number[] = [];
    let cursor = await pullAll(b, 0, seen);
    expect(seen).toEqual([]);
    release();
    const [seqA, seqB] = await Promise.all([aDone, bDone]);
    expect(seqA).toBeLessThan(seqB);
    cursor = await pullAll(b, cursor, seen);
    expect(seen).toEqual([seqA, seqB]);

    // Then under load: two writers (one per process) append 3 changes per transaction with pauses
    // inside, while a device pulls in pages of 7 and keeps its cursor.
    const write = async (store: Store, n: number) => {
      for (let i = 0; i < n; i++) {
        await store.transaction(async (tx) => {
          for (let k = 0; k < 3; k++) {
            await tx.changes.append(scope, statusChange(i), Date.now());
            await sleep(Math.random() * 3);
          }
        });
      }
    };
    let writing = true;
    const device = (async () => {
      while (writing) {
        cursor = await pullAll(a, cursor, seen);
        await sleep(Math.random() * 4);
      }
      cursor = await pullAll(a, cursor, seen);
    })();
    await Promise.all([write(a, 25), write(b, 25)]);
    writing = false;
    await device;

    const all = (await a.changes.after(0, visibility, 10_000)).map((r) => r.seq);
    expect(all.length).toBe(2 + 2 * 25 * 3);
    expect(seen).toEqual(all); // every change once, in order
    expect(new Set(seen).size).toBe(seen.length);
    const types = new Set((await a.changes.after(0, visibility, 10_000)).map((r) => r.change.type));
    expect(types).toEqual(new Set<Change['type']>(['case.status']));
  });
});
