// A server killed (SIGKILL, like a power cut) at every step of an upload must never leave a file
// stuck: the real server runs as a child process (src/server/main.ts, bundled once as for
// production by scripts/build-server.mjs, so a restart takes a second) with a test-only crash
// point (DAIBAN_TEST_CRASH_AT, read only under NODE_ENV=test), dies there, is started again on
// the same data folder, and the tablet's real upload client (src/sync/blob-upload.ts) finishes
// the file with the right bytes — or the server says why not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../scripts/build-server.mjs';
import { createSyncClient, type SyncClient } from '../../src/sync/http';
import { uploadBlob } from '../../src/sync/blob-upload';
import type { CrashPoint } from '../../src/server/blobs/crash-point';
import { inspectDb, type DbInspector } from './harness';
import { fakeJpeg, sha256 } from './fixtures';
import { onPostgres } from './test-database';

const ROOT = join(import.meta.dirname, '../..');
const CHUNK = 128 * 1024;
/** Three chunks: 128 KB, 128 KB, and the rest. */
const FILE_BYTES = 2 * CHUNK + 40_000;

/** Inside the worktree (git-ignored), so the bundle's packages resolve from its node_modules. */
const BUNDLE_DIR = join(ROOT, 'dist-server', `crash-test-${process.pid}`);

let dir: string;
let port: number;
let child: ChildProcess | undefined;
let db: DbInspector | undefined;
const clients: Record<string, SyncClient> = {};
const ids: Record<string, string> = {};

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

/** Starts the bundled server on the shared data folder; resolves once it answers /api/ready. */
async function startChild(crashAt?: string): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [join(BUNDLE_DIR, 'main.mjs')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DAIBAN_HTTPS: '0',
      DAIBAN_DATA_DIR: dir,
      DAIBAN_STATIC_DIR: join(dir, 'no-static'),
      DAIBAN_PASSWORD_COST: '10',
      DAIBAN_LOG_LEVEL: 'silent',
      DAIBAN_API_PER_MINUTE: '1000000',
      DAIBAN_LOGIN_PER_MINUTE: '1000',
      ...(crashAt && { DAIBAN_TEST_CRASH_AT: crashAt }),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  spawned.add(proc);
  let stderr = '';
  proc.stderr?.on('data', (d) => (stderr += String(d)));
  for (let i = 0; i < 300; i++) {
    if (proc.exitCode !== null) throw new Error(`server exited at start (${proc.exitCode}): ${stderr}`);
    try {
      // Each probe gives up after 2 s: once in CI one probe never answered, the scenario timed out
      // with its server still listening, and the next scenario's server found the port taken.
      const probe = await fetch(`http://127.0.0.1:${port}/api/ready`, { signal: AbortSignal.timeout(2_000) });
      if (probe.ok) return proc;
    } catch {
      /* not listening yet, or the probe timed out */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new Error(`server did not start: ${stderr}`);
}

const exited = (proc: ChildProcess) =>
  new Promise<NodeJS.Signals | number | null>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve(proc.signalCode ?? proc.exitCode);
    else proc.once('exit', (code, signal) => resolve(signal ?? code));
  });

/** Every server this file started: a scenario that timed out must not leave one holding the port. */
const spawned = new Set<ChildProcess>();

async function stopChild(): Promise<void> {
  for (const proc of [...spawned]) {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    await exited(proc);
    spawned.delete(proc);
  }
  child = undefined;
}

async function login(username: string): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'daiban123' }),
  });
  const body = (await res.json()) as { token: string; user: { id: string } };
  clients[username] = createSyncClient({ baseUrl: `http://127.0.0.1:${port}`, token: () => body.token });
  ids[username] = body.user.id;
}

const asBlob = (b: Buffer) => ({
  sha256: sha256(b),
  mime: 'image/jpeg',
  data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer,
});

