// The drain against the real township server: Fastify + SQLite + blob files, over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, Mutation } from '../../../src/domain';
import { uuidv7 } from '../../../src/domain';
import { drain } from '../../../src/sync/drain';
import type { FetchLike } from '../../../src/sync/http';
import { memoryLocks } from '../../../src/sync/lock';
import { DEVICE_ID } from './fixtures';
import { MemoryDevice } from './memory-ports';
import { NetProxy } from './net-proxy';
import { AGENT_VILLAGE, startRealServer, type RunningServer } from './real-server';
import { serverCase, type ServerCase } from './server-fixtures';

let server: RunningServer;
let agentToken: string;
let reviewerToken: string;

beforeAll(async () => {
  server = await startRealServer();
  agentToken = await server.login('agent1');
  reviewerToken = await server.login('reviewer1');
});
afterAll(() => server.close());

function device(fetch?: FetchLike, baseUrl = server.baseUrl) {
  const d = new MemoryDevice();
  d.token = agentToken;
  return { d, ports: d.ports(baseUrl, fetch) };
}

function queue(d: MemoryDevice, photoBytes = 30_000): ServerCase & { mutation: Mutation } {
  const c = serverCase('YB-JMCB-DJ', AGENT_VILLAGE, 'agent1', photoBytes);
  for (const b of c.blobs) d.addBlob(b);
  const mutation: Mutation = {
    id: uuidv7(),
    deviceId: DEVICE_ID,
    createdAt: Date.now(),
    kind: 'case.submit',
    baseVersion: 0,
    payload: c.submission,
  };
  d.enqueue(mutation);
  return { ...c, mutation };
}

interface ReviewList {
  cases: Array<{ id: string; status: string; version: number }>;
}
interface Detail {
  materials: Array<{ pages: Array<{ sha256: string }>; signature?: { sha256: string } }>;
}

async function reviewerSees(caseId: string) {
  const list = await server.get<ReviewList>(reviewerToken, '/api/review/cases?limit=200');
  return list.body.cases.filter((c) => c.id === caseId);
}

