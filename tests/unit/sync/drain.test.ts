// The drain's scenarios, each against the fake and the real township server (see backends.ts);
// those needing a fault only the in-process fake can stage run against the fake alone.
import { describe, expect, it } from 'vitest';
import { MAX_PULL_PAGE, uuidv7, type Mutation } from '../../../src/domain';
import { drain, type DrainOptions } from '../../../src/sync/drain';
import { memoryLocks } from '../../../src/sync/lock';
import { BACKENDS, fakeOf, sameFilesNewCase, useBackend, type SyncBackend } from './backends';
import { submitMutation, withdrawMutation } from './fixtures';
import { MemoryDevice } from './memory-ports';

function setup(backend: SyncBackend) {
  const device = new MemoryDevice();
  device.token = backend.token;
  const ports = device.ports(backend.baseUrl, backend.wire.fetch);
  return { wire: backend.wire, device, ports };
}

/** A case the backend accepts, its files on the device and its submission queued. */
function queueCase(backend: SyncBackend, device: MemoryDevice, photoBytes?: number) {
  const { submission, blobs } = backend.newCase(photoBytes);
  for (const b of blobs) device.addBlob(b);
  const mutation = submitMutation(submission);
  device.enqueue(mutation);
  return {
    mutation,
    submission,
    blobs,
    caseId: submission.case.id,
    bytes: blobs.reduce((n, b) => n + b.data.byteLength, 0),
  };
}

const submissionOf = (m: Mutation) => {
  if (m.kind !== 'case.submit') throw new Error('fixture: not a submission');
  return m.payload;
};

const quiet: DrainOptions = { random: () => 0.5 };

