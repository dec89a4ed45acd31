// What several server processes on one database share (store/sql.ts `Cluster`), each "process"
// being an adapter of its own (its own pools and connections) on the same database: named locks,
// rate-limit counters, and LISTEN/NOTIFY with the live notifier on top. The counters' SQL is
// portable and also runs on SQLite; the rest needs PostgreSQL.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { clusterNotifier, type ClusterNotifier } from '../../src/server/live/cluster-notifier';
import { migrate } from '../../src/server/store/migrations';
import { openPostgres } from '../../src/server/store/postgres';
import { rateLimitRepo } from '../../src/server/store/repos/rate-limits';
import type { SqlDatabase } from '../../src/server/store/sql';
import { openSqlite } from '../../src/server/store/sqlite';
import { createTestDatabase, onPostgres, type TestDatabase } from './test-database';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

let database: TestDatabase | undefined;
const opened: SqlDatabase[] = [];

/** One server process's adapter on the shared database; on SQLite the one process's database. */
async function processDb(): Promise<SqlDatabase> {
  if (!database && opened[0]) return opened[0];
  const db = database ? openPostgres(database.url, { poolSize: 4, lockConnections: 3 }) : openSqlite(':memory:');
  opened.push(db);
  if (!database) await migrate(db);
  return db;
}

