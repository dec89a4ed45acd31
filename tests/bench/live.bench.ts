// Live change hints (GET /api/sync/live) at township scale: one server process (its own, so its
// memory is its own) holds 2,000 idle streams; what they cost it in memory, and how long one
// change takes from the push request to the last of the 2,000 hints — against the same push
// with no stream open (the baseline: what the agent's own tablet waits for anyway).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { request, type ClientRequest } from 'node:http';
import { BLOB_CONTENT_TYPE } from '../../src/domain/api/blobs';
import { buildCase, submitMutation } from '../server/fixtures';

interface BenchResult { figure: string; unit: string; value: number; baseline?: { label: string; value: number } }

const STREAMS = 2_000;
const REPO = resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((ok) => srv.close(() => ok()));
  return port;
}

const rssMb = (pid: number) => {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
};

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'daiban-bench-live-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DAIBAN_DATA_DIR: dir,
      DAIBAN_DEMO: '1',
      DAIBAN_LOG_LEVEL: 'warn',
      DAIBAN_API_PER_MINUTE: '10000000',
      DAIBAN_LOGIN_PER_MINUTE: '1000',
      DAIBAN_LIVE_PER_USER: String(STREAMS + 10),
      DAIBAN_HTTPS_PORT: '0',
      NODE_ENV: 'test',
    },
  });
  const streams: ClientRequest[] = [];
  try {
    for (let i = 0; ; i++) {
      if (i > 300) throw new Error('server did not start');
      const ok = await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const login = async (username: string) => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'daiban123' }),
      });
      return (await res.json()) as { token: string; user: { id: string; villageCode: string } };
    };
    const agent = await login('agent1');
    const auth = { authorization: `Bearer ${agent.token}` };

    /** Pushes one new case of agent1's village; resolves when the push answered. */
    const pushCase = async () => {
      const built = buildCase({ agentId: agent.user.id, villageCode: agent.user.villageCode, now: Date.now() });
      for (const f of built.files) {
        const res = await fetch(`${base}/api/blobs/${createHash('sha256').update(f).digest('hex')}`, {
          method: 'PATCH',
          headers: { ...auth, 'content-type': BLOB_CONTENT_TYPE, 'upload-offset': '0', 'upload-length': String(f.length) },
          body: new Uint8Array(f),
        });
        if (res.status !== 200) throw new Error(`upload ${res.status}`);
      }
      const t0 = performance.now();
      const res = await fetch(`${base}/api/sync/push`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ deviceId: 'bench', mutations: [submitMutation(built.submission, Date.now())] }),
      });
      const body = (await res.json()) as { results: Array<{ status: string }> };
      if (body.results[0]?.status !== 'ok') throw new Error(`push: ${JSON.stringify(body)}`);
      return { t0, answered: performance.now() };
    };

    // Baseline: the push alone, no stream open (median of 5).
    const alone: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { t0, answered } = await pushCase();
      alone.push(answered - t0);
    }
    const rssBefore = rssMb(server.pid!);

    // 2,000 streams of agent1's village, each waiting for `changed`.
    let arrivals: number[] = [];
    let ready = 0;
    // Every stream on its own connection (agent: false), as 2,000 tablets would be.
    const open = (i: number) =>
      new Promise<void>((ok, fail) => {
        const req = request(`${base}/api/sync/live?device=bench-${i}`, { headers: auth, agent: false }, (res) => {
          if (res.statusCode !== 200) return fail(new Error(`stream ${i}: ${res.statusCode}`));
          res.setEncoding('utf8');
          res.on('data', (text: string) => {
            if (text.includes('event: ready')) ready++;
            if (text.includes('event: changed')) arrivals.push(performance.now());
          });
          res.on('error', () => undefined);
          ok();
        });
        req.on('error', () => undefined);
        req.end();
        streams.push(req);
      });
    for (let i = 0; i < STREAMS; i += 100) await Promise.all(Array.from({ length: 100 }, (_, k) => open(i + k)));
    while (ready < STREAMS) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 2_000));
    const rssAfter = rssMb(server.pid!);

    // One change, heard by all: median of 5.
    const fanout: number[] = [];
    const firstHint: number[] = [];
    for (let i = 0; i < 5; i++) {
      arrivals = [];
      const { t0 } = await pushCase();
      while (arrivals.length < STREAMS) await new Promise((r) => setTimeout(r, 5));
      fanout.push(Math.max(...arrivals) - t0);
      firstHint.push(Math.min(...arrivals) - t0);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return [
      {
        figure: `server memory for ${STREAMS} idle live streams`,
        unit: 'MB',
        value: rssAfter - rssBefore,
        baseline: { label: 'server RSS before', value: rssBefore },
      },
      {
        figure: `one push → last of ${STREAMS} hints`,
        unit: 'ms',
        value: median(fanout),
        baseline: { label: 'the push alone, no stream', value: median(alone) },
      },
      { figure: `one push → first of ${STREAMS} hints`, unit: 'ms', value: median(firstHint) },
    ];
  } finally {
    for (const req of streams) req.destroy();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
