// Device sync against the real township server (Fastify + SQLite on disk, over real HTTP):
//  - push throughput (mutations/s), with a bare Fastify handler as the floor of HTTP + JSON cost;
//  - pull latency for a full page of 200 changes;
//  - bytes on the wire for a case with 5 photos, against the bytes of the files themselves;
//  - 20 cases × 4 photos through a throttled DevTools "3G" link (400 kbit/s, 2 s RTT, a local TCP
//    proxy), against the time the bandwidth alone would need.
// The device side is the in-memory ports: this measures the network path, not IndexedDB
// (tests/bench/storage.bench.ts measures that). DAIBAN_BENCH_SYNC_3G_PHOTO sets the photo size
// for the 3G run (default 100 KB; a 1600 px document JPEG is ~100–300 KB).
import Fastify from 'fastify';
import { uuidv7, type Mutation, type PushRequest } from '../../src/domain';
import { drain } from '../../src/sync/drain';
import { DEVICE_ID, type TestBlob } from '../unit/sync/fixtures';
import { MemoryDevice } from '../unit/sync/memory-ports';
import { DEVTOOLS_3G, NetProxy, UNLIMITED } from '../unit/sync/net-proxy';
import { AGENT_VILLAGE, startRealServer, type RunningServer } from '../unit/sync/real-server';
import { serverCase } from '../unit/sync/server-fixtures';

interface BenchResult { figure: string; unit: string; value: number; baseline?: { label: string; value: number } }

const PUSH_MUTATIONS = 500;
const PULL_RUNS = 30;
const PHOTO_3G = Number(process.env.DAIBAN_BENCH_SYNC_3G_PHOTO ?? 100_000);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function submitOf(c: ReturnType<typeof serverCase>): Mutation {
  return { id: uuidv7(), deviceId: DEVICE_ID, createdAt: Date.now(), kind: 'case.submit', baseVersion: 0, payload: c.submission };
}

/** `n` submissions whose files are already on the server (the device knows it): push cost only. */
function pushOnlyDevice(token: string, n: number, shared: TestBlob[]): MemoryDevice {
  const d = new MemoryDevice();
  d.token = token;
  for (let i = 0; i < n; i++) {
    const c = serverCase('YB-JMCB-DJ', AGENT_VILLAGE, 'agent1', 2_000);
    // Every case points at the same uploaded files: the server links them per case.
    let k = 0;
    for (const m of c.submission.materials) {
      for (const p of m.pages) p.sha256 = shared[k++ % shared.length]!.sha256;
      if (m.signature) m.signature.sha256 = shared[k++ % shared.length]!.sha256;
    }
    d.enqueue(submitOf(c));
  }
  for (const b of shared) d.blobs.set(b.sha256, { ...b, uploaded: true });
  return d;
}

/** The floor: Fastify parsing the same JSON and answering ok, no validation, no database. */
async function bareServer() {
  const app = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024 });
  app.post('/api/sync/push', async (req) => ({ results: (req.body as PushRequest).mutations.map((m) => ({ id: m.id, status: 'ok', version: 1 })) }));
  let pullBody = '';
  app.get('/api/sync/pull', async (_req, reply) => reply.type('application/json').send(pullBody));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, baseUrl: `http://127.0.0.1:${port}`, setPull: (body: string) => { pullBody = body; } };
}

async function uploadShared(server: RunningServer, token: string): Promise<TestBlob[]> {
  const c = serverCase('YB-JMCB-DJ', AGENT_VILLAGE, 'agent1', 50_000);
  const d = new MemoryDevice();
  d.token = token;
  for (const b of c.blobs) d.addBlob(b);
  d.enqueue(submitOf(c));
  const report = await drain(d.ports(server.baseUrl), { skipPull: true });
  if (report.accepted !== 1) throw new Error(`seed upload failed: ${JSON.stringify(report)}`);
  return c.blobs;
}

async function pushThroughput(server: RunningServer, token: string, shared: TestBlob[]): Promise<BenchResult> {
  const bare = await bareServer();
  try {
    // Warm both servers (JIT, SQLite page cache) with a small run first.
    await drain(pushOnlyDevice(token, 50, shared).ports(server.baseUrl), { skipPull: true });
    await drain(pushOnlyDevice('t', 50, shared).ports(bare.baseUrl), { skipPull: true });

    const real = pushOnlyDevice(token, PUSH_MUTATIONS, shared);
    let t0 = performance.now();
    const realReport = await drain(real.ports(server.baseUrl), { skipPull: true });
    const realSeconds = (performance.now() - t0) / 1000;
    if (realReport.accepted !== PUSH_MUTATIONS) throw new Error(`real push: ${JSON.stringify(realReport)}`);

    const floor = pushOnlyDevice('t', PUSH_MUTATIONS, shared);
    t0 = performance.now();
    const bareReport = await drain(floor.ports(bare.baseUrl), { skipPull: true });
    const bareSeconds = (performance.now() - t0) / 1000;
    if (bareReport.accepted !== PUSH_MUTATIONS) throw new Error(`bare push: ${JSON.stringify(bareReport)}`);

    return {
      figure: `sync push: ${PUSH_MUTATIONS} case submissions in batches of 50 (rules re-run, SQLite synchronous=FULL)`,
      unit: 'mutations/s',
      value: PUSH_MUTATIONS / realSeconds,
      baseline: { label: 'bare Fastify handler, same drain', value: PUSH_MUTATIONS / bareSeconds },
    };
  } finally {
    await bare.app.close();
  }
}

