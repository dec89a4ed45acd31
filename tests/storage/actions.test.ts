// One user action = one transaction: everything commits, or nothing does.
import { describe, expect, it } from 'vitest';
import { Case, Person, type Mutation, uuidv7 } from '../../src/domain';
import {
  addMaterialPage,
  createCase,
  deleteMaterialPage,
  deleteOrphanBlobs,
  getBlob,
  getCase,
  getDb,
  listAudit,
  listMaterials,
  moveMaterialPage,
  pendingCount,
  saveCaseWithMaterials,
  submitCase,
} from '../../src/storage';
import { caseAudit, DEVICE, freshDbPerTest, kase, person, sha, T0, withdrawal } from './fixtures';

freshDbPerTest();

const bytes = (n: number) => new Uint8Array(n).fill(7).buffer;
const page = (h: string) => ({ sha256: h, mime: 'image/jpeg' as const, bytes: 3, capturedAt: T0 });

async function tableCounts() {
  const db = getDb();
  return {
    cases: await db.cases.count(),
    materials: await db.materials.count(),
    blobs: await db.blobs.count(),
    audit: await db.audit.count(),
    outbox: await db.outbox.count(),
  };
}

describe('submitCase', () => {
  it('writes the status change, the audit event and the outbox row together', async () => {
    const c = kase({ status: 'ready' });
    await createCase(c, caseAudit(c.id!));
    const applicant = Person.parse(person({ id: c.applicantId }));
    const m: Mutation = {
      id: uuidv7(),
      deviceId: DEVICE,
      createdAt: T0 + 5,
      kind: 'case.submit',
      baseVersion: 0,
      payload: { case: Case.parse(c), materials: [], applicant },
    };
    const next = await submitCase({
      caseId: c.id!,
      mutation: m,
      audit: caseAudit(c.id!, 'case.submit', { from: 'ready', to: 'queued', at: T0 + 5 }),
      now: T0 + 5,
    });
    expect(next.status).toBe('queued');
    expect((await getCase(c.id!))?.status).toBe('queued');
    expect((await listAudit(c.id!)).map((a) => a.action)).toEqual(['case.save', 'case.submit']);
    expect(await pendingCount()).toBe(1);
    expect(await getDb().outbox.get(m.id)).toMatchObject({ state: 'pending', caseId: c.id, attempts: 0 });
  });

  it('leaves nothing behind when the outbox write fails mid-action', async () => {
    const c = kase({ status: 'ready' });
    await createCase(c, caseAudit(c.id!));
    const m = withdrawal(c.id!);
    await getDb().outbox.add({
      id: m.id,
      mutation: m,
      state: 'done',
      attempts: 1,
      nextAttemptAt: 0,
      caseId: c.id!,
      createdAt: T0,
      updatedAt: T0,
    });
    const before = await tableCounts();
    // The case and audit writes happen first inside the transaction; the duplicate outbox id fails last.
    await expect(
      submitCase({ caseId: c.id!, mutation: m, audit: caseAudit(c.id!, 'case.withdraw') }),
    ).rejects.toMatchObject({ code: 'storage.conflict' });
    expect(await tableCounts()).toEqual(before);
    expect((await getCase(c.id!))?.status).toBe('ready');
  });

  it('refuses a case in the wrong status or a mutation for another case', async () => {
    const c = kase({ status: 'submitted' });
    await createCase(c, caseAudit(c.id!));
    await expect(submitCase({ caseId: c.id!, mutation: withdrawal(c.id!), audit: [] })).rejects.toMatchObject({
      code: 'storage.conflict',
    });
    await expect(
      submitCase({ caseId: c.id!, mutation: withdrawal(uuidv7()), audit: [], expectStatus: ['submitted'] }),
    ).rejects.toMatchObject({ code: 'storage.invalid' });
    await expect(submitCase({ caseId: uuidv7(), mutation: withdrawal(uuidv7()), audit: [] })).rejects.toMatchObject({
      code: 'storage.invalid',
    });
    expect(await pendingCount()).toBe(0);
  });
});

