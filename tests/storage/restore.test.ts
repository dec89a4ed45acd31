// The device side of a restore: snapshot pages merge into the device without overwriting local
// work, a page applied twice changes nothing, profiles merge field by field, and a downloaded file
// is stored only when its bytes match its hash.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Case, type Material, type Person, uuidv7 } from '../../src/domain';
import type { SnapshotCase, SnapshotPage } from '../../src/domain/api/sync';
import {
  applyPullPage,
  applySnapshotPage,
  createCase,
  enqueue,
  getBlob,
  getCase,
  getDb,
  getPerson,
  getPersonByIdNumber,
  listMaterials,
  restoreProgress,
  savePerson,
  searchPersons,
  settleConflicts,
  storeDownloadedBlob,
  writeTransaction,
} from '../../src/storage';
import { AGENT, caseAudit, DEVICE, freshDbPerTest, kase, person, T0, withdrawal } from './fixtures';

freshDbPerTest();

const material = (caseId: string, sha: string): Material => ({
  id: uuidv7(),
  caseId,
  requirementId: 'id-card',
  pages: [
    {
      sha256: sha,
      mime: 'image/jpeg',
      bytes: 10,
      quality: { width: 1600, height: 1200, sharpness: 200, mean: 150, clipped: 0.01 },
      capturedAt: T0,
    },
  ],
  data: {},
  updatedAt: T0,
});

function serverCase(over: Partial<Case> = {}, p: Person = person() as Person): SnapshotCase {
  const c = kase({
    applicantId: p.id,
    status: 'returned',
    baseVersion: 2,
    revision: 1,
    submittedAt: T0,
    ...over,
  }) as Case;
  return {
    case: { ...c, fields: c.fields ?? {}, acknowledged: c.acknowledged ?? [], tolerance: c.tolerance ?? [] },
    materials: [material(c.id, 'a'.repeat(64))],
    persons: [{ ...p, household: p.household ?? [], ethnicity: p.ethnicity ?? '汉族', address: p.address ?? '' }],
    decisions: [],
    rectifications: [],
  };
}

const page = (cases: SnapshotCase[], next: string | null = null): SnapshotPage => ({ cases, next, asOf: 10 });