async function download(username: string, hash: string): Promise<Buffer> {
  const token = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'daiban123' }),
  }).then(async (r) => ((await r.json()) as { token: string }).token);
  const res = await fetch(`http://127.0.0.1:${port}/api/blobs/${hash}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'daiban-crash-'));
  await buildServer({ outDir: BUNDLE_DIR, logLevel: 'silent' });
  port = await freePort();
  child = await startChild();
  await login('agent1');
  await login('agent2');
  db = inspectDb(join(dir, 'daiban.sqlite'));
}, 60_000);

afterAll(async () => {
  db?.close();
  await stopChild();
  rmSync(dir, { recursive: true, force: true });
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
});

interface Scenario {
  point: CrashPoint;
  nth?: number;
  /** The file is already stored by agent1: agent2's upload is a proof of possession. */
  dedup?: boolean;
  /** After the restart the client sends from offset 0 without asking (PATCH, not HEAD). */
  patchFirst?: boolean;
}

const SCENARIOS: Scenario[] = [
  { point: 'upload.begun' },
  { point: 'upload.appended' },
  { point: 'upload.acknowledged', nth: 2 },
  { point: 'upload.appended', nth: 3 },
  { point: 'upload.appended', nth: 3, patchFirst: true },
  { point: 'upload.acknowledged', nth: 3 },
  { point: 'upload.verified' },
  { point: 'upload.verified', patchFirst: true },
  { point: 'upload.sealed' }, // sealed copy renamed into place, plain part not yet removed
  { point: 'upload.renamed' },
  { point: 'upload.renamed', patchFirst: true },
  { point: 'upload.completing' },
  { point: 'upload.completed' },
  { point: 'upload.appended', nth: 3, dedup: true },
  { point: 'upload.verified', dedup: true },
  { point: 'upload.owned', dedup: true },
];

// The compiled server as child processes on its own SQLite data folder; the SQLite run covers it.
describe.skipIf(onPostgres)('server killed at every step of an upload', () => {
  for (const sc of SCENARIOS) {
    const name = `${sc.point}@${sc.nth ?? 1}${sc.dedup ? ' (file already stored by another user)' : ''}${sc.patchFirst ? ', resumed by PATCH' : ''}`;
    it(
      name,
      async () => {
        const file = fakeJpeg(FILE_BYTES);
        const hash = sha256(file);
        const uploader = sc.dedup ? 'agent2' : 'agent1';
        if (sc.dedup) await uploadBlob(clients.agent1!, asBlob(file), { chunkSize: CHUNK });

        await stopChild();
        child = await startChild(`${sc.point}@${sc.nth ?? 1}`);
        const dying = child;
        await expect(uploadBlob(clients[uploader]!, asBlob(file), { chunkSize: CHUNK })).rejects.toThrow();
        expect(await exited(dying), 'killed at the crash point').toBe('SIGKILL');

        child = await startChild();
        const report = await uploadBlob(clients[uploader]!, asBlob(file), {
          chunkSize: CHUNK,
          firstAttempt: sc.patchFirst ?? false,
        });
        expect(report.bytes).toBe(file.length);
        expect(await clients[uploader]!.blobStatus(hash)).toEqual({ offset: file.length, complete: true });
        expect((await download(uploader, hash)).equals(file)).toBe(true);

        // Nothing left half-done: one complete row, its owners, no upload, no part file.
        expect(await db!.get(`SELECT size, complete FROM blobs WHERE sha256 = ?`, [hash])).toEqual({
          size: file.length,
          complete: 1,
        });
        const owners = await db!.all<{ user_id: string }>(`SELECT user_id FROM blob_owners WHERE sha256 = ?`, [hash]);
        expect(owners.map((o) => o.user_id).sort()).toEqual(
          (sc.dedup ? [ids.agent1!, ids.agent2!] : [ids.agent1!]).sort(),
        );
        expect(await db!.all(`SELECT * FROM blob_uploads WHERE sha256 = ?`, [hash])).toEqual([]);
        const incoming = join(dir, 'blobs', '.incoming');
        expect((existsSync(incoming) ? readdirSync(incoming) : []).filter((f) => f.startsWith(hash))).toEqual([]);
      },
      60_000,
    );
  }
});
