// How the township server's sync cost grows (issue 12), side by side in one run, on the real server
// (Fastify + SQLite on disk, synchronous=FULL, or PostgreSQL under scripts/with-postgres.mjs,
// over real HTTP):
//  - one push of a 50-mutation batch against a bare Fastify route given the same bodies, and the
//    same batches applied one transaction per mutation (how push worked before) at store level;
//  - a first sync of N changes (every page of 2,000, the app's page, from cursor 0), read by a
//    client in a process of its own (lib/pull-client.ts): the server's time (each page request in
//    the server, summed) and the server process's CPU time against issue 12's 1 s — the
//    first one in a scope reads rows and seals the chunks on the way (cold), a later device's is
//    served from them (warm) — against the previous app's pages of 200 read by rows, the whole
//    time, and bytes on the wire plain against br and gzip;
//  - one pull page at an early cursor against one at a late cursor (flat = 1×), and (SQLite) the
//    page's SQL against the former `seq > ? AND (own OR everyone)` query from the same cursor.
// The feed is made by a generator (`seedFeed`): real person and case.status changes in agent1's
// village, N of them. DAIBAN_BENCH_CHANGES sets N (default 10,000; 100,000 takes ~1 min more).
// DAIBAN_BENCH_ONLY=push or =pull runs one half. On PostgreSQL:
//   node scripts/with-postgres.mjs npm run bench -- server-scale
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import { fork } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { MAX_PULL_PAGE, uuidv7, type Change, type Mutation, type PushRequest } from '../../src/domain';
import { versionHeaders } from '../../src/domain/api';
import { toAuthUser } from '../../src/server/auth/user';
import type { NewChange, Scope, Store } from '../../src/server/store';
import { applyBatch, applyMutation } from '../../src/server/sync/apply';
import { drain } from '../../src/sync/drain';
import { DEVICE_ID, type TestBlob } from '../unit/sync/fixtures';
import { MemoryDevice } from '../unit/sync/memory-ports';
import { AGENT_VILLAGE, startRealServer, type RunningServer } from '../unit/sync/real-server';
import { serverCase } from '../unit/sync/server-fixtures';
import type { PullJob, PullReport } from './lib/pull-client';
import { onPostgres } from '../server/test-database';

interface BenchResult {
  figure: string;
  unit: string;
  value: number;
  baseline?: { label: string; value: number };
}

const BATCH = 50;
const PUSH_ROUNDS = 10;
const CHANGES = Number(process.env.DAIBAN_BENCH_CHANGES ?? 10_000);
/** The page the previous app asked for: read by rows (the flat-cost figures). */
const PAGE = 200;
/** The page this app's first sync asks for (src/sync/drain.ts): served from sealed chunks. */
const SYNC_PAGE = MAX_PULL_PAGE;
const PAGE_RUNS = 20;

const DB = onPostgres ? 'PostgreSQL' : 'SQLite';

/** User + system CPU time of this process since `from`, in ms. */
const cpuMs = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Raw {
  status: number;
  body: Buffer;
}

/** One request; the body is the bytes received, not decoded. */
function send(url: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: body === undefined ? 'GET' : 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed while idle (the seeding takes a while): sent again
      // on a new socket, as Node's documentation advises for idempotent requests (pulls are; a
      // push sent twice is answered from the stored results).
      if (req.reusedSocket && error.code === 'ECONNRESET') send(url, headers, body).then(resolve, reject);
      else reject(error);
    });
    req.end(body);
  });
}

/** Submissions whose files are already on the server: push cost only. */
function submissions(n: number, shared: TestBlob[]): Mutation[] {
  const out: Mutation[] = [];
  for (let i = 0; i < n; i++) {
    const c = serverCase('YB-JMCB-DJ', AGENT_VILLAGE, 'agent1', 2_000);
    let k = 0;
    for (const m of c.submission.materials) {
      for (const p of m.pages) p.sha256 = shared[k++ % shared.length]!.sha256;
      if (m.signature) m.signature.sha256 = shared[k++ % shared.length]!.sha256;
    }
    out.push({ id: uuidv7(), deviceId: DEVICE_ID, createdAt: Date.now(), kind: 'case.submit', baseVersion: 0, payload: c.submission });
  }
  return out;
}

async function uploadShared(server: RunningServer, token: string): Promise<TestBlob[]> {
  const c = serverCase('YB-JMCB-DJ', AGENT_VILLAGE, 'agent1', 50_000);
  const d = new MemoryDevice();
  d.token = token;
  for (const b of c.blobs) d.addBlob(b);
  d.enqueue({ id: uuidv7(), deviceId: DEVICE_ID, createdAt: Date.now(), kind: 'case.submit', baseVersion: 0, payload: c.submission });
  const report = await drain(d.ports(server.baseUrl), { skipPull: true });
  if (report.accepted !== 1) throw new Error(`seed upload failed: ${JSON.stringify(report)}`);
  return c.blobs;
}

