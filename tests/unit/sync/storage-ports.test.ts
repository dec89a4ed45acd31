// The drain over the real device storage (Dexie on fake-indexeddb) against the fake server.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src/domain';
import {
  applyPullPage, closeDb, DaibanDb, getBlob, makeAudit, getCase, getDb, getLastSyncAt, getSyncCursor, listProblems, pendingCount,
  saveCaseWithMaterials, saveSession, useDb,
} from '../../../src/storage';
import { drain } from '../../../src/sync/drain';
import { memoryLocks } from '../../../src/sync/lock';
import { caseUpdateFor, createStoragePorts } from '../../../src/sync/storage-ports';
import { FakeServer } from './fake-server';
import { makeBlob, makeSubmission, submitMutation, type TestBlob } from './fixtures';

beforeEach(async () => {
  useDb(new DaibanDb(`sync-${uuidv7()}`, { indexedDB, IDBKeyRange }));
  await saveSession({ token: 'token-agent-1', user: { id: 'agent-1', name: '李代办', role: 'agent' }, loggedInAt: 1 });
});
afterEach(() => closeDb());

/** Queues a case the way the workbench does: case, materials, files and outbox row in one transaction. */
async function queueCase(photos: TestBlob[]) {
  const submission = makeSubmission({ photos });
  const mutation = submitMutation(submission);
  await saveCaseWithMaterials({
    case: submission.case,
    materials: submission.materials,
    blobs: photos,
    audit: makeAudit({ entity: 'case', entityId: submission.case.id, caseId: submission.case.id, action: 'case.submit', actor: { role: 'agent', id: 'agent-1' }, at: 1 }),
    mutation,
  });
  return { submission, mutation };
}

const ports = (server: FakeServer) => createStoragePorts({ baseUrl: 'http://t.test', fetch: server.fetch });

describe('storage ports', () => {
  it('submits a queued case: blobs marked uploaded, case submitted at the server version, outbox done', async () => {
    const server = new FakeServer();
    const photos = [makeBlob(50_000), makeBlob(70_000)];
    const { submission, mutation } = await queueCase(photos);
    expect(await pendingCount()).toBe(1);
    const report = await drain(ports(server), { random: () => 0.5 });
    expect(report).toMatchObject({ outcome: 'done', accepted: 1, blobsUploaded: 2 });
    expect(await pendingCount()).toBe(0);
    expect((await getDb().outbox.get(mutation.id))?.state).toBe('done');
    expect(await getCase(submission.case.id)).toMatchObject({ status: 'submitted', baseVersion: 1, submittedAt: mutation.createdAt });
    for (const p of photos) expect((await getBlob(p.sha256))?.uploadedAt).toBeTypeOf('number');
    expect(await getLastSyncAt()).toBe(report.finishedAt);
  });

  it('applies pulled pages and their cursor together', async () => {
    const server = new FakeServer();
    const { submission } = await queueCase([makeBlob(1_000)]);
    await drain(ports(server), { random: () => 0.5 });
    server.changes.push({ seq: 1, type: 'case.status', caseId: submission.case.id, status: 'accepted', version: 2, acceptedOn: '2025-10-10', at: 1_760_000_100_000 });
    const pulled: string[][] = [];
    const report = await drain(createStoragePorts({ baseUrl: 'http://t.test', fetch: server.fetch, onPulled: (s) => pulled.push(s.caseIds) }), { random: () => 0.5 });
    expect(report.pulled).toBe(1);
    expect(await getSyncCursor()).toBe(1);
    expect(await getCase(submission.case.id)).toMatchObject({ status: 'accepted', baseVersion: 2, acceptedOn: '2025-10-10' });
    expect(pulled).toEqual([[submission.case.id]]);
  });

  it('keeps a rejection with its Chinese reason as a problem for the agent', async () => {
    const server = new FakeServer();
    const { submission } = await queueCase([makeBlob(1_000)]);
    server.poisoned.add(submission.case.id);
    await drain(ports(server), { random: () => 0.5 });
    const problems = await listProblems();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ state: 'rejected', caseId: submission.case.id, lastError: { code: 'rules.failed', message: '身份证已过期，请更新证件后重新提交' } });
    expect(await ports(server).outbox.listProblems()).toEqual([expect.objectContaining({ caseId: submission.case.id, code: 'rules.failed' })]);
  });

  it('after a crash between push and markDone, the lock holder reclaims and the server answer is replayed', async () => {
    const server = new FakeServer();
    const { mutation, submission } = await queueCase([makeBlob(2_000)]);
    const p = ports(server);
    const crashing = { ...p, outbox: { ...p.outbox, markDone: async () => { throw new Error('tab closed'); } } };
    const locks = memoryLocks();
    await expect(drain(crashing, { locks })).rejects.toThrow('tab closed');
    expect((await getDb().outbox.get(mutation.id))?.state).toBe('sending');
    const report = await drain(p, { locks });
    expect(report.accepted).toBe(1);
    expect(server.effects.get(mutation.id)).toBe(1);
    expect(await getCase(submission.case.id)).toMatchObject({ status: 'submitted', baseVersion: 1 });
  });

  it('reads the token from the saved session, and reports auth when logged out', async () => {
    const server = new FakeServer();
    expect(await ports(server).session.token()).toBe('token-agent-1');
    await getDb().settings.delete('session');
    expect(await ports(server).session.token()).toBeUndefined();
    expect((await drain(ports(server))).outcome).toBe('auth');
  });

  it('never moves a case backwards on a late replayed answer', async () => {
    const { submission, mutation } = await queueCase([makeBlob(1_000)]);
    const item = { id: mutation.id, caseId: submission.case.id, attempts: 1, mutation };
    // A pull got there first: the township already opened the case (version 2).
    await applyPullPage({ changes: [{ seq: 1, type: 'case.status', caseId: submission.case.id, status: 'in_review', version: 2, at: 2 }], cursor: 1 });
    await ports(new FakeServer()).outbox.markDone(item, { id: mutation.id, status: 'ok', version: 1 });
    expect(await getCase(submission.case.id)).toMatchObject({ status: 'in_review', baseVersion: 2, submittedAt: mutation.createdAt });
    expect((await getDb().outbox.get(mutation.id))?.state).toBe('done');
    expect(caseUpdateFor(item, { id: mutation.id, status: 'ok', version: 1 }))
      .toEqual({ baseVersion: 1, status: 'submitted', statusFrom: 'queued', submittedAt: mutation.createdAt });
  });
});