describe.each(BACKENDS)('drain against the %s server', (name) => {
  const backend = useBackend(name);

  describe('drain: push', () => {
    it('uploads every blob a submission references before pushing it', async () => {
      const b = backend();
      const { wire, device, ports } = setup(b);
      const cases = [queueCase(b, device), queueCase(b, device)];
      const report = await drain(ports, quiet);
      expect(report.outcome).toBe('done');
      expect(report.accepted).toBe(2);
      expect(report.blobsUploaded).toBe(cases[0]!.blobs.length + cases[1]!.blobs.length);
      // Never sent before: nothing of these files can be on the server, so no HEAD round trips.
      expect(wire.log.filter((l) => l.method === 'HEAD')).toEqual([]);
      const firstPush = wire.log.findIndex((l) => l.path === '/api/sync/push');
      const lastPatch = wire.log.findLastIndex((l) => l.method === 'PATCH');
      expect(lastPatch).toBeLessThan(firstPush);
      // The server applied each case once, and holds each file byte for byte.
      for (const c of cases) {
        expect(await b.caseVersion(c.caseId)).toBe(1);
        for (const blob of c.blobs)
          expect((await b.storedBytes(blob.sha256))?.equals(Buffer.from(blob.data))).toBe(true);
      }
      expect(device.states()).toEqual(['done', 'done']);
      expect(device.versions.get(cases[0]!.caseId)).toBe(1);
      expect(device.lastSuccessAt).toBe(report.finishedAt);
    });

    it('sends 256 KB chunks and skips blobs it already uploaded', async () => {
      const b = backend();
      const { wire, device, ports } = setup(b);
      const first = queueCase(b, device, 600_000);
      await drain(ports, quiet);
      const photo = first.blobs[0]!;
      const patches = wire.patchOffsets.filter((p) => p.sha === photo.sha256);
      expect(patches).toEqual([
        { sha: photo.sha256, offset: 0, bytes: 262_144 },
        { sha: photo.sha256, offset: 262_144, bytes: 262_144 },
        { sha: photo.sha256, offset: 524_288, bytes: 75_712 },
      ]);
      // A second case with the same files: nothing goes over the wire again, not even a HEAD.
      device.enqueue(submitMutation(sameFilesNewCase(first.submission)));
      const before = wire.log.length;
      const again = await drain(ports, quiet);
      expect(again.accepted).toBe(1);
      expect(again.blobsSkipped).toBe(first.blobs.length);
      expect(wire.log.slice(before).map((l) => l.method)).toEqual(['POST', 'GET']);
    });

    it('on a slow link, pushes the first cases before uploading the files of the last ones', async () => {
      const b = backend();
      const { wire, device, ports } = setup(b);
      const cases = [queueCase(b, device, 100_000), queueCase(b, device, 100_000), queueCase(b, device, 100_000)];
      // Room for one case per group, not two.
      const report = await drain(ports, { ...quiet, groupBytes: Math.ceil(cases[0]!.bytes * 1.2) });
      expect(report.accepted).toBe(3);
      expect(wire.pushes.map((p) => p.length)).toEqual([1, 1, 1]);
      const firstPush = wire.log.findIndex((l) => l.path === '/api/sync/push');
      const lastCasePatch = wire.log.findIndex((l) => l.path.endsWith(cases[2]!.blobs[0]!.sha256));
      expect(firstPush).toBeLessThan(lastCasePatch);
    });

    it("a held-back submission also holds its case's later change in a later group", async () => {
      const b = backend();
      const { device, ports } = setup(b);
      const broken = queueCase(b, device, 100_000);
      device.blobs.delete(broken.blobs[0]!.sha256);
      const other = queueCase(b, device, 100_000);
      const withdraw = withdrawMutation(broken.caseId, 1);
      device.enqueue(withdraw);
      await drain(ports, { ...quiet, groupBytes: Math.ceil(other.bytes * 1.1) });
      expect(device.row(broken.mutation.id).state).toBe('failed');
      expect(device.row(other.mutation.id).state).toBe('done');
      expect(device.row(withdraw.id).state).toBe('pending');
    });

    it('pushes in batches of at most 50, oldest first, and takes each answer', async () => {
      const b = backend();
      const { wire, device, ports } = setup(b);
      // Withdrawals of cases the server never saw: each is answered on its own, in order.
      const queued = Array.from({ length: 120 }, (_, i) => withdrawMutation(uuidv7(), 1, 1_760_000_000_000 + i));
      for (const m of queued) device.enqueue(m);
      const report = await drain(ports, quiet);
      expect(wire.pushes.map((p) => p.length)).toEqual([50, 50, 20]);
      expect(wire.pushes.flat().map((m) => m.id)).toEqual(queued.map((m) => m.id));
      expect(report.rejected).toBe(120);
      expect(device.rows.every((r) => r.state === 'rejected' && r.lastError?.code === 'case.not_found')).toBe(true);
    });

    it('keeps one refused mutation from blocking the others', async () => {
      const b = backend();
      const { device, ports } = setup(b);
      const a = queueCase(b, device);
      const bad = queueCase(b, device);
      const c = queueCase(b, device);
      const reason = b.spoil(submissionOf(bad.mutation));
      const report = await drain(ports, quiet);
      expect(report).toMatchObject({ outcome: 'done', accepted: 2, rejected: 1 });
      expect(device.row(a.mutation.id).state).toBe('done');
      expect(device.row(c.mutation.id).state).toBe('done');
      const rejected = device.row(bad.mutation.id);
      expect(rejected.state).toBe('rejected');
      expect(rejected.lastError).toEqual(reason);
      expect(await b.caseVersion(bad.caseId)).toBeUndefined();
      const problems = await ports.outbox.listProblems();
      expect(problems).toEqual([
        expect.objectContaining({ caseId: rejected.caseId, code: reason.code, state: 'rejected' }),
      ]);
    });

    it('replays a mutation whose answer was lost in a crash without applying it twice', async () => {
      const b = backend();
      const { wire, device, ports } = setup(b);
      const { mutation, caseId } = queueCase(b, device);
      device.crashOnMarkDone = true;
      const locks = memoryLocks(); // stands in for navigator.locks: the lock holder may reclaim
      await expect(drain(ports, { ...quiet, locks })).rejects.toThrow('tab closed');
      expect(device.row(mutation.id).state).toBe('sending');
      expect(await b.caseVersion(caseId)).toBe(1);

      const report = await drain(ports, { ...quiet, locks });
      expect(report.accepted).toBe(1);
      expect(device.row(mutation.id).state).toBe('done');
      expect(wire.pushes.flat().filter((m) => m.id === mutation.id)).toHaveLength(2);
      expect(await b.caseVersion(caseId)).toBe(1); // applied once: a second effect would be version 2
      expect(device.versions.get(caseId)).toBe(1);
      expect(report.blobsUploaded).toBe(0); // the blobs were already complete on the server
    });

    it('without a cross-context lock, waits for the lease before resending', async () => {
      const b = backend();
      const { device, ports } = setup(b);
      const { caseId } = queueCase(b, device);
      device.crashOnMarkDone = true;
      let clock = 1_000_000;
      const now = () => clock;
      await expect(drain(ports, { ...quiet, now, leaseMs: 60_000 })).rejects.toThrow();
      const early = await drain(ports, { ...quiet, now });
      expect(early.pushed).toBe(0);
      clock += 60_001;
      const late = await drain(ports, { ...quiet, now });
      expect(late.accepted).toBe(1);
      expect(await b.caseVersion(caseId)).toBe(1);
    });

    it('stops on 401 and keeps everything for after the next login', async () => {
      const b = backend();
      const { wire, device, ports } = setup(b);
      queueCase(b, device);
      queueCase(b, device);
      device.token = 'expired-token';
      const report = await drain(ports, quiet);
      expect(report.outcome).toBe('auth');
      expect(report.error?.message).toContain('重新登录');
      expect(device.states()).toEqual(['pending', 'pending']);
      expect(device.rows.every((r) => r.lastError === undefined)).toBe(true);
      expect(wire.pushes).toHaveLength(0);

      device.token = b.token;
      expect((await drain(ports, quiet)).accepted).toBe(2);
    });

    it('stops on 426 (app too old): outbox untouched, no error on any entry, sends again once updated', async () => {
      const b = backend();
      const { wire, device, ports } = setup(b);
      queueCase(b, device);
      queueCase(b, device);
      wire.failNext('', { status: 426, body: { code: 'version.unsupported', message: '应用版本过旧' } }, 1000);
      const report = await drain(ports, quiet);
      expect(report.outcome).toBe('update');
      expect(report.error?.code).toBe('version.unsupported');
      expect(device.states()).toEqual(['pending', 'pending']);
      expect(device.rows.every((r) => r.lastError === undefined)).toBe(true);
      expect(wire.pushes).toHaveLength(0);

      wire.clearFaults();
      expect((await drain(ports, quiet)).accepted).toBe(2);
    });

    it('does nothing while logged out', async () => {
      const b = backend();
      const { wire, device, ports } = setup(b);
      queueCase(b, device);
      device.token = undefined;
      const report = await drain(ports, quiet);
      expect(report.outcome).toBe('auth');
      expect(wire.log).toHaveLength(0);
      expect(device.states()).toEqual(['pending']);
    });

    it('puts the batch back after a 5xx or 429 and honours Retry-After', async () => {
      const b = backend();
      const { wire, device, ports } = setup(b);
      queueCase(b, device);
      wire.failNext('POST /api/sync/push', {
        status: 503,
        body: { code: 'server.busy', message: '忙' },
        headers: { 'Retry-After': '120' },
      });
      const now = () => 5_000_000;
      const report = await drain(ports, { ...quiet, now });
      expect(report.outcome).toBe('unavailable');
      expect(report.retryAt).toBe(5_000_000 + 120_000);
      expect(device.states()).toEqual(['pending']);
      expect(device.rows[0]!.lastError?.code).toBe('server.busy');
      expect(report.error?.message).toBe('乡镇服务器暂时不可用，稍后自动重试');

      wire.failNext('POST /api/sync/push', { status: 429 });
      expect((await drain(ports, { ...quiet, now })).outcome).toBe('unavailable');
      expect((await drain(ports, { ...quiet, now })).accepted).toBe(1);
    });

    it('backs off a mutation the server asks to retry, and leaves the others alone', async () => {
      const b = backend();
      const { wire, device } = setup(b);
      const a = queueCase(b, device);
      const other = queueCase(b, device);
      // The server's answer for `a` becomes `retry` (e.g. a lock timeout) on its way back.
      const retrying: typeof wire.fetch = async (input, init) => {
        const res = await wire.fetch(input, init);
        if (!String(input).endsWith('/api/sync/push')) return res;
        const body = (await res.json()) as { results: Array<{ id: string; status: string; code?: string }> };
        for (const r of body.results)
          if (r.id === a.mutation.id) Object.assign(r, { status: 'retry', code: 'store.busy' });
        return new Response(JSON.stringify(body), { status: 200 });
      };
      const now = () => 10_000_000;
      const report = await drain(device.ports(b.baseUrl, retrying), {
        now,
        random: () => 0,
        backoff: { baseMs: 2_000, maxMs: 60_000, factor: 2 },
      });
      expect(device.row(other.mutation.id).state).toBe('done');
      const row = device.row(a.mutation.id);
      expect(row.state).toBe('failed');
      expect(row.lastError?.code).toBe('store.busy');
      // First retry: cap 2 s, equal jitter with random 0 → 1 s.
      expect(row.nextAttemptAt).toBe(10_001_000);
      expect(report.retryAt).toBe(10_001_000);
      expect(report.retried).toBe(1);
    });

    it('re-uploads a blob the server lacks, then pushes again within the same drain', async () => {
      const b = backend();
      const { wire, device, ports } = setup(b);
      const { mutation, blobs } = queueCase(b, device);
      device.blobs.get(blobs[0]!.sha256)!.uploaded = true; // the device believes it is there
      const report = await drain(ports, quiet);
      expect(report.outcome).toBe('done');
      expect(device.row(mutation.id).state).toBe('done');
      expect(wire.pushes).toHaveLength(2);
      expect((await b.storedBytes(blobs[0]!.sha256))?.equals(Buffer.from(blobs[0]!.data))).toBe(true);
    });

    it('holds back a submission whose photo is gone from the device, and its later changes', async () => {
      const b = backend();
      const { device, ports } = setup(b);
      const broken = queueCase(b, device);
      device.blobs.delete(broken.blobs[1]!.sha256);
      const withdraw = withdrawMutation(broken.caseId, 1);
      device.enqueue(withdraw);
      const fine = queueCase(b, device);
      const report = await drain(ports, quiet);
      expect(report.outcome).toBe('done');
      expect(device.row(broken.mutation.id)).toMatchObject({
        state: 'failed',
        lastError: { code: 'blob.local_missing' },
      });
      expect(device.row(withdraw.id).state).toBe('pending');
      expect(device.row(fine.mutation.id).state).toBe('done');
    });

    it('reports a file the server cannot verify against the mutation, not the whole batch', async () => {
      const b = backend();
      const { device, ports } = setup(b);
      const bad = queueCase(b, device);
      const good = queueCase(b, device);
      // Bit rot on the device: the bytes no longer match their hash.
      const stored = device.blobs.get(bad.blobs[0]!.sha256)!;
      const copy = new Uint8Array(stored.data.slice(0));
      copy[10] = copy[10]! ^ 0xff;
      stored.data = copy.buffer;
      const report = await drain(ports, quiet);
      expect(device.row(bad.mutation.id)).toMatchObject({ state: 'failed', lastError: { code: 'blob.hash_mismatch' } });
      expect(device.row(good.mutation.id).state).toBe('done');
      expect(report.accepted).toBe(1);
      expect(await b.caseVersion(bad.caseId)).toBeUndefined();
      expect(await b.storedBytes(bad.blobs[0]!.sha256)).toBeUndefined();
    });
  });

  describe('drain: pull', () => {
    /** The server's change seqs cut into pages of `size`: what a device must commit, page by page. */
    const pagesOf = (seqs: number[], size: number) =>
      Array.from({ length: Math.ceil(seqs.length / size) }, (_, i) => seqs.slice(i * size, (i + 1) * size)).map(
        (page) => ({ changes: page.length, cursor: page.at(-1)! }),
      );

    it('pages through changes, storing each page with its cursor', async () => {
      const b = backend();
      const { device, ports } = setup(b);
      await b.ensureChanges();
      const seqs = await b.changeSeqs();
      const size = Math.ceil(seqs.length / 3) - 1; // three full pages and a short one
      const report = await drain(ports, { ...quiet, pullPageSize: size });
      expect(device.pullCommits).toEqual(pagesOf(seqs, size));
      expect(device.pullCommits).toHaveLength(4);
      expect(report.pulled).toBe(seqs.length);
      expect(report.cursor).toBe(seqs.at(-1));
      expect(device.applied.map((c) => c.seq)).toEqual(seqs);
      // Nothing new: one request, no write.
      const again = await drain(ports, quiet);
      expect(again.pulled).toBe(0);
      expect(device.pullCommits).toHaveLength(4);
    });

    it('asks a server from before issue 12 (pages of at most 200) again for 200', async () => {
      const b = backend();
      const { wire, device, ports } = setup(b);
      await b.ensureChanges();
      const seqs = await b.changeSeqs();
      wire.failNext('GET /api/sync/pull', {
        status: 400,
        body: { code: 'request.invalid', message: 'limit 最多为 200' },
      });
      const report = await drain(ports, quiet);
      expect(report.outcome).toBe('done');
      expect(wire.pullLimits[0]).toBe(MAX_PULL_PAGE);
      expect(wire.pullLimits.slice(1)).toEqual(wire.pullLimits.slice(1).map(() => 200));
      expect(wire.pullLimits.length).toBeGreaterThan(1);
      expect(device.applied.map((c) => c.seq)).toEqual(seqs);
    });

    it('after a failure mid-pull, resumes from the last stored page without gaps or repeats', async () => {
      const b = backend();
      const { wire, device, ports } = setup(b);
      await b.ensureChanges();
      const seqs = await b.changeSeqs();
      const size = Math.ceil(seqs.length / 3);
      let pulls = 0;
      wire.onRequest = (_m, path) => {
        if (path === '/api/sync/pull' && ++pulls === 2) wire.failNext('GET /api/sync/pull', 'network');
      };
      const first = await drain(ports, { ...quiet, pullPageSize: size });
      expect(first.outcome).toBe('offline');
      expect(device.cursor).toBe(seqs[size - 1]);
      wire.onRequest = undefined;
      await drain(ports, { ...quiet, pullPageSize: size });
      expect(device.cursor).toBe(seqs.at(-1));
      expect(device.applied.map((c) => c.seq)).toEqual(seqs);
    });

    it('refuses a cursor that does not move forward', async () => {
      const b = backend();
      const { wire, ports } = setup(b);
      wire.failNext('GET /api/sync/pull', { status: 200, body: { changes: [], cursor: 0, hasMore: true } });
      const report = await drain(ports, quiet);
      expect(report.outcome).toBe('unavailable');
      expect(report.error?.code).toBe('pull.cursor_stuck');
    });

    it('treats a page outside the schema as a protocol error, not as data', async () => {
      const b = backend();
      const { wire, device, ports } = setup(b);
      wire.failNext('GET /api/sync/pull', { status: 200, body: { changes: 'all of them', cursor: 1, hasMore: false } });
      const report = await drain(ports, quiet);
      expect(report.error?.code).toBe('protocol.schema');
      expect(device.cursor).toBe(0);
    });

    it('skips a change kind from a newer server: the cursor moves past it and it is recorded', async () => {
      const b = backend();
      const { wire, device, ports } = setup(b);
      wire.failNext('GET /api/sync/pull', {
        status: 200,
        body: { changes: [{ seq: 1, type: 'catalog.published', version: 9 }], cursor: 1, hasMore: false },
      });
      const report = await drain(ports, quiet);
      expect(report.outcome).toBe('done');
      expect(report.skipped).toBe(1);
      expect(device.skipped).toEqual([{ seq: 1, type: 'catalog.published', code: 'change.unknown_kind' }]);
    });
  });

  describe('drain: concurrency', () => {
    it('serialises two drains: the second finds the lock taken and duplicates nothing', async () => {
      const b = backend();
      const { wire, device, ports } = setup(b);
      const cases = [queueCase(b, device), queueCase(b, device), queueCase(b, device)];
      const locks = memoryLocks();
      const [x, y] = await Promise.all([drain(ports, { ...quiet, locks }), drain(ports, { ...quiet, locks })]);
      expect([x.outcome, y.outcome].sort()).toEqual(['busy', 'done']);
      expect(wire.pushes.flat()).toHaveLength(3);
      for (const c of cases) expect(await b.caseVersion(c.caseId)).toBe(1);
    });

    it('a drain started in the middle of another (another tab) backs off instead of racing', async () => {
      const b = backend();
      const { wire, device, ports } = setup(b);
      queueCase(b, device);
      const locks = memoryLocks();
      let racing: Promise<unknown> | undefined;
      wire.onRequest = (method) => {
        if (method === 'POST' && !racing) racing = drain(ports, { ...quiet, locks });
      };
      const first = await drain(ports, { ...quiet, locks });
      expect(first.accepted).toBe(1);
      expect(await racing).toMatchObject({ outcome: 'busy' });
      expect(wire.pushes).toHaveLength(1);
    });

    it('is idempotent: a second run after success sends nothing', async () => {
      const b = backend();
      const { wire, device, ports } = setup(b);
      queueCase(b, device);
      await drain(ports, quiet);
      const pushes = wire.pushes.length;
      const again = await drain(ports, quiet);
      expect(again).toMatchObject({ pushed: 0, blobsUploaded: 0, outcome: 'done' });
      expect(wire.pushes).toHaveLength(pushes);
    });
  });
});