/** The floor: Fastify parsing the same JSON and answering ok, no validation, no database. */
async function bareServer() {
  const app = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024 });
  app.post('/api/sync/push', async (req) => ({
    results: (req.body as PushRequest).mutations.map((m) => ({ id: m.id, status: 'ok', version: 1 })),
  }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, baseUrl: `http://127.0.0.1:${port}` };
}

async function pushBatch(server: RunningServer, token: string, shared: TestBlob[]): Promise<BenchResult[]> {
  const bare = await bareServer();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...versionHeaders() };
  const bodies = Array.from({ length: PUSH_ROUNDS + 2 }, () =>
    JSON.stringify({ deviceId: DEVICE_ID, mutations: submissions(BATCH, shared) }),
  );
  const time = async (base: string, body: string) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = await send(`${base}/api/sync/push`, headers, body);
    const ms = performance.now() - t0;
    const cpu = cpuMs(c0);
    const results = (JSON.parse(res.body.toString()) as { results: { status: string }[] }).results;
    if (res.status !== 200 || results.some((r) => r.status !== 'ok')) throw new Error(`push: ${res.status}`);
    return { ms, cpu };
  };
  try {
    const real: number[] = [];
    const floor: number[] = [];
    const realCpu: number[] = [];
    const floorCpu: number[] = [];
    // Alternate the two so both see the same machine load; the first two rounds warm up.
    for (const [i, body] of bodies.entries()) {
      const r = await time(server.baseUrl, body);
      const b = await time(bare.baseUrl, body);
      if (i < 2) continue;
      real.push(r.ms);
      floor.push(b.ms);
      realCpu.push(r.cpu);
      floorCpu.push(b.cpu);
    }
    const results: BenchResult[] = [
      {
        figure: `push on ${DB}: one batch of ${BATCH} case submissions (rules re-run, one transaction, median of ${PUSH_ROUNDS})`,
        unit: 'mutations/s',
        value: BATCH / (median(real) / 1000),
        baseline: { label: 'bare Fastify route, same bodies', value: BATCH / (median(floor) / 1000) },
      },
      {
        // CPU time resists a busy machine better than wall time (on PostgreSQL the database's own CPU is not in it).
        figure: `push on ${DB}: the same batches by CPU time of this process (median of ${PUSH_ROUNDS})`,
        unit: 'mutations/s',
        value: BATCH / (median(realCpu) / 1000),
        baseline: { label: 'bare Fastify route, same bodies', value: BATCH / (median(floorCpu) / 1000) },
      },
    ];

    // Store level, no HTTP: the batch in one transaction against one transaction per mutation.
    const store = server.app.store;
    const user = toAuthUser((await store.users.byUsername('agent1'))!);
    const options = { store, user, deviceId: DEVICE_ID, now: Date.now() };
    const batched: number[] = [];
    const single: number[] = [];
    for (let i = 0; i < 4; i++) {
      let ms = submissions(BATCH, shared);
      let t0 = performance.now();
      await applyBatch(ms, options);
      batched.push(performance.now() - t0);
      ms = submissions(BATCH, shared);
      t0 = performance.now();
      for (const m of ms) await applyMutation(m, options);
      single.push(performance.now() - t0);
    }
    results.push({
      figure: `push at store level on ${DB}: ${BATCH} submissions in one transaction with savepoints`,
      unit: 'mutations/s',
      value: BATCH / (median(batched) / 1000),
      baseline: { label: 'one transaction per mutation (before)', value: BATCH / (median(single) / 1000) },
    });
    return results;
  } finally {
    await bare.app.close();
  }
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂';
const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

/**
 * The data generator: `n` changes in the village's scope, made from the real person and
 * case.status changes the pushes left (new ids, names, ID and phone numbers, times), appended
 * through the store (sealed at rest like the real ones) in transactions of 5,000.
 */
