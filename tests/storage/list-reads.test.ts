// The case list's reads (the first screen) use no schema: rows are validated when written. They
// still return what was stored, skip and report a damaged row, and find applicants' names in the
// sealed profiles.
import { describe, expect, it } from 'vitest';
import {
  clearDeviceProblems,
  createCase,
  getDb,
  listCases,
  listRowProblems,
  personNames,
  savePerson,
  StorageError,
} from '../../src/storage';
import { AGENT, caseAudit, DEVICE, freshDbPerTest, kase, person, T0 } from './fixtures';

freshDbPerTest();

describe('case list reads', () => {
  it('a write is validated before it is stored: an invalid case never reaches the list', async () => {
    const bad = kase({ status: 'bogus' as never });
    await expect(createCase(bad, caseAudit(bad.id!))).rejects.toBeInstanceOf(StorageError);
    expect(await listCases()).toEqual([]);
  });

  it('lists cases as they were written, newest first', async () => {
    const a = kase({ updatedAt: T0 + 1, dueOn: '2025-07-01' });
    const b = kase({ updatedAt: T0 + 2 });
    for (const c of [a, b]) await createCase(c, caseAudit(c.id!));
    const listed = await listCases();
    expect(listed.map((c) => c.id)).toEqual([b.id, a.id]);
    expect(listed[1]).toMatchObject({ number: a.number, status: 'draft', dueOn: '2025-07-01', itemCode: a.itemCode });
  });

  it('skips and reports a row missing what the list shows', async () => {
    await clearDeviceProblems();
    const a = kase({ updatedAt: T0 + 1 });
    const b = kase({ updatedAt: T0 + 2 });
    for (const c of [a, b]) await createCase(c, caseAudit(c.id!));
    await getDb().cases.update(a.id!, { applicantId: 7 as never, updatedAt: T0 + 3 });
    expect((await listCases()).map((c) => c.id)).toEqual([b.id]);
    expect(listRowProblems()).toEqual([
      expect.objectContaining({ code: 'row.invalid', source: 'cases', key: a.id, paths: ['applicantId'] }),
    ]);
  });

  it('names the applicants from their sealed profiles; an unknown id is left out', async () => {
    const zhang = person({ name: '张三丰' });
    const li = person({ name: '李四', idNumber: '110101199003074477' });
    await savePerson(zhang, AGENT, DEVICE);
    await savePerson(li, AGENT, DEVICE);
    const names = await personNames([zhang.id!, li.id!, zhang.id!, 'no-such-person']);
    expect([...names.entries()].sort()).toEqual(
      [
        [li.id, '李四'],
        [zhang.id, '张三丰'],
      ].sort(),
    );
  });
});
