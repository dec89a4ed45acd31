// The drain over the real device storage (Dexie on fake-indexeddb), against the fake and the real
// township server (see backends.ts).
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7, type CaseSubmission } from '../../../src/domain';
import {
  applyPullPage,
  closeDb,
  DaibanDb,
  forgetStorageKey,
  getBlob,
  makeAudit,
  getCase,
  getDb,
  getLastSyncAt,
  getSyncCursor,
  listProblems,
  pendingCount,
  saveCaseWithMaterials,
  saveSession,
  unlockStorage,
  useDb,
} from '../../../src/storage';
import { drain } from '../../../src/sync/drain';
import { memoryLocks } from '../../../src/sync/lock';
import { caseUpdateFor, createStoragePorts } from '../../../src/sync/storage-ports';
import { BACKENDS, useBackend, type SyncBackend } from './backends';
import { makeBlob, makeSubmission, submitMutation, type TestBlob } from './fixtures';

// Unlocked, as after the agent's PIN: storage seals what the drain reads and writes.
beforeEach(async () => {
  useDb(new DaibanDb(`sync-${uuidv7()}`, { indexedDB, IDBKeyRange }));
  await unlockStorage(new Uint8Array(32).fill(4));
});
afterEach(() => {
  closeDb();
  forgetStorageKey();
});

const login = (token: string) =>
  saveSession({ token, user: { id: 'agent-1', name: '李代办', role: 'agent' }, loggedInAt: 1 });

/** Queues a case the way the workbench does: case, materials, files and outbox row in one transaction. */
async function queueCase({ submission, blobs }: { submission: CaseSubmission; blobs: TestBlob[] }) {
  const mutation = submitMutation(submission);
  await saveCaseWithMaterials({
    case: submission.case,
    materials: submission.materials,
    blobs,
    audit: makeAudit({
      entity: 'case',
      entityId: submission.case.id,
      caseId: submission.case.id,
      action: 'case.submit',
      actor: { role: 'agent', id: 'agent-1' },
      at: 1,
    }),
    mutation,
  });
  return { submission, mutation, blobs };
}

const ports = (b: SyncBackend, onPulled?: (s: { caseIds: string[] }) => void) =>
  createStoragePorts({ baseUrl: b.baseUrl, fetch: b.wire.fetch, onPulled });

describe.each(BACKENDS)('storage ports with the %s server', (name) => {
  const backend = useBackend(name);
  beforeEach(() => login(backend().token));

  it('submits a queued case: blobs marked uploaded, case submitted at the server version, outbox done', async () => {
    const b = backend();
    const { submission, mutation, blobs } = await queueCase(b.newCase(50_000));
    expect(await pendingCount()).toBe(1);
    const report = await drain(ports(b), { random: () => 0.5 });
    expect(report).toMatchObject({ outcome: 'done', accepted: 1, blobsUploaded: blobs.length });
    expect(await pendingCount()).toBe(0);
    expect((await getDb().outbox.get(mutation.id))?.state).toBe('done');
    expect(await getCase(submission.case.id)).toMatchObject({
      status: 'submitted',
      baseVersion: 1,
      submittedAt: mutation.createdAt,
    });
    for (const p of blobs) expect((await getBlob(p.sha256))?.uploadedAt).toBeTypeOf('number');
    expect(await getLastSyncAt()).toBe(report.finishedAt);
  });

  it('applies pulled pages and their cursor together', async () => {
    const b = backend();
    const { submission } = await queueCase(b.newCase(1_000));
    await drain(ports(b), { random: () => 0.5 });
    const seen = (await b.changeSeqs()).length;
    const accepted = await b.accept(submission.case.id);
    const seqs = await b.changeSeqs();
    const pulled: string[][] = [];
    const report = await drain(
      ports(b, (s) => pulled.push(s.caseIds)),
      { random: () => 0.5 },
    );
    expect(report.pulled).toBe(seqs.length - seen);
    expect(await getSyncCursor()).toBe(seqs.at(-1));
    expect(await getCase(submission.case.id)).toMatchObject({
      status: 'accepted',
      baseVersion: accepted.version,
      acceptedOn: accepted.acceptedOn,
    });
    expect(pulled).toEqual([[submission.case.id]]);
  });

  it('keeps a rejection with its Chinese reason as a problem for the agent', async () => {
    const b = backend();
    const fresh = b.newCase(1_000);
    const reason = b.spoil(fresh.submission);
    const { submission } = await queueCase(fresh);
    await drain(ports(b), { random: () => 0.5 });
    const problems = await listProblems();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ state: 'rejected', caseId: submission.case.id, lastError: reason });
    expect(await ports(b).outbox.listProblems()).toEqual([
      expect.objectContaining({ caseId: submission.case.id, code: reason.code }),
    ]);
  });

  it('after a crash between push and markDone, the lock holder reclaims and the server answer is replayed', async () => {
    const b = backend();
    const { mutation, submission } = await queueCase(b.newCase(2_000));
    const p = ports(b);
    const crashing = {
      ...p,
      outbox: {
        ...p.outbox,
        markDone: async () => {
          throw new Error('tab closed');
        },
      },
    };
    const locks = memoryLocks();
    await expect(drain(crashing, { locks })).rejects.toThrow('tab closed');
    expect((await getDb().outbox.get(mutation.id))?.state).toBe('sending');
    const report = await drain(p, { locks });
    expect(report.accepted).toBe(1);
    expect(await b.caseVersion(submission.case.id)).toBe(1);
    expect(await getCase(submission.case.id)).toMatchObject({ status: 'submitted', baseVersion: 1 });
  });

  it('reads the token from the saved session, and reports auth when logged out', async () => {
    const b = backend();
    expect(await ports(b).session.token()).toBe(b.token);
    await getDb().settings.delete('session');
    expect(await ports(b).session.token()).toBeUndefined();
    expect((await drain(ports(b))).outcome).toBe('auth');
    expect(b.wire.log).toHaveLength(0);
  });
});

describe('storage ports without a server', () => {
  it('never moves a case backwards on a late replayed answer', async () => {
    await login('token-agent-1');
    const photo = makeBlob(1_000);
    const { submission, mutation } = await queueCase({
      submission: makeSubmission({ photos: [photo] }),
      blobs: [photo],
    });
    const item = { id: mutation.id, caseId: submission.case.id, attempts: 1, mutation };
    // A pull got there first: the township already opened the case (version 2).
    await applyPullPage({
      changes: [{ seq: 1, type: 'case.status', caseId: submission.case.id, status: 'in_review', version: 2, at: 2 }],
      cursor: 1,
    });
    const offline = createStoragePorts({
      baseUrl: 'http://t.test',
      fetch: () => Promise.reject(new TypeError('no network in this test')),
    });
    await offline.outbox.markDone(item, { id: mutation.id, status: 'ok', version: 1 });
    expect(await getCase(submission.case.id)).toMatchObject({
      status: 'in_review',
      baseVersion: 2,
      submittedAt: mutation.createdAt,
    });
    expect((await getDb().outbox.get(mutation.id))?.state).toBe('done');
    expect(caseUpdateFor(item, { id: mutation.id, status: 'ok', version: 1 })).toEqual({
      baseVersion: 1,
      status: 'submitted',
      statusFrom: 'queued',
      submittedAt: mutation.createdAt,
    });
  });
});