async function seedFeed(store: Store, n: number): Promise<void> {
  const templates = (await store.changes.after(0, { villageCode: AGENT_VILLAGE }, 2_000)).map((r) => r.change);
  const person = templates.find((c) => c.type === 'person');
  const status = templates.find((c) => c.type === 'case.status');
  if (!person || !status) throw new Error('no template changes');
  const scope: Scope = { villageCode: AGENT_VILLAGE, townshipCode: AGENT_VILLAGE.slice(0, 9) + '000', countyCode: AGENT_VILLAGE.slice(0, 6) + '000000' };
  const strip = ({ seq: _seq, ...rest }: Change) => rest as NewChange;
  for (let done = 0; done < n; ) {
    const size = Math.min(5_000, n - done);
    await store.transaction(async (tx) => {
      for (let i = 0; i < size; i++) {
        const at = Date.now() - randomInt(365 * 86_400_000);
        const change: NewChange =
          i % 2 === 0 && person.type === 'person'
            ? strip({
                ...person,
                person: {
                  ...person.person,
                  id: uuidv7(),
                  name: SURNAMES[randomInt(SURNAMES.length)]! + GIVEN[randomInt(GIVEN.length)]! + GIVEN[randomInt(GIVEN.length)]!,
                  idNumber: `341822${1940 + randomInt(60)}${digits(8)}`,
                  phone: `13${digits(9)}`,
                  createdAt: at,
                  updatedAt: at,
                },
              })
            : strip({ ...status, caseId: uuidv7(), version: 1 + randomInt(4), at } as Change);
        await tx.changes.append(scope, change, at);
      }
    });
    done += size;
  }
}

/**
 * PostgreSQL plans from table statistics; a live server's autovacuum gathers them within a minute
 * of a bulk write, while the bench reads right after writing N rows: gather them as it would.
 */
async function analyze(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('ANALYZE changes');
  } finally {
    await client.end();
  }
}

/**
 * The server's side of requests to one route: the wall time from each request's arrival to its
 * answer handed to the socket, summed. With the client in another process, that time is the
 * server's alone.
 */
function routeTimer(server: RunningServer, path: string) {
  let ms = 0;
  let requests = 0;
  server.app.server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith(path)) return;
    const t0 = performance.now();
    res.once('finish', () => {
      ms += performance.now() - t0;
      requests++;
    });
  });
  return {
    take() {
      const out = { ms, requests };
      ms = 0;
      requests = 0;
      return out;
    },
  };
}

/** The device of a first sync: a process of its own (lib/pull-client.ts), so that this one's CPU time is the server's. */
async function pullClient() {
  const child = fork(fileURLToPath(new URL('./lib/pull-client.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('error', reject);
  });
  const ask = (job: PullJob) =>
    new Promise<PullReport>((resolve, reject) => {
      child.once('message', (m: { report?: PullReport; error?: string }) =>
        m.report ? resolve(m.report) : reject(new Error(`pull client: ${m.error}`)),
      );
      child.send(job);
    });
  return { ask, close: () => void child.kill() };
}

type FirstSync = PullReport & { server: number; cpu: number };

/**
 * Every page from cursor 0, as a first sync reads them, by the client process: `server` sums the
 * route's time in the server, `cpu` is this (the server's) process's CPU time meanwhile.
 */
async function firstSync(
  client: Awaited<ReturnType<typeof pullClient>>,
  timer: ReturnType<typeof routeTimer>,
  base: string,
  token: string,
  encoding: string | null,
  limit = SYNC_PAGE,
): Promise<FirstSync> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...versionHeaders() };
  timer.take();
  const c0 = process.cpuUsage();
  const report = await client.ask({ url: `${base}/api/sync/pull`, headers, encoding, limit });
  const cpu = cpuMs(c0);
  return { ...report, server: timer.take().ms, cpu };
}

async function pageTimes(base: string, token: string, cursor: number): Promise<number> {
  const headers = { authorization: `Bearer ${token}`, ...versionHeaders() };
  const times: number[] = [];
  for (let i = 0; i < PAGE_RUNS; i++) {
    const t0 = performance.now();
    const res = await send(`${base}/api/sync/pull?cursor=${cursor + i}&limit=${PAGE}`, headers);
    times.push(performance.now() - t0);
    if ((JSON.parse(res.body.toString()) as { changes: unknown[] }).changes.length !== PAGE) throw new Error('page not full');
  }
  return median(times);
}

/** The page's SQL now, against the query before migration 12, from the same cursor. */
function sqlTimes(file: string, cursor: number) {
  const db = new Database(file, { readonly: true });
  try {
    const everyone = 'village_code IS NULL AND township_code IS NULL AND county_code IS NULL';
    const now = db.prepare(
      `SELECT seq, payload FROM changes WHERE village_code = ? AND seq > ? UNION ALL SELECT seq, payload FROM changes WHERE ${everyone} AND seq > ? ORDER BY seq LIMIT ?`,
    );
    const before = db.prepare(`SELECT seq, payload FROM changes WHERE seq > ? AND (village_code = ? OR (${everyone})) ORDER BY seq LIMIT ?`);
    const time = (fn: () => unknown) => {
      const ts: number[] = [];
      for (let i = 0; i < PAGE_RUNS; i++) {
        const t0 = performance.now();
        fn();
        ts.push(performance.now() - t0);
      }
      return median(ts);
    };
    return {
      now: time(() => now.all(AGENT_VILLAGE, cursor, cursor, PAGE)),
      before: time(() => before.all(cursor, AGENT_VILLAGE, PAGE)),
    };
  } finally {
    db.close();
  }
}

