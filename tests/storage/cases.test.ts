import { describe, expect, it } from 'vitest';
import {
  countCases,
  createCase,
  deleteDraftCase,
  getCase,
  getCaseByNumber,
  getDb,
  listAudit,
  listCases,
  saveCase,
} from '../../src/storage';
import { caseAudit, freshDbPerTest, kase, T0 } from './fixtures';

freshDbPerTest();

describe('cases', () => {
  it('creates, reads and saves a case with its audit events', async () => {
    const c = kase();
    await createCase(c, caseAudit(c.id!, 'case.create'));
    expect(await getCase(c.id!)).toMatchObject({ id: c.id, status: 'draft', fields: {}, revision: 0 });
    expect(await getCaseByNumber(c.number!)).toMatchObject({ id: c.id });
    await saveCase({ ...c, status: 'ready', updatedAt: T0 + 10 }, caseAudit(c.id!, 'case.ready', { at: T0 + 10 }));
    expect((await getCase(c.id!))?.status).toBe('ready');
    expect((await listAudit(c.id!)).map((a) => a.action)).toEqual(['case.create', 'case.ready']);
  });

  it('refuses to create a case twice', async () => {
    const c = kase();
    await createCase(c, caseAudit(c.id!));
    await expect(createCase(c, caseAudit(c.id!))).rejects.toMatchObject({ code: 'storage.conflict' });
    expect(await getDb().audit.count()).toBe(1);
  });

  it('throws storage.invalid when a stored row no longer matches the schema', async () => {
    const c = kase();
    await createCase(c, caseAudit(c.id!));
    await getDb().cases.update(c.id!, { status: 'bogus' as never });
    await expect(getCase(c.id!)).rejects.toMatchObject({ code: 'storage.invalid' });
  });

  describe('listCases and countCases', () => {
    const applicant = '0190a000-0000-7000-8000-000000000001';
    async function seed() {
      const rows = [
        kase({ status: 'draft', updatedAt: T0 + 1 }),
        kase({ status: 'returned', updatedAt: T0 + 2, dueOn: '2025-06-20' }),
        kase({ status: 'submitted', updatedAt: T0 + 3, itemCode: 'PENSION-REG', applicantId: applicant }),
        kase({ status: 'returned', updatedAt: T0 + 4, itemCode: 'PENSION-REG', dueOn: '2025-06-10' }),
        kase({ status: 'accepted', updatedAt: T0 + 5, applicantId: applicant, dueOn: '2025-07-01' }),
      ];
      await getDb().cases.bulkAdd(
        rows.map((r) => ({ fields: {}, acknowledged: [], tolerance: [], revision: 0, baseVersion: 0, ...r }) as never),
      );
      return rows.map((r) => r.id!);
    }

    it('lists newest first and pages with offset/limit', async () => {
      const ids = await seed();
      expect((await listCases()).map((c) => c.id)).toEqual([...ids].reverse());
      expect((await listCases({ offset: 1, limit: 2 })).map((c) => c.id)).toEqual([ids[3], ids[2]]);
    });

    it('filters by status (one or several), item, applicant, due date and returned', async () => {
      const [d, r1, s, r2, a] = await seed();
      const ids = async (q: Parameters<typeof listCases>[0]) => (await listCases(q)).map((c) => c.id);
      expect(await ids({ status: 'returned' })).toEqual([r2, r1]);
      expect(await ids({ status: ['draft', 'accepted', 'submitted'] })).toEqual([a, s, d]);
      expect(await ids({ status: ['draft', 'accepted', 'submitted'], offset: 1, limit: 1 })).toEqual([s]);
      expect(await ids({ returned: true })).toEqual([r2, r1]);
      expect(await ids({ returned: false })).toEqual([a, s, d]);
      expect(await ids({ returned: true, status: 'draft' })).toEqual([]);
      expect(await ids({ itemCode: 'PENSION-REG' })).toEqual([r2, s]);
      expect(await ids({ itemCode: 'PENSION-REG', status: 'returned' })).toEqual([r2]);
      expect(await ids({ itemCode: 'PENSION-REG', status: ['returned', 'submitted', 'draft'] })).toEqual([r2, s]);
      expect(await ids({ itemCode: 'PENSION-REG', status: ['returned', 'submitted'], offset: 1 })).toEqual([s]);
      expect(await ids({ status: ['returned', 'accepted'], dueBefore: '2025-06-30' })).toEqual([r2, r1]);
      expect(await ids({ applicantId: applicant })).toEqual([a, s]);
      expect(await ids({ dueBefore: '2025-06-30' })).toEqual([r2, r1]);
      expect(await ids({ dueBefore: '2025-06-30', itemCode: 'MED-INS-REG' })).toEqual([r1]);
      expect(await countCases()).toBe(5);
      expect(await countCases({ status: 'returned' })).toBe(2);
      expect(await countCases({ status: ['returned', 'draft'] })).toBe(3);
      expect(await countCases({ returned: false })).toBe(3);
      expect(await countCases({ applicantId: applicant, status: 'accepted' })).toBe(1);
      expect(await countCases({ status: [] })).toBe(0);
    });
  });

  it('deletes a draft with its materials, but never a submitted case', async () => {
    const draft = kase();
    const sent = kase({ status: 'submitted' });
    await createCase(draft, caseAudit(draft.id!));
    await createCase(sent, caseAudit(sent.id!));
    await getDb().materials.add({
      id: '0190a000-0000-7000-8000-0000000000aa',
      caseId: draft.id!,
      requirementId: 'id-card',
      pages: [],
      data: {},
      updatedAt: T0,
    });
    await deleteDraftCase(draft.id!, caseAudit(draft.id!, 'case.delete'));
    expect(await getCase(draft.id!)).toBeUndefined();
    expect(await getDb().materials.count()).toBe(0);
    await expect(deleteDraftCase(sent.id!, caseAudit(sent.id!, 'case.delete'))).rejects.toMatchObject({
      code: 'storage.conflict',
    });
    await expect(deleteDraftCase('nope', caseAudit(sent.id!, 'case.delete'))).rejects.toMatchObject({
      code: 'storage.not_found',
    });
  });
});
