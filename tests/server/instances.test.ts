// Three stateless server processes on one PostgreSQL database and one blob folder (a shared
// volume), as they run behind a load balancer: the compiled server (scripts/build-server.mjs) as
// child processes on three ports. The tablet's real sync client (src/sync `drain`) sends each
// request to the next process in turn; one process dies in the middle of an upload (its crash
// point, SIGKILL) and another is killed while a push is in flight; the client retries against the
// others. At the end every case and every file is on the server exactly once, a live stream on
// one process hears a change pushed through another, and a rate limit counts over all three.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../scripts/build-server.mjs';
import { uuidv7, type Mutation } from '../../src/domain';
import { drain } from '../../src/sync/drain';
import { createSyncClient } from '../../src/sync/http';
import { uploadBlob } from '../../src/sync/blob-upload';
import { memoryLocks } from '../../src/sync/lock';
import { DEVICE_ID } from '../unit/sync/fixtures';
import { MemoryDevice } from '../unit/sync/memory-ports';
import { makeJpeg, serverCase } from '../unit/sync/server-fixtures';
import { inspectPostgres, type DbInspector } from './harness';
import { createTestDatabase, onPostgres, type TestDatabase } from './test-database';

const ROOT = join(import.meta.dirname, '../..');
const BUNDLE_DIR = join(ROOT, 'dist-server', `instances-test-${process.pid}`);
const AGENT1_VILLAGE = '341822100201';
const LOOKUP_PER_MINUTE = 30;
const CASES = 12;
/** Small chunks: every file's chunks land on several processes. */
const CHUNK = 8 * 1024;

interface Instance {
  port: number;
  dataDir: string;
  proc?: ChildProcess;
  url: string;
}

let root: string;
let blobDir: string;
let database: TestDatabase;
let db: DbInspector;
const masterKey = randomBytes(32).toString('base64');
const instances: Instance[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const exited = (proc: ChildProcess) =>
  new Promise<NodeJS.Signals | number | null>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve(proc.signalCode ?? proc.exitCode);
    else proc.once('exit', (code, signal) => resolve(signal ?? code));
  });

const alive = (i: Instance) => i.proc !== undefined && i.proc.exitCode === null && i.proc.signalCode === null;