describe('drain against the real server', () => {
  it('delivers three cases with their photos exactly once', async () => {
    const { d, ports } = device();
    const cases = [queue(d), queue(d), queue(d)];
    const report = await drain(ports, { random: () => 0.5 });
    expect(report).toMatchObject({ outcome: 'done', accepted: 3, rejected: 0, blobsUploaded: 21 }); // 3 × (5 photos + 2 signatures of YB-JMCB-DJ v2)
    expect(d.states()).toEqual(['done', 'done', 'done']);
    for (const c of cases) {
      expect(await reviewerSees(c.submission.case.id)).toEqual([
        expect.objectContaining({ status: 'submitted', version: 1 }),
      ]);
      const detail = await server.get<Detail>(reviewerToken, `/api/review/cases/${c.submission.case.id}`);
      const hashes = detail.body.materials.flatMap((m) => [
        ...m.pages.map((p) => p.sha256),
        ...(m.signature ? [m.signature.sha256] : []),
      ]);
      expect(hashes.sort()).toEqual(c.blobs.map((b) => b.sha256).sort());
      for (const b of c.blobs) {
        const file = await server.get<Buffer>(reviewerToken, `/api/blobs/${b.sha256}`);
        expect(file.status).toBe(200);
        expect(file.body.equals(Buffer.from(b.data))).toBe(true);
      }
    }
  });

  it('a replay after a crash between push and markDone is answered from the applied table', async () => {
    const { d, ports } = device();
    const c = queue(d);
    d.crashOnMarkDone = true;
    const locks = memoryLocks();
    await expect(drain(ports, { locks })).rejects.toThrow('tab closed');
    const report = await drain(ports, { locks });
    expect(report.accepted).toBe(1);
    expect(report.pushed).toBe(1);
    expect(d.versions.get(c.submission.case.id)).toBe(1);
    expect(await reviewerSees(c.submission.case.id)).toHaveLength(1);
    // A third run (another tab replaying the same mutation) changes nothing either.
    Object.assign(d.row(c.mutation.id), { state: 'pending', nextAttemptAt: 0 });
    expect((await drain(ports)).accepted).toBe(1);
    expect(await reviewerSees(c.submission.case.id)).toEqual([expect.objectContaining({ version: 1 })]);
  });

  it('resumes an upload cut mid-way from the offset the server reports', async () => {
    const proxy = new NetProxy({ host: '127.0.0.1', port: server.port });
    await proxy.listen();
    try {
      const offsets: number[] = [];
      const watching: FetchLike = (input, init) => {
        if (init?.method === 'PATCH') offsets.push(Number(new Headers(init.headers).get('Upload-Offset')));
        return fetch(input, init);
      };
      const { d, ports } = device(watching, `http://127.0.0.1:${proxy.port}`);
      const c = queue(d, 900_000);
      // Let the first 256 KB chunk and part of the second through, then drop the link.
      proxy.cutAfterUpstreamBytes(400_000);
      const first = await drain(ports, { blobConcurrency: 1 });
      expect(first.outcome).toBe('offline');
      expect(d.states()).toEqual(['pending']);
      const firstOffsets = offsets.length;
      const second = await drain(ports, { blobConcurrency: 1 });
      expect(second.error).toBeUndefined();
      expect(second.outcome).toBe('done');
      // The second drain did not start any cut blob from zero: the first PATCH per blob starts where the server stopped.
      const resumedAt = offsets[firstOffsets];
      expect(resumedAt).toBeGreaterThan(0);
      expect(resumedAt! % (256 * 1024)).toBe(0);
      // The proxy sees the same requests on the wire (the browser tests rely on this).
      expect(proxy.requests.filter((r) => r.method === 'PATCH').map((r) => Number(r.headers['upload-offset']))).toEqual(
        offsets,
      );
      expect(await reviewerSees(c.submission.case.id)).toHaveLength(1);
      for (const b of c.blobs) {
        const file = await server.get<Buffer>(reviewerToken, `/api/blobs/${b.sha256}`);
        expect(file.body.equals(Buffer.from(b.data))).toBe(true);
      }
    } finally {
      await proxy.close();
    }
  });

  it('keeps a case the server refuses as a problem with its Chinese reason, and sends the others', async () => {
    const { d, ports } = device();
    const good = queue(d);
    const bad = queue(d);
    // Another village's case: the server refuses it for good.
    const payload = (bad.mutation as Extract<Mutation, { kind: 'case.submit' }>).payload;
    payload.case.villageCode = '341822100202';
    const report = await drain(ports);
    expect(report).toMatchObject({ accepted: 1, rejected: 1 });
    expect(d.row(good.mutation.id).state).toBe('done');
    expect(d.row(bad.mutation.id)).toMatchObject({
      state: 'rejected',
      lastError: { code: 'scope.forbidden', message: '只能提交本村的办件' },
    });
  });

  it('stops on an expired session without losing anything', async () => {
    const { d, ports } = device();
    queue(d);
    d.token = 'not-a-valid-token';
    const report = await drain(ports);
    expect(report.outcome).toBe('auth');
    expect(d.states()).toEqual(['pending']);
    d.token = agentToken;
    expect((await drain(ports)).accepted).toBe(1);
  });

  it('pulls a reviewer decision in pages, storing the cursor with each page', async () => {
    const { d, ports } = device();
    const c = queue(d);
    await drain(ports);
    const caseId = c.submission.case.id;
    const res = await server.accept(reviewerToken, caseId);
    expect(res.status).toBe(200);
    const fresh = new MemoryDevice();
    fresh.token = agentToken;
    const report = await drain(fresh.ports(server.baseUrl), { pullPageSize: 2 });
    expect(report.outcome).toBe('done');
    expect(fresh.pullCommits.length).toBeGreaterThan(1);
    expect(fresh.pullCommits.every((p) => p.changes <= 2)).toBe(true);
    expect(fresh.cursor).toBe(report.cursor);
    const mine = fresh.applied.filter((ch: Change) => 'caseId' in ch && ch.caseId === caseId);
    expect(mine.map((ch) => ch.type)).toContain('decision');
    expect(mine.filter((ch) => ch.type === 'case.status').at(-1)).toMatchObject({ status: 'accepted' });
    // Seqs strictly increase across pages: nothing applied twice, nothing skipped.
    const seqs = fresh.applied.map((ch) => ch.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});
