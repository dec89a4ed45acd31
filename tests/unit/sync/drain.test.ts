import { describe, expect, it } from 'vitest';
import { drain, type DrainOptions } from '../../../src/sync/drain';
import { memoryLocks } from '../../../src/sync/lock';
import { FakeServer } from './fake-server';
import { makeBlob, makeSubmission, submitMutation, withdrawMutation } from './fixtures';
import { MemoryDevice } from './memory-ports';

const BASE = 'http://township.test';

function setup() {
  const server = new FakeServer();
  const device = new MemoryDevice();
  const ports = device.ports(BASE, server.fetch);
  return { server, device, ports };
}

/** A case with `photos` photos of `bytes` each (plus a signature), queued on the device. */
function queueCase(device: MemoryDevice, photos = 2, bytes = 40_000) {
  const blobs = Array.from({ length: photos }, () => makeBlob(bytes));
  const signature = makeBlob(3_000);
  for (const b of [...blobs, signature]) device.addBlob(b);
  const mutation = submitMutation(makeSubmission({ photos: blobs, signature }));
  device.enqueue(mutation);
  return { mutation, blobs: [...blobs, signature] };
}

const quiet: DrainOptions = { random: () => 0.5 };

describe('drain: push', () => {
  it('uploads every blob a submission references before pushing it', async () => {
    const { server, device, ports } = setup();
    const cases = [queueCase(device, 3), queueCase(device, 1)];
    const report = await drain(ports, quiet);
    expect(report.outcome).toBe('done');
    expect(report.accepted).toBe(2);
    expect(report.blobsUploaded).toBe(6);
    // Never sent before: nothing of these files can be on the server, so no HEAD round trips.
    expect(server.log.filter((l) => l.method === 'HEAD')).toEqual([]);
    const firstPush = server.log.findIndex((l) => l.path === '/api/sync/push');
    const lastPatch = server.log.findLastIndex((l) => l.method === 'PATCH');
    expect(lastPatch).toBeLessThan(firstPush);
    // The server never had to ask for a blob, and holds each one byte for byte.
    expect([...server.applied.values()].every((r) => r.status === 'ok')).toBe(true);
    for (const { blobs } of cases) {
      for (const b of blobs) expect(server.storedBytes(b.sha256)?.equals(Buffer.from(b.data))).toBe(true);
    }
    expect(device.states()).toEqual(['done', 'done']);
    expect(device.versions.get(cases[0]!.mutation.kind === 'case.submit' ? cases[0]!.mutation.payload.case.id : '')).toBe(1);
    expect(device.lastSuccessAt).toBe(report.finishedAt);
  });

  it('sends 256 KB chunks and skips blobs it already uploaded', async () => {
    const { server, device, ports } = setup();
    const { blobs } = queueCase(device, 1, 600_000);
    await drain(ports, quiet);
    const photo = blobs[0]!;
    const patches = server.patchOffsets.filter((p) => p.sha === photo.sha256);
    expect(patches).toEqual([
      { sha: photo.sha256, offset: 0, bytes: 262_144 },
      { sha: photo.sha256, offset: 262_144, bytes: 262_144 },
      { sha: photo.sha256, offset: 524_288, bytes: 75_712 },
    ]);
    // A resubmission with the same photo: nothing goes over the wire again, not even a HEAD.
    device.enqueue(submitMutation(makeSubmission({ photos: [photo] })));
    const before = server.log.length;
    const again = await drain(ports, quiet);
    expect(again.blobsSkipped).toBe(1);
    expect(server.log.slice(before).map((l) => l.method)).toEqual(['POST', 'GET']);
  });

  it('on a slow link, pushes the first cases before uploading the files of the last ones', async () => {
    const { server, device, ports } = setup();
    const cases = [queueCase(device, 2, 100_000), queueCase(device, 2, 100_000), queueCase(device, 2, 100_000)];
    const report = await drain(ports, { ...quiet, groupBytes: 250_000 });
    expect(report.accepted).toBe(3);
    expect(server.pushes.map((p) => p.length)).toEqual([1, 1, 1]);
    const firstPush = server.log.findIndex((l) => l.path === '/api/sync/push');
    const lastCasePatch = server.log.findIndex((l) => l.path.endsWith(cases[2]!.blobs[0]!.sha256));
    expect(firstPush).toBeLessThan(lastCasePatch);
  });

  it('a held-back submission also holds its case\'s later change in a later group', async () => {
    const { device, ports } = setup();
    const broken = queueCase(device, 1, 100_000);
    if (broken.mutation.kind !== 'case.submit') throw new Error('fixture');
    device.blobs.delete(broken.blobs[0]!.sha256);
    const other = queueCase(device, 1, 100_000);
    const withdraw = withdrawMutation(broken.mutation.payload.case.id, 1);
    device.enqueue(withdraw);
    await drain(ports, { ...quiet, groupBytes: 120_000 });
    expect(device.row(broken.mutation.id).state).toBe('failed');
    expect(device.row(other.mutation.id).state).toBe('done');
    expect(device.row(withdraw.id).state).toBe('pending');
  });

  it('pushes in batches of at most 50, oldest first', async () => {
    const { server, device, ports } = setup();
    const queued = Array.from({ length: 120 }, (_, i) => withdrawMutation(makeSubmission().case.id, 1, 1_760_000_000_000 + i));
    for (const m of queued) device.enqueue(m);
    const report = await drain(ports, quiet);
    expect(server.pushes.map((p) => p.length)).toEqual([50, 50, 20]);
    expect(server.pushes.flat().map((m) => m.id)).toEqual(queued.map((m) => m.id));
    expect(report.accepted).toBe(120);
  });

  it('resumes an interrupted upload from the offset the server reports', async () => {
    const { server, device, ports } = setup();
    const { blobs } = queueCase(device, 1, 700_000);
    const photo = blobs[0]!;
    // The link dies 100 000 bytes into the second chunk.
    let patches = 0;
    server.onRequest = (method, path) => {
      if (method === 'PATCH' && path.endsWith(photo.sha256) && ++patches === 2) server.cutNextPatchAfter = 100_000;
    };
    const first = await drain(ports, quiet);
    expect(first.outcome).toBe('offline');
    expect(first.error?.code).toBe('network.failed');
    expect(device.states()).toEqual(['pending']); // nothing lost, nothing marked bad
    expect(server.blobs.get(photo.sha256)?.received).toBe(262_144 + 100_000);

    server.onRequest = undefined;
    const sentBefore = server.patchOffsets.length;
    const logBefore = server.log.length;
    const second = await drain(ports, quiet);
    // A resend asks the server first.
    expect(server.log.slice(logBefore).find((l) => l.path.endsWith(photo.sha256))?.method).toBe('HEAD');
    expect(second.outcome).toBe('done');
    // Only the rest went over the wire the second time, starting where the server stopped.
    const resumed = server.patchOffsets.slice(sentBefore).filter((p) => p.sha === photo.sha256);
    expect(resumed.map((p) => p.offset)).toEqual([362_144, 362_144 + 262_144]);
    expect(resumed.reduce((n, p) => n + p.bytes, 0)).toBe(700_000 - 362_144);
    expect(server.storedBytes(photo.sha256)?.equals(Buffer.from(photo.data))).toBe(true);
    expect(device.states()).toEqual(['done']);
  });

  it('keeps one poisoned mutation from blocking the others', async () => {
    const { server, device, ports } = setup();
    const a = queueCase(device, 1);
    const b = queueCase(device, 1);
    const c = queueCase(device, 1);
    if (b.mutation.kind !== 'case.submit') throw new Error('fixture');
    server.poisoned.add(b.mutation.payload.case.id);
    const report = await drain(ports, quiet);
    expect(report).toMatchObject({ outcome: 'done', accepted: 2, rejected: 1 });
    expect(device.row(a.mutation.id).state).toBe('done');
    expect(device.row(c.mutation.id).state).toBe('done');
    const rejected = device.row(b.mutation.id);
    expect(rejected.state).toBe('rejected');
    expect(rejected.lastError).toEqual({ code: 'rules.failed', message: '身份证已过期，请更新证件后重新提交' });
    const problems = await ports.outbox.listProblems();
    expect(problems).toEqual([expect.objectContaining({ caseId: rejected.caseId, code: 'rules.failed', state: 'rejected' })]);
  });

  it('splits a refused request until the malformed mutation stands alone', async () => {
    const { server, device, ports } = setup();
    const ms = Array.from({ length: 7 }, (_, i) => withdrawMutation(makeSubmission().case.id, 1, 1_760_000_000_000 + i));
    for (const m of ms) device.enqueue(m);
    server.invalid.add(ms[4]!.id);
    const report = await drain(ports, quiet);
    expect(report.accepted).toBe(6);
    expect(report.rejected).toBe(1);
    expect(device.row(ms[4]!.id)).toMatchObject({ state: 'rejected', lastError: { code: 'validation.failed', message: '提交的数据格式不正确' } });
    expect(server.effects.size).toBe(6);
  });

  it('replays a mutation whose answer was lost in a crash without applying it twice', async () => {
    const { server, device, ports } = setup();
    const { mutation } = queueCase(device, 2);
    device.crashOnMarkDone = true;
    const locks = memoryLocks(); // stands in for navigator.locks: the lock holder may reclaim
    await expect(drain(ports, { ...quiet, locks })).rejects.toThrow('tab closed');
    expect(device.row(mutation.id).state).toBe('sending');
    expect(server.effects.get(mutation.id)).toBe(1);

    const report = await drain(ports, { ...quiet, locks });
    expect(report.accepted).toBe(1);
    expect(device.row(mutation.id).state).toBe('done');
    expect(server.pushes.flat().filter((m) => m.id === mutation.id)).toHaveLength(2);
    expect(server.effects.get(mutation.id)).toBe(1);
    expect(server.versions.get(device.row(mutation.id).caseId)).toBe(1);
    expect(report.blobsUploaded).toBe(0); // the blobs were already complete on the server
  });

  it('without a cross-context lock, waits for the lease before resending', async () => {
    const { server, device, ports } = setup();
    const { mutation } = queueCase(device, 1);
    device.crashOnMarkDone = true;
    let clock = 1_000_000;
    const now = () => clock;
    await expect(drain(ports, { ...quiet, now, leaseMs: 60_000 })).rejects.toThrow();
    const early = await drain(ports, { ...quiet, now });
    expect(early.pushed).toBe(0);
    clock += 60_001;
    const late = await drain(ports, { ...quiet, now });
    expect(late.accepted).toBe(1);
    expect(server.effects.get(mutation.id)).toBe(1);
  });

  it('stops on 401 and keeps everything for after the next login', async () => {
    const { server, device, ports } = setup();
    queueCase(device, 1);
    queueCase(device, 1);
    device.token = 'expired-token';
    const report = await drain(ports, quiet);
    expect(report.outcome).toBe('auth');
    expect(report.error?.message).toContain('重新登录');
    expect(device.states()).toEqual(['pending', 'pending']);
    expect(device.rows.every((r) => r.lastError === undefined)).toBe(true);
    expect(server.pushes).toHaveLength(0);

    device.token = server.token;
    expect((await drain(ports, quiet)).accepted).toBe(2);
  });

  it('stops on 426 (app too old): outbox untouched, no error on any entry, sends again once updated', async () => {
    const { server, device, ports } = setup();
    queueCase(device, 1);
    queueCase(device, 1);
    server.failNext('', { status: 426, body: { code: 'version.unsupported', message: '应用版本过旧' } }, 1000);
    const report = await drain(ports, quiet);
    expect(report.outcome).toBe('update');
    expect(report.error?.code).toBe('version.unsupported');
    expect(device.states()).toEqual(['pending', 'pending']);
    expect(device.rows.every((r) => r.lastError === undefined)).toBe(true);
    expect(server.pushes).toHaveLength(0);

    server.clearFaults();
    expect((await drain(ports, quiet)).accepted).toBe(2);
    expect([...server.effects.values()]).toEqual([1, 1]);
  });

  it('does nothing while logged out', async () => {
    const { server, device, ports } = setup();
    queueCase(device, 1);
    device.token = undefined;
    const report = await drain(ports, quiet);
    expect(report.outcome).toBe('auth');
    expect(server.log).toHaveLength(0);
    expect(device.states()).toEqual(['pending']);
  });

  it('puts the batch back after a 5xx or 429 and honours Retry-After', async () => {
    const { server, device, ports } = setup();
    queueCase(device, 1);
    server.failNext('POST /api/sync/push', { status: 503, body: { code: 'server.busy', message: '忙' }, headers: { 'Retry-After': '120' } });
    const now = () => 5_000_000;
    const report = await drain(ports, { ...quiet, now });
    expect(report.outcome).toBe('unavailable');
    expect(report.retryAt).toBe(5_000_000 + 120_000);
    expect(device.states()).toEqual(['pending']);
    expect(device.rows[0]!.lastError?.code).toBe('server.busy');
    expect(report.error?.message).toBe('乡镇服务器暂时不可用，稍后自动重试');

    server.failNext('POST /api/sync/push', { status: 429 });
    expect((await drain(ports, { ...quiet, now })).outcome).toBe('unavailable');
    expect((await drain(ports, { ...quiet, now })).accepted).toBe(1);
  });

  it('backs off a mutation the server asks to retry, and leaves the others alone', async () => {
    const { server, device } = setup();
    const a = queueCase(device, 1);
    const b = queueCase(device, 1);
    const original = server.fetch;
    // The server answers `retry` (e.g. a lock timeout) for `a` only.
    (server as { fetch: typeof original }).fetch = async (input, init) => {
      const res = await original(input, init);
      if (!String(input).endsWith('/api/sync/push')) return res;
      const body = await res.json() as { results: Array<{ id: string; status: string; code?: string }> };
      for (const r of body.results) if (r.id === a.mutation.id) Object.assign(r, { status: 'retry', code: 'store.busy' });
      return new Response(JSON.stringify(body), { status: 200 });
    };
    const portsWithRetry = device.ports(BASE, server.fetch);
    const now = () => 10_000_000;
    const report = await drain(portsWithRetry, { now, random: () => 0, backoff: { baseMs: 2_000, maxMs: 60_000, factor: 2 } });
    expect(device.row(b.mutation.id).state).toBe('done');
    const row = device.row(a.mutation.id);
    expect(row.state).toBe('failed');
    expect(row.lastError?.code).toBe('store.busy');
    // First retry: cap 2 s, equal jitter with random 0 → 1 s.
    expect(row.nextAttemptAt).toBe(10_001_000);
    expect(report.retryAt).toBe(10_001_000);
    expect(report.retried).toBe(1);
  });

  it('re-uploads a blob the server lost, then pushes again within the same drain', async () => {
    const { server, device, ports } = setup();
    const { mutation, blobs } = queueCase(device, 1);
    device.blobs.get(blobs[0]!.sha256)!.uploaded = true; // the device believes it is there
    const report = await drain(ports, quiet);
    expect(report.outcome).toBe('done');
    expect(device.row(mutation.id).state).toBe('done');
    expect(server.pushes).toHaveLength(2);
    expect(server.storedBytes(blobs[0]!.sha256)).toBeDefined();
  });

  it('holds back a submission whose photo is gone from the device, and its later changes', async () => {
    const { device, ports } = setup();
    const broken = queueCase(device, 2);
    if (broken.mutation.kind !== 'case.submit') throw new Error('fixture');
    device.blobs.delete(broken.blobs[1]!.sha256);
    const withdraw = withdrawMutation(broken.mutation.payload.case.id, 1);
    device.enqueue(withdraw);
    const fine = queueCase(device, 1);
    const report = await drain(ports, quiet);
    expect(report.outcome).toBe('done');
    expect(device.row(broken.mutation.id)).toMatchObject({ state: 'failed', lastError: { code: 'blob.local_missing' } });
    expect(device.row(withdraw.id).state).toBe('pending');
    expect(device.row(fine.mutation.id).state).toBe('done');
  });

  it('reports a file the server cannot verify against the mutation, not the whole batch', async () => {
    const { server, device, ports } = setup();
    const bad = queueCase(device, 1);
    const good = queueCase(device, 1);
    // Bit rot on the device: the bytes no longer match their hash.
    const stored = device.blobs.get(bad.blobs[0]!.sha256)!;
    const copy = new Uint8Array(stored.data.slice(0));
    copy[10] = copy[10]! ^ 0xff;
    stored.data = copy.buffer;
    const report = await drain(ports, quiet);
    expect(device.row(bad.mutation.id)).toMatchObject({ state: 'failed', lastError: { code: 'blob.hash_mismatch' } });
    expect(device.row(good.mutation.id).state).toBe('done');
    expect(report.accepted).toBe(1);
    expect(server.applied.has(bad.mutation.id)).toBe(false);
  });
});