describe('saveCaseWithMaterials', () => {
  it('saves case, materials, files, audit and mutation in one go', async () => {
    const c = kase();
    const material = { id: uuidv7(), caseId: c.id!, requirementId: 'id-card', pages: [page(sha(1))], updatedAt: T0 };
    await saveCaseWithMaterials({
      case: c,
      materials: [material],
      blobs: [{ sha256: sha(1), mime: 'image/jpeg', data: bytes(3) }],
      audit: caseAudit(c.id!),
      mutation: withdrawal(c.id!),
    });
    expect(await tableCounts()).toEqual({ cases: 1, materials: 1, blobs: 1, audit: 1, outbox: 1 });
    expect((await getBlob(sha(1)))?.data.byteLength).toBe(3);
  });

  it('rolls everything back when a write fails after the file and material were written', async () => {
    const c = kase();
    const audit = caseAudit(c.id!);
    await getDb().audit.add(audit); // the same audit id again will fail inside the transaction
    const material = { id: uuidv7(), caseId: c.id!, requirementId: 'id-card', pages: [page(sha(2))], updatedAt: T0 };
    await expect(
      saveCaseWithMaterials({
        case: c,
        materials: [material],
        blobs: [{ sha256: sha(2), mime: 'image/jpeg', data: bytes(3) }],
        audit,
      }),
    ).rejects.toMatchObject({ code: 'storage.conflict' });
    expect(await tableCounts()).toEqual({ cases: 0, materials: 0, blobs: 0, audit: 1, outbox: 0 });
  });

  it('checks the stored status when asked (optimistic guard)', async () => {
    const c = kase({ status: 'submitted' });
    await createCase(c, caseAudit(c.id!));
    await expect(
      saveCaseWithMaterials({ case: { ...c, fields: { a: 'b' } }, expectStatus: ['draft'] }),
    ).rejects.toMatchObject({ code: 'storage.conflict' });
    expect((await getCase(c.id!))?.fields).toEqual({});
  });
});

describe('material pages', () => {
  it('adds pages with their files, ignores a duplicate page, reorders and deletes pages', async () => {
    const c = kase();
    await createCase(c, caseAudit(c.id!));
    const add = (n: number) =>
      addMaterialPage({
        caseId: c.id!,
        requirementId: 'hukou',
        page: page(sha(n)),
        blob: { sha256: sha(n), mime: 'image/jpeg', data: bytes(n) },
        now: T0 + n,
      });
    await add(1);
    await add(2);
    const m = await add(2);
    expect(m.pages.map((p) => p.sha256)).toEqual([sha(1), sha(2)]);
    expect(await listMaterials(c.id!)).toHaveLength(1);
    expect(await getDb().blobs.count()).toBe(2);
    expect((await moveMaterialPage(m.id, 1, 0)).pages.map((p) => p.sha256)).toEqual([sha(2), sha(1)]);
    await expect(moveMaterialPage(m.id, 5, 0)).rejects.toMatchObject({ code: 'storage.invalid' });
    const after = await deleteMaterialPage(m.id, sha(2), caseAudit(c.id!, 'page.delete'));
    expect(after.pages.map((p) => p.sha256)).toEqual([sha(1)]);
    expect(await deleteOrphanBlobs()).toBe(1);
    expect(await getBlob(sha(2))).toBeUndefined();
    expect(await getBlob(sha(1))).toBeDefined();
  });

  it('refuses a page whose hash does not match its file', async () => {
    await expect(
      addMaterialPage({
        caseId: uuidv7(),
        requirementId: 'x',
        page: page(sha(1)),
        blob: { sha256: sha(2), mime: 'image/jpeg', data: bytes(1) },
      }),
    ).rejects.toMatchObject({ code: 'storage.invalid' });
  });
});