/** Starts the compiled server as process `i`; resolves once it answers /api/ready. */
async function start(i: Instance, crashAt?: string): Promise<void> {
  const proc = spawn(process.execPath, [join(BUNDLE_DIR, 'main.mjs')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      PORT: String(i.port),
      HOST: '127.0.0.1',
      DAIBAN_HTTPS: '0',
      // Its own data folder (pid file, TLS); the database, the blob folder and the key are shared.
      DAIBAN_DATA_DIR: i.dataDir,
      DATABASE_URL: database.url,
      DAIBAN_DB_POOL: '4',
      DAIBAN_BLOB_DIR: blobDir,
      DAIBAN_MASTER_KEY: masterKey,
      DAIBAN_STATIC_DIR: join(root, 'no-static'),
      DAIBAN_PASSWORD_COST: '10',
      DAIBAN_LOG_LEVEL: 'silent',
      DAIBAN_API_PER_MINUTE: '1000000',
      DAIBAN_LOGIN_PER_MINUTE: '1000',
      DAIBAN_LOOKUP_PER_MINUTE: String(LOOKUP_PER_MINUTE),
      ...(crashAt && { DAIBAN_TEST_CRASH_AT: crashAt }),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (d) => (stderr += String(d)));
  i.proc = proc;
  for (let n = 0; n < 300; n++) {
    if (proc.exitCode !== null) throw new Error(`server exited at start (${proc.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`${i.url}/api/ready`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new Error(`server did not start: ${stderr}`);
}

async function kill(i: Instance): Promise<void> {
  if (!i.proc) return;
  if (alive(i)) i.proc.kill('SIGKILL');
  await exited(i.proc);
}

async function login(i: Instance, username: string): Promise<{ token: string; id: string }> {
  const res = await fetch(`${i.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'daiban123' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string; user: { id: string } };
  return { token: body.token, id: body.user.id };
}

/**
 * A load balancer in front of the processes: each request goes to the next live one in turn.
 * `onRequest` sees every request with the process chosen (to kill it while the request is in
 * flight). A process that went away fails the request, as a real balancer's dropped connection
 * would: the client retries, and the balancer has dropped that process from its turn.
 */
function balancer(
  onRequest?: (target: Instance, method: string, path: string) => void,
  /** Sends a request to this process while it is alive (else round robin): the test picks where pushes land. */
  prefer?: (method: string, path: string) => Instance | undefined,
) {
  let next = 0;
  const sent = new Map<Instance, number>();
  const fetchVia = async (input: string, init?: RequestInit): Promise<Response> => {
    const live = instances.filter(alive);
    if (live.length === 0) throw new TypeError('fetch failed: no server process');
    const path = input.replace(/^https?:\/\/[^/]+/, '');
    const method = init?.method ?? 'GET';
    const preferred = prefer?.(method, path);
    const target = preferred && alive(preferred) ? preferred : live[next++ % live.length]!;
    sent.set(target, (sent.get(target) ?? 0) + 1);
    onRequest?.(target, method, path);
    return fetch(`${target.url}${path}`, init);
  };
  return { fetch: fetchVia, sent };
}

const sha256 = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Every stored file under the blob folder (not the unfinished uploads in .incoming). */
function storedFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.incoming') continue;
    if (entry.isDirectory()) out.push(...storedFiles(join(dir, entry.name)));
    else out.push(entry.name);
  }
  return out;
}

const incoming = () => (existsSync(join(blobDir, '.incoming')) ? readdirSync(join(blobDir, '.incoming')) : []);

describe.skipIf(!onPostgres)('three server processes on one PostgreSQL database and one blob folder', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'daiban-instances-'));
    blobDir = join(root, 'shared-blobs');
    mkdirSync(blobDir);
    database = await createTestDatabase();
    await buildServer({ outDir: BUNDLE_DIR, logLevel: 'silent' });
    for (let n = 0; n < 3; n++) {
      const port = await freePort();
      instances.push({ port, dataDir: join(root, `data-${n}`), url: `http://127.0.0.1:${port}` });
    }
    // All three at once on an empty database: migrations and seeding take turns.
    await Promise.all(instances.map((i) => start(i)));
    db = inspectPostgres(database.url);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(instances.map(kill));
    db?.close();
    await database?.drop();
    rmSync(root, { recursive: true, force: true });
    rmSync(BUNDLE_DIR, { recursive: true, force: true });
  }, 60_000);

  it('one rate limit over all processes: requests spread over three trip it at the same count as on one', async () => {
    const statuses = async (urls: string[]) => {
      const out: number[] = [];
      for (const url of urls) out.push((await fetch(url)).status);
      return out;
    };
    const lookup = (i: Instance, n: number) => `${i.url}/api/public/cases/NO-SUCH-${n}?t=AAAAAAAAAAAAAAAAAAAA`;
    // The API route, each request to the next process.
    const spread = await statuses(Array.from({ length: 40 }, (_, n) => lookup(instances[n % 3]!, n)));
    expect(spread.filter((s) => s === 404)).toHaveLength(LOOKUP_PER_MINUTE);
    expect(spread.slice(LOOKUP_PER_MINUTE).every((s) => s === 429)).toBe(true);
    // The HTML page (a bucket of its own) on one process only: the same count.
    const page = (i: Instance, n: number) => `${i.url}/q/NO-SUCH-${n}?t=AAAAAAAAAAAAAAAAAAAA`;
    const single = await statuses(Array.from({ length: 40 }, (_, n) => page(instances[0]!, n)));
    expect(single.filter((s) => s === 404)).toHaveLength(LOOKUP_PER_MINUTE);
    expect(single.slice(LOOKUP_PER_MINUTE).every((s) => s === 429)).toBe(true);
  }, 60_000);

  it('pushes cases with photos through the processes in turn, one dying mid-upload and one mid-push: nothing lost or duplicated', async () => {
    const agent = await login(instances[0]!, 'agent1');
    const device = new MemoryDevice();
    device.token = agent.token;
    const cases = Array.from({ length: CASES }, () => serverCase('YB-JMCB-DJ', AGENT1_VILLAGE, 'agent1', 20_000));
    for (const c of cases) {
      for (const b of c.blobs) device.addBlob(b);
      const mutation: Mutation = {
        id: uuidv7(),
        deviceId: DEVICE_ID,
        createdAt: Date.now(),
        kind: 'case.submit',
        baseVersion: 0,
        payload: c.submission,
      };
      device.enqueue(mutation);
    }
    // Process 1 kills itself after writing the 6th chunk it receives, before acknowledging it.
    await kill(instances[1]!);
    await start(instances[1]!, 'upload.appended@6');
    const dyingMidUpload = instances[1]!.proc!;
    // Pushes go to process 2 while it lives (so the kill below happens whatever the number of
    // uploads before them); it is killed 5 ms after the second push reaches it (the batch in flight).
    let pushesTo2 = 0;
    const isPush = (method: string, path: string) => method === 'POST' && path.startsWith('/api/sync/push');
    const lb = balancer(
      (target, method, path) => {
        if (target !== instances[2] || !isPush(method, path)) return;
        if (++pushesTo2 === 2) setTimeout(() => target.proc?.kill('SIGKILL'), 5);
      },
      (method, path) => (isPush(method, path) ? instances[2] : undefined),
    );
    const ports = device.ports('http://balancer', lb.fetch);
    const outcomes: string[] = [];
    for (let round = 0; round < 30 && (await ports.outbox.pendingCount()) > 0; round++) {
      // The scheduler's back-off is the app's business: here the next drain comes at once.
      for (const r of device.rows) if (r.state === 'failed') r.nextAttemptAt = 0;
      const report = await drain(ports, {
        locks: memoryLocks(),
        chunkSize: CHUNK,
        batchSize: 3,
        groupBytes: 200_000,
        random: () => 0.5,
      });
      outcomes.push(report.outcome);
    }
    expect(alive(instances[1]!), 'process 1 died at its crash point').toBe(false);
    expect(await exited(dyingMidUpload)).toBe('SIGKILL');
    expect(alive(instances[2]!), 'process 2 was killed during a push').toBe(false);
    expect(await exited(instances[2]!.proc!)).toBe('SIGKILL');
    expect(outcomes.at(-1)).toBe('done');
    expect(
      outcomes.some((o) => o !== 'done'),
      'some drain saw a process go away',
    ).toBe(true);
    expect(device.states()).toEqual(Array(CASES).fill('done'));
    expect(lb.sent.get(instances[1]!) ?? 0).toBeGreaterThan(0);
    expect(lb.sent.get(instances[2]!) ?? 0).toBeGreaterThan(0);

    // Every case once, submitted once (version 1, one status change, one audit event).
    const ids = cases.map((c) => c.submission.case.id).sort();
    const rows = await db.all<{ id: string; version: number; status: string }>(
      `SELECT id, version, status FROM cases WHERE agent_id = ? ORDER BY id`,
      [agent.id],
    );
    expect(rows.map((r) => r.id)).toEqual(ids);
    expect(rows.every((r) => Number(r.version) === 1 && r.status === 'submitted')).toBe(true);
    const statusChanges = await db.all<{ case_id: string; n: number }>(
      `SELECT case_id, COUNT(*) AS n FROM changes WHERE type = 'case.status' AND case_id IN (${ids.map(() => '?').join(',')}) GROUP BY case_id`,
      ids,
    );
    expect(statusChanges).toHaveLength(CASES);
    expect(statusChanges.every((r) => Number(r.n) === 1)).toBe(true);
    const submits = await db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM audit WHERE action = 'submit' AND case_id IN (${ids.map(() => '?').join(',')})`,
      ids,
    );
    expect(Number(submits?.n)).toBe(CASES);

    // Every file once: one row, complete, one stored file per hash, the same bytes back.
    const hashes = [...new Set(cases.flatMap((c) => c.blobs.map((b) => b.sha256)))].sort();
    const blobs = await db.all<{ sha256: string; complete: number }>(
      `SELECT sha256, complete FROM blobs ORDER BY sha256`,
    );
    expect(blobs.map((b) => b.sha256)).toEqual(hashes);
    expect(blobs.every((b) => Number(b.complete) === 1)).toBe(true);
    expect(storedFiles(blobDir).sort()).toEqual(hashes);
    expect(await db.all(`SELECT sha256 FROM blob_uploads`)).toEqual([]);
    expect(incoming()).toEqual([]);
    const reader = createSyncClient({ baseUrl: instances[0]!.url, token: () => agent.token });
    for (const c of cases)
      for (const b of c.blobs) expect(sha256(new Uint8Array((await reader.blob(b.sha256)).data))).toBe(b.sha256);
  }, 240_000);

  it('two users sending the same files at once through different processes: each file stored once, both own it', async () => {
    await Promise.all(instances.filter((i) => !alive(i)).map((i) => start(i)));
    const a = await login(instances[0]!, 'agent1');
    const b = await login(instances[1]!, 'agent2');
    const files = Array.from({ length: 6 }, () => makeJpeg(60_000));
    // Each user's requests alternate between two processes, and the two users use different pairs.
    const clientVia = (token: string, pair: [Instance, Instance]) => {
      let n = 0;
      return createSyncClient({
        baseUrl: 'http://balancer',
        token: () => token,
        fetch: (input, init) => fetch(`${pair[n++ % 2]!.url}${input.replace(/^https?:\/\/[^/]+/, '')}`, init),
      });
    };
    const ca = clientVia(a.token, [instances[0]!, instances[1]!]);
    const cb = clientVia(b.token, [instances[2]!, instances[0]!]);
    await Promise.all(
      files.flatMap((f) => [uploadBlob(ca, f, { chunkSize: CHUNK }), uploadBlob(cb, f, { chunkSize: CHUNK })]),
    );
    for (const f of files) {
      expect(await db.get(`SELECT complete FROM blobs WHERE sha256 = ?`, [f.sha256])).toEqual({ complete: 1 });
      const owners = await db.all<{ user_id: string }>(`SELECT user_id FROM blob_owners WHERE sha256 = ?`, [f.sha256]);
      expect(owners.map((o) => o.user_id).sort()).toEqual([a.id, b.id].sort());
      expect(sha256(new Uint8Array((await ca.blob(f.sha256)).data))).toBe(f.sha256);
      expect(sha256(new Uint8Array((await cb.blob(f.sha256)).data))).toBe(f.sha256);
    }
    expect(storedFiles(blobDir).filter((n) => files.some((f) => f.sha256 === n))).toHaveLength(files.length);
    expect(incoming()).toEqual([]);
  }, 120_000);

  it('a live stream on one process hears a change pushed through another', async () => {
    await Promise.all(instances.filter((i) => !alive(i)).map((i) => start(i)));
    const agent = await login(instances[0]!, 'agent1');
    const abort = new AbortController();
    const res = await fetch(`${instances[0]!.url}/api/sync/live?device=tablet-live`, {
      headers: { authorization: `Bearer ${agent.token}` },
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (pattern: RegExp) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no ${pattern} in ${JSON.stringify(text)}`)), 10_000);
      });
      try {
        while (!pattern.test(text)) {
          const { value, done } = await Promise.race([reader.read(), timeout]);
          if (done) throw new Error('stream ended');
          text += decoder.decode(value, { stream: true });
        }
      } finally {
        clearTimeout(timer);
      }
      return pattern.exec(text)!;
    };
    await until(/event: ready/);

    // The case goes through process 1 (uploads and push), the stream listens on process 0.
    const device = new MemoryDevice();
    device.token = agent.token;
    const c = serverCase('YB-JMCB-DJ', AGENT1_VILLAGE, 'agent1', 10_000);
    for (const b of c.blobs) device.addBlob(b);
    device.enqueue({
      id: uuidv7(),
      deviceId: DEVICE_ID,
      createdAt: Date.now(),
      kind: 'case.submit',
      baseVersion: 0,
      payload: c.submission,
    });
    const report = await drain(device.ports(instances[1]!.url), { locks: memoryLocks(), skipPull: true });
    expect(report.outcome).toBe('done');
    const head = await db.get<{ seq: number }>(`SELECT MAX(seq) AS seq FROM changes WHERE case_id = ?`, [
      c.submission.case.id,
    ]);
    const heard = await until(new RegExp(`event: changed\\ndata: \\{"seq":${Number(head?.seq)}\\}`));
    expect(heard).toBeTruthy();
    abort.abort();
  }, 60_000);
});