/** A superuser's look at the database: find and end other connections (a process that died). */
async function terminate(where: string): Promise<number> {
  const admin = new pg.Client({ connectionString: database!.url });
  await admin.connect();
  try {
    const r = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND ${where}`,
    );
    return r.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

beforeAll(async () => {
  if (onPostgres) database = await createTestDatabase({ migrated: true });
}, 60_000);
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close().catch(() => undefined)));
});
afterAll(async () => {
  await database?.drop();
});

describe('rate-limit counters', () => {
  it('count every hit of every process once in one window, start again when it ends, and prune ended ones', async () => {
    const [a, b] = [
      rateLimitRepo((await processDb()).cluster.direct),
      rateLimitRepo((await processDb()).cluster.direct),
    ];
    const t0 = 1_000_000;
    const hits = await Promise.all(Array.from({ length: 40 }, (_, n) => (n % 2 ? a : b).hit('ip:1', t0, 60_000)));
    expect(hits.map((h) => h.hits).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, n) => n + 1));
    expect(new Set(hits.map((h) => h.resetAt))).toEqual(new Set([t0 + 60_000]));
    expect(await a.peek('ip:1', t0 + 59_999)).toEqual({ hits: 40, resetAt: t0 + 60_000 });
    expect(await b.hit('ip:2', t0, 60_000)).toEqual({ hits: 1, resetAt: t0 + 60_000 });
    // The window has ended: the next hit starts a new one.
    expect(await a.peek('ip:1', t0 + 60_000)).toEqual({ hits: 0, resetAt: 0 });
    expect(await b.hit('ip:1', t0 + 60_000, 60_000)).toEqual({ hits: 1, resetAt: t0 + 120_000 });
    expect(await a.prune(t0 + 60_000)).toBe(1); // ip:2's window; ip:1 has a new one
    expect(await a.peek('ip:1', t0 + 60_001)).toEqual({ hits: 1, resetAt: t0 + 120_000 });
  });
});

describe.skipIf(!onPostgres)('named locks across processes (PostgreSQL advisory locks)', () => {
  it('one holder at a time over two processes; other names do not wait', async () => {
    const [a, b] = [await processDb(), await processDb()];
    let inside = 0;
    let most = 0;
    const order: string[] = [];
    const work = (who: string) => async () => {
      inside++;
      most = Math.max(most, inside);
      order.push(`${who}+`);
      await sleep(5);
      order.push(`${who}-`);
      inside--;
    };
    await Promise.all(
      Array.from({ length: 12 }, (_, n) => (n % 2 ? a : b).cluster.exclusive('blob:x', work(n % 2 ? 'a' : 'b'))),
    );
    expect(most).toBe(1);
    expect(order.filter((o) => o.startsWith('a'))).toHaveLength(12);

    // A holds x; B takes y at once.
    let release!: () => void;
    const held = a.cluster.exclusive('blob:x', () => new Promise<void>((r) => (release = r)));
    await eventually(() => release !== undefined, 'a to hold x');
    let yTaken = false;
    await b.cluster.exclusive('blob:y', async () => {
      yTaken = true;
    });
    expect(yTaken).toBe(true);
    // B waits for x until A lets go.
    let xTaken = false;
    const waiting = b.cluster.exclusive('blob:x', async () => {
      xTaken = true;
    });
    await sleep(200);
    expect(xTaken).toBe(false);
    release();
    await Promise.all([held, waiting]);
    expect(xTaken).toBe(true);
  });

  it('a process that dies holding a lock releases it', async () => {
    const [a, b] = [await processDb(), await processDb()];
    let holding = false;
    let finish!: () => void;
    const dying = a.cluster.exclusive('blob:z', async () => {
      holding = true;
      await new Promise<void>((r) => (finish = r)); // still at work when its connection goes
    });
    await eventually(() => holding, 'a to hold z');
    let taken = false;
    const waiting = b.cluster.exclusive('blob:z', async () => {
      taken = true;
    });
    await sleep(200);
    expect(taken).toBe(false);
    // The holder's connection goes away, as when its process is killed.
    const holders = await terminate(
      `pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = (SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted LIMIT 1))`,
    );
    expect(holders).toBe(1);
    await waiting;
    expect(taken).toBe(true);
    finish();
    await dying; // its adapter survives the lost connection and hands the pool a new one
    await a.cluster.exclusive('blob:z', async () => undefined);
  });
});

describe.skipIf(!onPostgres)('LISTEN/NOTIFY between processes', () => {
  const notifiers: ClusterNotifier[] = [];
  afterEach(async () => {
    await Promise.all(notifiers.splice(0).map((n) => n.close()));
  });

  it('a message sent by one process reaches the listeners of every process; a lost connection is reconnected', async () => {
    const [a, b] = [await processDb(), await processDb()];
    const heard: string[] = [];
    let lost = 0;
    let reconnected = 0;
    const listening = a.cluster.listen('daiban_test', {
      message: (p) => heard.push(p),
      lost: () => lost++,
      reconnected: () => reconnected++,
    });
    await listening.ready;
    await b.cluster.notify('daiban_test', 'one');
    await eventually(() => heard.length === 1, 'the first message');
    expect(await terminate(`query = 'LISTEN daiban_test'`)).toBe(1);
    await eventually(() => reconnected === 1, 'the reconnect');
    expect(lost).toBe(1);
    await b.cluster.notify('daiban_test', 'two');
    await eventually(() => heard.length === 2, 'the message after the reconnect');
    expect(heard).toEqual(['one', 'two']);
    await listening.close();
    await b.cluster.notify('daiban_test', 'three');
    await sleep(200);
    expect(heard).toEqual(['one', 'two']);
  });

  it('a process that cannot LISTEN does not start: the notifier says why', async () => {
    const url = new URL(database!.url);
    url.port = '1'; // nothing listens there
    const db = openPostgres(url.toString(), { poolSize: 2 });
    opened.push(db);
    await expect(
      clusterNotifier(db.cluster, { head: async () => 0, warn: () => undefined, readyMs: 1_000 }),
    ).rejects.toThrow('could not LISTEN on PostgreSQL within 1 s');
  });

  it('live hints: a hint published by one process reaches the streams of its scope in the others, once', async () => {
    const [a, b] = [await processDb(), await processDb()];
    let head = 0;
    const options = { head: async () => head, warn: () => undefined };
    const na = await clusterNotifier(a.cluster, options);
    const nb = await clusterNotifier(b.cluster, options);
    notifiers.push(na, nb);
    const village: number[] = [];
    const otherVillage: number[] = [];
    const township: number[] = [];
    const local: number[] = [];
    na.subscribe({ villageCode: 'v1' }, (seq) => village.push(seq));
    na.subscribe({ villageCode: 'v2' }, (seq) => otherVillage.push(seq));
    na.subscribe({ townshipCode: 't1' }, (seq) => township.push(seq));
    nb.subscribe({ villageCode: 'v1' }, (seq) => local.push(seq));

    nb.publish({ scope: { villageCode: 'v1', townshipCode: 't1', countyCode: 'c1' }, seq: 7 });
    expect(local).toEqual([7]); // at once in the publishing process
    await eventually(() => village.length === 1 && township.length === 1, 'the hint in the other process');
    await sleep(200); // no echo of its own hint back to the publisher
    expect({ village, township, otherVillage, local }).toEqual({
      village: [7],
      township: [7],
      otherVillage: [],
      local: [7],
    });

    // Hints sent while a process was not listening are lost: after the reconnect, every stream
    // there is told the feed's newest seq, so each device pulls.
    head = 12;
    expect(await terminate(`query = 'LISTEN daiban_changes'`)).toBe(2);
    await eventually(() => otherVillage.length === 1 && local.length === 2, 'the catch-up hint');
    expect(otherVillage).toEqual([12]);
    expect(local).toEqual([7, 12]);
  });
});