// Faults only the in-process fake can stage. Each says why the real server cannot be made to do it.
describe('drain against the fake server only', () => {
  const backend = useBackend('fake');

  it('resumes an interrupted upload from the offset the server reports', async () => {
    // The fake keeps the first part of a chunk whose connection died; against the real server the
    // same needs a TCP proxy that cuts the link, which real-server.test.ts does.
    const b = backend();
    const server = fakeOf(b);
    const { wire, device, ports } = setup(b);
    const { blobs } = queueCase(b, device, 700_000);
    const photo = blobs[0]!;
    // The link dies 100 000 bytes into the second chunk.
    let patches = 0;
    wire.onRequest = (method, path) => {
      if (method === 'PATCH' && path.endsWith(photo.sha256) && ++patches === 2) server.cutNextPatchAfter = 100_000;
    };
    const first = await drain(ports, { ...quiet, blobConcurrency: 1 });
    expect(first.outcome).toBe('offline');
    expect(first.error?.code).toBe('network.failed');
    expect(device.states()).toEqual(['pending']); // nothing lost, nothing marked bad
    expect(server.blobs.get(photo.sha256)?.received).toBe(262_144 + 100_000);

    wire.onRequest = undefined;
    const sentBefore = wire.patchOffsets.length;
    const logBefore = wire.log.length;
    const second = await drain(ports, quiet);
    // A resend asks the server first.
    expect(wire.log.slice(logBefore).find((l) => l.path.endsWith(photo.sha256))?.method).toBe('HEAD');
    expect(second.outcome).toBe('done');
    // Only the rest went over the wire the second time, starting where the server stopped.
    const resumed = wire.patchOffsets.slice(sentBefore).filter((p) => p.sha === photo.sha256);
    expect(resumed.map((p) => p.offset)).toEqual([362_144, 362_144 + 262_144]);
    expect(resumed.reduce((n, p) => n + p.bytes, 0)).toBe(700_000 - 362_144);
    expect(server.storedBytes(photo.sha256)?.equals(Buffer.from(photo.data))).toBe(true);
    expect(device.states()).toEqual(['done']);
  });

  it('splits a refused request until the malformed mutation stands alone', async () => {
    // The real server parses requests with the same schemas the device builds them with, so a
    // mutation the device would send but the server refuses as malformed exists only in the fake.
    const b = backend();
    const server = fakeOf(b);
    const { device, ports } = setup(b);
    const ms = Array.from({ length: 7 }, (_, i) => withdrawMutation(uuidv7(), 1, 1_760_000_000_000 + i));
    for (const m of ms) {
      device.enqueue(m);
      if (m.kind === 'case.withdraw') server.versions.set(m.payload.caseId, 1); // cases the server holds
    }
    server.invalid.add(ms[4]!.id);
    const report = await drain(ports, quiet);
    expect(report.accepted).toBe(6);
    expect(report.rejected).toBe(1);
    expect(device.row(ms[4]!.id)).toMatchObject({
      state: 'rejected',
      lastError: { code: 'validation.failed', message: '提交的数据格式不正确' },
    });
    expect(server.effects.size).toBe(6);
  });
});