async function pullLatency(server: RunningServer, token: string): Promise<BenchResult> {
  // The pushes above left ≥ 500 changes in agent1's scope: time full pages of 200.
  const bare = await bareServer();
  try {
    const times: number[] = [];
    let body = '';
    for (let i = 0; i < PULL_RUNS; i++) {
      const d = new MemoryDevice();
      d.token = token;
      const t0 = performance.now();
      const res = await fetch(`${server.baseUrl}/api/sync/pull?cursor=${i}&limit=200`, { headers: { authorization: `Bearer ${token}` } });
      body = await res.text();
      times.push(performance.now() - t0);
      if ((JSON.parse(body) as { changes: unknown[] }).changes.length !== 200) throw new Error('pull page not full');
    }
    bare.setPull(body);
    const bareTimes: number[] = [];
    for (let i = 0; i < PULL_RUNS; i++) {
      const t0 = performance.now();
      await (await fetch(`${bare.baseUrl}/api/sync/pull?cursor=${i}&limit=200`)).text();
      bareTimes.push(performance.now() - t0);
    }
    return {
      figure: `sync pull: one page of 200 changes, median of ${PULL_RUNS} (${Math.round(body.length / 1024)} KB JSON)`,
      unit: 'ms',
      value: median(times),
      baseline: { label: 'bare Fastify sending the same JSON', value: median(bareTimes) },
    };
  } finally {
    await bare.app.close();
  }
}

async function wireBytes(server: RunningServer, token: string): Promise<BenchResult> {
  const proxy = new NetProxy({ host: '127.0.0.1', port: server.port }, UNLIMITED);
  await proxy.listen();
  try {
    const c = serverCase('MZ-LNRYDZ', AGENT_VILLAGE, 'agent1', 300_000);
    const d = new MemoryDevice();
    d.token = token;
    for (const b of c.blobs) d.addBlob(b);
    d.enqueue(submitOf(c));
    const report = await drain(d.ports(`http://127.0.0.1:${proxy.port}`), { skipPull: true });
    if (report.accepted !== 1) throw new Error(`wire run: ${JSON.stringify(report)}`);
    const payload = c.blobs.reduce((n, b) => n + b.data.byteLength, 0);
    return {
      figure: `sync wire bytes: 1 case, 5 photos × 300 KB + 1 signature (both directions, HTTP included)`,
      unit: 'bytes',
      value: proxy.bytesUp + proxy.bytesDown,
      baseline: { label: 'file bytes', value: payload },
    };
  } finally {
    await proxy.close();
  }
}

async function slowLink(server: RunningServer, token: string): Promise<BenchResult[]> {
  const proxy = new NetProxy({ host: '127.0.0.1', port: server.port }, DEVTOOLS_3G);
  await proxy.listen();
  try {
    const d = new MemoryDevice();
    d.token = token;
    let payload = 0;
    for (let i = 0; i < 20; i++) {
      const c = serverCase('YB-JMCB-DJ', AGENT_VILLAGE, 'agent1', PHOTO_3G);
      for (const b of c.blobs) {
        d.addBlob(b);
        payload += b.data.byteLength;
      }
      d.enqueue(submitOf(c));
    }
    const t0 = performance.now();
    const report = await drain(d.ports(`http://127.0.0.1:${proxy.port}`), { skipPull: true, blobConcurrency: 4 });
    const seconds = (performance.now() - t0) / 1000;
    if (report.accepted !== 20) throw new Error(`3G run: ${JSON.stringify(report)}`);
    const bandwidthSeconds = (payload * 8) / DEVTOOLS_3G.bps;
    return [
      {
        figure: `sync over 3G (400 kbit/s, 2 s RTT): 20 cases × 4 photos of ${Math.round(PHOTO_3G / 1000)} KB + 2 signatures`,
        unit: 's',
        value: seconds,
        baseline: { label: 'file bytes ÷ bandwidth', value: bandwidthSeconds },
      },
      {
        figure: 'sync over 3G: upstream bytes on the wire',
        unit: 'bytes',
        value: proxy.bytesUp,
        baseline: { label: 'file bytes', value: payload },
      },
    ];
  } finally {
    await proxy.close();
  }
}

export async function run(): Promise<BenchResult[]> {
  const server = await startRealServer();
  try {
    const token = await server.login('agent1');
    const shared = await uploadShared(server, token);
    const results: BenchResult[] = [];
    results.push(await pushThroughput(server, token, shared));
    results.push(await pullLatency(server, token));
    results.push(await wireBytes(server, token));
    results.push(...(await slowLink(server, token)));
    return results;
  } finally {
    await server.close();
  }
}