describe('drain: pull', () => {
  it('pages through changes, storing each page with its cursor', async () => {
    const { server, device, ports } = setup();
    server.addChanges(450, makeSubmission().case.id);
    const report = await drain(ports, { ...quiet, pullPageSize: 200 });
    expect(device.pullCommits).toEqual([{ changes: 200, cursor: 200 }, { changes: 200, cursor: 400 }, { changes: 50, cursor: 450 }]);
    expect(report.pulled).toBe(450);
    expect(report.cursor).toBe(450);
    // Nothing new: one request, no write.
    const again = await drain(ports, quiet);
    expect(again.pulled).toBe(0);
    expect(device.pullCommits).toHaveLength(3);
  });

  it('after a failure mid-pull, resumes from the last stored page without gaps or repeats', async () => {
    const { server, device, ports } = setup();
    server.addChanges(500, makeSubmission().case.id);
    let pulls = 0;
    server.onRequest = (_m, path) => {
      if (path === '/api/sync/pull' && ++pulls === 2) server.failNext('GET /api/sync/pull', 'network');
    };
    const first = await drain(ports, { ...quiet, pullPageSize: 200 });
    expect(first.outcome).toBe('offline');
    expect(device.cursor).toBe(200);
    server.onRequest = undefined;
    await drain(ports, { ...quiet, pullPageSize: 200 });
    expect(device.cursor).toBe(500);
    expect(device.applied.map((c) => c.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
  });

  it('refuses a cursor that does not move forward', async () => {
    const { server, ports } = setup();
    server.failNext('GET /api/sync/pull', { status: 200, body: { changes: [], cursor: 0, hasMore: true } });
    const report = await drain(ports, quiet);
    expect(report.outcome).toBe('unavailable');
    expect(report.error?.code).toBe('pull.cursor_stuck');
  });

  it('treats a page outside the schema as a protocol error, not as data', async () => {
    const { server, device, ports } = setup();
    server.failNext('GET /api/sync/pull', { status: 200, body: { changes: 'all of them', cursor: 1, hasMore: false } });
    const report = await drain(ports, quiet);
    expect(report.error?.code).toBe('protocol.schema');
    expect(device.cursor).toBe(0);
  });

  it('skips a change kind from a newer server: the cursor moves past it and it is recorded', async () => {
    const { server, device, ports } = setup();
    server.failNext('GET /api/sync/pull', { status: 200, body: { changes: [{ seq: 1, type: 'catalog.published', version: 9 }], cursor: 1, hasMore: false } });
    const report = await drain(ports, quiet);
    expect(report.outcome).toBe('done');
    expect(report.skipped).toBe(1);
    expect(device.cursor).toBe(1);
    expect(device.skipped).toEqual([{ seq: 1, type: 'catalog.published', code: 'change.unknown_kind' }]);
  });
});

describe('drain: concurrency', () => {
  it('serialises two drains: the second finds the lock taken and duplicates nothing', async () => {
    const { server, device, ports } = setup();
    for (let i = 0; i < 3; i++) queueCase(device, 2);
    const locks = memoryLocks();
    const [a, b] = await Promise.all([drain(ports, { ...quiet, locks }), drain(ports, { ...quiet, locks })]);
    expect([a.outcome, b.outcome].sort()).toEqual(['busy', 'done']);
    expect(server.pushes.flat()).toHaveLength(3);
    expect([...server.effects.values()]).toEqual([1, 1, 1]);
  });

  it('a drain started in the middle of another (another tab) backs off instead of racing', async () => {
    const { server, device, ports } = setup();
    queueCase(device, 1);
    const locks = memoryLocks();
    let racing: Promise<unknown> | undefined;
    server.onRequest = (method) => {
      if (method === 'POST' && !racing) racing = drain(ports, { ...quiet, locks });
    };
    const first = await drain(ports, { ...quiet, locks });
    expect(first.accepted).toBe(1);
    expect(await racing).toMatchObject({ outcome: 'busy' });
    expect(server.pushes).toHaveLength(1);
  });

  it('is idempotent: a second run after success sends nothing', async () => {
    const { server, device, ports } = setup();
    queueCase(device, 2);
    await drain(ports, quiet);
    const pushes = server.pushes.length;
    const again = await drain(ports, quiet);
    expect(again).toMatchObject({ pushed: 0, blobsUploaded: 0, outcome: 'done' });
    expect(server.pushes).toHaveLength(pushes);
  });
});