async function pulls(server: RunningServer, token: string): Promise<BenchResult[]> {
  // Early = the first generated rows (the catalogue's large rows before them would skew the page).
  const first = (await server.app.store.changes.head()) + 1;
  const t0 = performance.now();
  await seedFeed(server.app.store, CHANGES);
  const seeded = (performance.now() - t0) / 1000;
  if (server.config.databaseUrl) await analyze(server.config.databaseUrl);
  const client = await pullClient();
  const timer = routeTimer(server, '/api/sync/pull');
  const sync = (encoding: string | null, limit?: number) =>
    firstSync(client, timer, server.baseUrl, token, encoding, limit);
  let rows: FirstSync, cold: FirstSync, plain: FirstSync, br: FirstSync, gzip: FirstSync;
  try {
    rows = await sync(null, PAGE);
    cold = await sync(null);
    plain = await sync(null);
    br = await sync('br');
    gzip = await sync('gzip');
  } finally {
    client.close();
  }
  const head = await server.app.store.changes.head();
  const early = await pageTimes(server.baseUrl, token, first);
  const late = await pageTimes(server.baseUrl, token, head - PAGE - PAGE_RUNS - 1);
  if (new Set([rows, cold, plain, br, gzip].map((r) => r.changes)).size !== 1) throw new Error('first syncs differ in changes');
  const n = `${plain.changes.toLocaleString('en-US')} changes`;
  const results: BenchResult[] = [
    {
      figure: `first sync of ${n} on ${DB}: server time, each page request from its arrival to its answer handed to the socket, summed (pages of ${SYNC_PAGE} from sealed chunks, plain; br: ${Math.round(br.server)} ms)`,
      unit: 'ms',
      value: plain.server,
      baseline: { label: 'issue 12 target', value: 1000 },
    },
    {
      figure: `first sync of ${n} on ${DB}: the same, the scope's first one (reads rows, seals the chunks on the way)`,
      unit: 'ms',
      value: cold.server,
      baseline: { label: `pages of ${PAGE} by rows (the previous app)`, value: rows.server },
    },
    {
      // The client is another process: this one's CPU time is the server's (with PostgreSQL's own
      // processes outside it). CPU time resists a busy machine better than wall time.
      figure: `first sync of ${n} on ${DB}: CPU time of the server process (chunks, plain; br: ${Math.round(br.cpu)} ms; issue 12 target 1,000 ms of server time)`,
      unit: 'ms',
      value: plain.cpu,
      baseline: { label: `pages of ${PAGE} by rows (the previous app)`, value: rows.cpu },
    },
    {
      figure: `first sync of ${n} (pages of ${SYNC_PAGE} from cursor 0, loopback, br; feed made in ${seeded.toFixed(1)} s)`,
      unit: 'ms',
      value: br.ms,
      baseline: { label: 'the same, plain JSON', value: plain.ms },
    },
    {
      figure: `first sync of ${n}: body bytes on the wire, br`,
      unit: 'bytes',
      value: br.bytes,
      baseline: { label: 'plain JSON', value: plain.bytes },
    },
    {
      figure: `first sync of ${n}: body bytes on the wire, gzip`,
      unit: 'bytes',
      value: gzip.bytes,
      baseline: { label: 'plain JSON', value: plain.bytes },
    },
    {
      figure: `pull page of ${PAGE} at an early cursor, feed of ${n} (median of ${PAGE_RUNS}, plain)`,
      unit: 'ms',
      value: early,
      baseline: { label: 'the same page size at a late cursor', value: late },
    },
  ];
  // The SQL comparison reads the SQLite file directly.
  if (!onPostgres) {
    const sql = sqlTimes(server.config.dbFile, first);
    results.push({
      figure: `pull page SQL at an early cursor, feed of ${n}: two index ranges merged`,
      unit: 'ms',
      value: sql.now,
      baseline: { label: 'former seq > ? AND (own OR everyone)', value: sql.before },
    });
  }
  return results;
}

export async function run(): Promise<BenchResult[]> {
  // Answers are not re-parsed against the contract here: production does not either.
  const server = await startRealServer({ checkResponses: false });
  try {
    const token = await server.login('agent1');
    const shared = await uploadShared(server, token);
    const only = process.env.DAIBAN_BENCH_ONLY; // 'push' or 'pull': one half only
    const results = only === 'pull' ? [] : await pushBatch(server, token, shared);
    if (only !== 'push') results.push(...(await pulls(server, token)));
    return results;
  } finally {
    await server.close();
  }
}
