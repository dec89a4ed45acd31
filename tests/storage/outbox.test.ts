import { describe, expect, it } from 'vitest';
import {
  applyPullPage,
  createCase,
  dismissRejected,
  enqueue,
  getCase,
  getDb,
  listCaseOutbox,
  listProblems,
  markDone,
  markFailed,
  markRejected,
  markSending,
  nextBatch,
  pendingCount,
  pruneDone,
  retryNow,
  writeTransaction,
} from '../../src/storage';
import { uuidv7 } from '../../src/domain';
import { caseAudit, freshDbPerTest, kase, T0, withdrawal } from './fixtures';

freshDbPerTest();

const NET = { code: 'net.offline', message: '网络不可用' };
const enqueueOne = (caseId = uuidv7(), at = T0) =>
  writeTransaction(['outbox'], () => enqueue(withdrawal(caseId, at), at));

describe('outbox state machine', () => {
  it('hands out due entries oldest first, up to the limit', async () => {
    const a = await enqueueOne(undefined, T0 + 2);
    const b = await enqueueOne(undefined, T0 + 1);
    const c = await enqueueOne(undefined, T0 + 3);
    expect((await nextBatch(10, T0 + 10)).map((e) => e.id)).toEqual([b.id, a.id, c.id]);
    expect((await nextBatch(2, T0 + 10)).map((e) => e.id)).toEqual([b.id, a.id]);
    expect(await nextBatch(10, T0)).toEqual([]); // none is due yet
    expect(await pendingCount()).toBe(3);
  });

  it('pending → sending (leased) → done; an expired lease makes the entry sendable again', async () => {
    const e = await enqueueOne();
    await markSending([e.id], T0 + 10, 1000);
    expect(await nextBatch(10, T0 + 20)).toEqual([]);
    const again = await nextBatch(10, T0 + 1011);
    expect(again.map((x) => [x.id, x.state, x.attempts])).toEqual([[e.id, 'sending', 1]]);
    await markDone(e.id);
    expect(await pendingCount()).toBe(0);
    expect(await nextBatch(10, T0 + 5000)).toEqual([]);
  });

  it('failed entries wait for their back-off; rejected ones are never resent but are listed', async () => {
    const f = await enqueueOne(undefined, T0);
    const r = await enqueueOne(undefined, T0 + 1);
    await markSending([f.id, r.id], T0 + 10);
    await markFailed(f.id, NET, T0 + 60_000);
    await markRejected(r.id, { code: 'rules.failed', message: '缺少户口簿' });
    expect(await nextBatch(10, T0 + 30_000)).toEqual([]);
    expect((await nextBatch(10, T0 + 60_000)).map((x) => x.id)).toEqual([f.id]);
    const problems = await listProblems();
    expect(problems.map((p) => [p.id, p.state, p.lastError?.code])).toEqual([
      [f.id, 'failed', 'net.offline'],
      [r.id, 'rejected', 'rules.failed'],
    ]);
    expect(await pendingCount()).toBe(1);
    await retryNow(f.id, T0 + 20);
    expect((await nextBatch(10, T0 + 20)).map((x) => x.id)).toEqual([f.id]);
    await dismissRejected(r.id);
    expect((await listProblems()).map((p) => p.id)).toEqual([]);
    await expect(dismissRejected(f.id)).rejects.toMatchObject({ code: 'storage.conflict' });
    await expect(markFailed('nope', NET, 0)).rejects.toMatchObject({ code: 'storage.not_found' });
  });

  it("keeps a case's order: a later entry waits while an earlier one of the same case backs off", async () => {
    const caseId = uuidv7();
    const first = await enqueueOne(caseId, T0);
    const second = await enqueueOne(caseId, T0 + 1);
    const other = await enqueueOne(undefined, T0 + 2);
    await markFailed(first.id, NET, T0 + 60_000);
    expect((await nextBatch(10, T0 + 10)).map((x) => x.id)).toEqual([other.id]);
    expect((await nextBatch(10, T0 + 60_000)).map((x) => x.id)).toEqual([first.id, second.id, other.id]);
    expect((await listCaseOutbox(caseId)).map((x) => x.id)).toEqual([first.id, second.id]);
  });

  it("markDone applies the server's case update in the same transaction", async () => {
    const c = kase({ status: 'queued' });
    await createCase(c, caseAudit(c.id!));
    const e = await enqueueOne(c.id!);
    await markDone(e.id, { status: 'submitted', baseVersion: 1, submittedAt: T0 + 5 }, T0 + 5);
    expect(await getCase(c.id!)).toMatchObject({
      status: 'submitted',
      baseVersion: 1,
      submittedAt: T0 + 5,
      updatedAt: T0 + 5,
    });
  });

  it('markDone leaves a case that a pull already moved to a newer version alone (a late, stale ok)', async () => {
    const c = kase({ status: 'accepted', baseVersion: 3, acceptedOn: '2025-06-16' });
    await createCase(c, caseAudit(c.id!));
    const e = await enqueueOne(c.id!);
    await markDone(e.id, { status: 'submitted', statusFrom: 'queued', baseVersion: 1, submittedAt: T0 + 5 }, T0 + 9);
    expect(await getCase(c.id!)).toMatchObject({
      status: 'accepted',
      baseVersion: 3,
      acceptedOn: '2025-06-16',
      submittedAt: T0 + 5,
    });
    expect((await getDb().outbox.get(e.id))?.state).toBe('done');
  });

  it('markDone moves the status only from `statusFrom`, and keeps an existing submittedAt', async () => {
    const c = kase({ status: 'withdrawn', baseVersion: 0, submittedAt: T0 + 1 });
    await createCase(c, caseAudit(c.id!));
    const e = await enqueueOne(c.id!);
    await markDone(e.id, { status: 'submitted', statusFrom: 'queued', baseVersion: 1, submittedAt: T0 + 5 }, T0 + 9);
    expect(await getCase(c.id!)).toMatchObject({
      status: 'withdrawn',
      baseVersion: 1,
      submittedAt: T0 + 1,
      updatedAt: T0 + 9,
    });
  });

  it('a pull and a late ok for an older version end the same in either order: the pulled status wins', async () => {
    for (const pullFirst of [true, false]) {
      const c = kase({ status: 'queued', baseVersion: 0 });
      await createCase(c, caseAudit(c.id!));
      const e = await enqueueOne(c.id!);
      const pull = () =>
        applyPullPage({
          changes: [{ seq: 1, type: 'case.status', caseId: c.id!, status: 'in_review', version: 2, at: T0 + 7 }],
          cursor: 1,
        });
      const done = () =>
        markDone(e.id, { status: 'submitted', statusFrom: 'queued', baseVersion: 1, submittedAt: T0 + 5 }, T0 + 8);
      await Promise.all(pullFirst ? [pull(), done()] : [done(), pull()]);
      expect(await getCase(c.id!), pullFirst ? 'pull first' : 'ok first').toMatchObject({
        status: 'in_review',
        baseVersion: 2,
        submittedAt: T0 + 5,
      });
    }
  });

  it('enqueue validates the mutation and prune removes old done entries', async () => {
    await expect(
      writeTransaction(['outbox'], () => enqueue({ ...withdrawal(uuidv7()), id: 'x' })),
    ).rejects.toMatchObject({ code: 'storage.invalid' });
    const e = await enqueueOne(undefined, T0);
    await markDone(e.id);
    expect(await pruneDone(T0 + 1)).toBe(1);
    expect(await getDb().outbox.count()).toBe(0);
  });
});