describe('applySnapshotPage', () => {
  it('adds cases the device does not have, with materials and persons, and records the position', async () => {
    const sc = serverCase();
    const summary = await applySnapshotPage(page([sc], sc.case.id));
    expect(summary.added).toEqual([sc.case.id]);
    expect(summary.blobs).toEqual(['a'.repeat(64)]);
    expect(await getCase(sc.case.id)).toMatchObject({ status: 'returned', baseVersion: 2 });
    expect(await listMaterials(sc.case.id)).toHaveLength(1);
    expect(await getPerson(sc.persons[0]!.id)).toMatchObject({ name: '张三丰' });
    expect(await restoreProgress()).toEqual({ after: sc.case.id, done: false, asOf: 10 });
  });

  it('a page applied twice (a retried request) changes nothing', async () => {
    const a = serverCase();
    await applySnapshotPage(page([a], a.case.id));
    const again = await applySnapshotPage(page([a], a.case.id));
    expect(again.added).toEqual([]);
    const events = (await getDb().audit.toArray()).filter((e) => e.action === 'case.restore');
    expect(events).toHaveLength(1);
    await applySnapshotPage(page([]));
    expect(await restoreProgress()).toMatchObject({ done: true });
    // Finished: even a new page is ignored (the feed takes over).
    expect((await applySnapshotPage(page([serverCase()]))).added).toEqual([]);
  });

  it('never overwrites a case with unsent work on the device', async () => {
    const sc = serverCase({ baseVersion: 3 });
    const mine = { ...sc.case, status: 'queued' as const, baseVersion: 2, fields: { phone: '13900000000' } };
    await createCase(mine, caseAudit(mine.id));
    await writeTransaction(['outbox'], () => enqueue(withdrawal(mine.id)));
    const summary = await applySnapshotPage(page([sc]));
    expect(summary.kept).toEqual([sc.case.id]);
    expect(await getCase(sc.case.id)).toMatchObject({
      status: 'queued',
      baseVersion: 2,
      fields: { phone: '13900000000' },
    });
    expect(await listMaterials(sc.case.id)).toEqual([]);
  });

  it('moves a stale copy without local work forward (status, version) but keeps its materials', async () => {
    const sc = serverCase({ baseVersion: 4, status: 'accepted', dueOn: '2026-04-01' });
    const mine = { ...sc.case, status: 'returned' as const, baseVersion: 2 };
    await createCase(mine, caseAudit(mine.id));
    const summary = await applySnapshotPage(page([sc], sc.case.id));
    expect(summary.advanced).toEqual([sc.case.id]);
    expect(await getCase(sc.case.id)).toMatchObject({ status: 'accepted', baseVersion: 4, dueOn: '2026-04-01' });
    expect(await listMaterials(sc.case.id)).toEqual([]);
    // A copy as new as the server's is kept as it is.
    const same = serverCase({ baseVersion: 2 });
    await createCase({ ...same.case, fields: { note: 'local' } }, caseAudit(same.case.id));
    expect((await applySnapshotPage(page([same]))).kept).toEqual([same.case.id]);
    expect((await getCase(same.case.id))?.fields).toEqual({ note: 'local' });
  });

  it("merges the server's profile with the device's edit field by field", async () => {
    const p = person() as Person;
    // This tablet changed the phone; the server holds another tablet's new address.
    await savePerson(p, AGENT, DEVICE);
    await savePerson({ ...p, phone: '13900000000', updatedAt: T0 + 1000 }, AGENT, DEVICE);
    const server = {
      ...p,
      address: '新地址 8 号',
      updatedAt: T0 + 2000,
      fieldsAt: { address: { at: T0 + 2000, from: T0 } },
    };
    await applySnapshotPage(page([serverCase({}, server)]));
    expect(await getPerson(p.id)).toMatchObject({ phone: '13900000000', address: '新地址 8 号', conflicts: [] });
  });

  it('same field on both: the later value shows, the other is kept as a conflict', async () => {
    const p = person() as Person;
    await savePerson(p, AGENT, DEVICE);
    await savePerson({ ...p, phone: '13900000000', updatedAt: T0 + 1000 }, AGENT, DEVICE);
    const server = {
      ...p,
      phone: '13700000000',
      updatedAt: T0 + 2000,
      fieldsAt: { phone: { at: T0 + 2000, from: T0 } },
    };
    await applySnapshotPage(page([serverCase({}, server)]));
    const merged = await getPerson(p.id);
    expect(merged?.phone).toBe('13700000000');
    expect(merged?.conflicts).toEqual([{ field: 'phone', value: '13900000000', at: T0 + 1000 }]);
    // The agent checks with the villager and keeps this tablet's number: the conflict closes.
    const settled = await settleConflicts(p.id, 'phone', '13900000000', AGENT, DEVICE, T0 + 3000);
    expect(settled).toMatchObject({ phone: '13900000000', conflicts: [] });
    expect(await getPerson(p.id)).toMatchObject({ phone: '13900000000', conflicts: [] });
    // A later copy of the server's profile (still holding the conflict) does not reopen it.
    await applySnapshotPage(page([serverCase({}, { ...server, conflicts: merged!.conflicts })]));
    expect(await getPerson(p.id)).toMatchObject({ phone: '13900000000', conflicts: [] });
  });
});

describe('a profile from the pull feed', () => {
  it("merges another tablet's edit of a different field, keeping this tablet's unsent edit", async () => {
    const p = person() as Person;
    await savePerson(p, AGENT, DEVICE);
    await savePerson({ ...p, phone: '13900000000', updatedAt: T0 + 1000 }, AGENT, DEVICE);
    const server = {
      ...p,
      address: '新地址 8 号',
      updatedAt: T0 + 2000,
      fieldsAt: { address: { at: T0 + 2000, from: T0 } },
    };
    await applyPullPage({ changes: [{ seq: 1, type: 'person', person: server }], cursor: 1 });
    expect(await getPerson(p.id)).toMatchObject({ phone: '13900000000', address: '新地址 8 号', conflicts: [] });
    // The same change again (a retried page) changes nothing.
    const before = await getPerson(p.id);
    await applyPullPage({ changes: [{ seq: 1, type: 'person', person: server }], cursor: 1 });
    expect(await getPerson(p.id)).toEqual(before);
  });

  it('stores a profile made on another tablet of the village, findable by name and ID number', async () => {
    const p = { ...(person() as Person), name: '欧阳秀英' };
    await applyPullPage({ changes: [{ seq: 1, type: 'person', person: p }], cursor: 1 });
    expect((await searchPersons('欧阳')).map((x) => x.id)).toEqual([p.id]);
    expect((await getPersonByIdNumber(p.idNumber))?.id).toBe(p.id);
  });
});

describe('storeDownloadedBlob', () => {
  it('stores a file whose bytes match its hash, and refuses one that does not', async () => {
    const bytes = new TextEncoder().encode('photo bytes');
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(await storeDownloadedBlob('b'.repeat(64), 'image/jpeg', bytes.slice().buffer)).toBe(false);
    expect(await getBlob('b'.repeat(64))).toBeUndefined();
    expect(await storeDownloadedBlob(sha, 'image/jpeg', bytes.slice().buffer)).toBe(true);
    expect((await getBlob(sha))?.uploadedAt).toBeDefined();
  });
});
