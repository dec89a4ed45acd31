// Seeded review-loop records with dates around the 2026 Spring Festival (off 02-15…02-23, work on
// Sat 02-14 and 02-28) and Mid-Autumn + National Day (off 09-25…27 and 10-01…07, work on Sat 10-10).
// Expected values in report.test.ts are computed by hand from this table.
import type { StatsInput } from '../../../src/domain/stats';

export const V1 = '110105001200';
export const V2 = '110105001201';

export const SEED: StatsInput = {
  cases: [
    // 02-13 Fri, 02-14 Sat(work), 02-24 Tue, 02-25 Wed → 4 working days; late (due 02-24).
    {
      id: 'c1',
      status: 'completed',
      itemCode: 'DIBAO',
      villageCode: V1,
      submittedOn: '2026-02-12',
      completedOn: '2026-02-25',
      dueOn: '2026-02-24',
    },
    // 02-14 Sat(work), 02-24 → 2; on time.
    {
      id: 'c2',
      status: 'delivered',
      itemCode: 'DIBAO',
      villageCode: V1,
      submittedOn: '2026-02-13',
      completedOn: '2026-02-24',
      dueOn: '2026-03-05',
    },
    // 09-30, 10-08, 10-09, 10-10 Sat(work) → 4; on the due day = on time.
    {
      id: 'c3',
      status: 'rated',
      itemCode: 'YILIAO',
      villageCode: V1,
      submittedOn: '2026-09-29',
      completedOn: '2026-10-10',
      dueOn: '2026-10-10',
    },
    // 09-28, 09-29, 09-30, 10-08, 10-09, 10-10, 10-12 → 7; late.
    {
      id: 'c4',
      status: 'rated',
      itemCode: 'DIBAO',
      villageCode: V2,
      submittedOn: '2026-09-24',
      completedOn: '2026-10-12',
      dueOn: '2026-10-09',
    },
    // 03-03 → 1; on time.
    {
      id: 'c5',
      status: 'completed',
      itemCode: 'YILIAO',
      villageCode: V2,
      submittedOn: '2026-03-02',
      completedOn: '2026-03-03',
      dueOn: '2026-03-03',
    },
    { id: 'c6', status: 'in_review', itemCode: 'YILIAO', villageCode: V2, submittedOn: '2026-03-02' },
    { id: 'c7', status: 'returned', itemCode: 'DIBAO', villageCode: V2, submittedOn: '2026-03-05' },
    { id: 'c8', status: 'draft', itemCode: 'DIBAO', villageCode: V1 },
    {
      id: 'c9',
      status: 'terminated',
      itemCode: 'YILIAO',
      villageCode: V1,
      submittedOn: '2026-03-02',
      dueOn: '2026-03-20',
    },
  ],
  decisions: [
    { caseId: 'c1', kind: 'return', reasonCodes: ['blurred', 'incomplete'], decidedOn: '2026-02-13' },
    { caseId: 'c1', kind: 'return', reasonCodes: ['blurred'], decidedOn: '2026-02-14' },
    { caseId: 'c1', kind: 'accept', reasonCodes: [], decidedOn: '2026-02-24' },
    { caseId: 'c3', kind: 'accept', reasonCodes: [], decidedOn: '2026-09-30' },
    { caseId: 'c4', kind: 'return', reasonCodes: ['missing-signature'], decidedOn: '2026-09-28' },
    // Two blurred materials in one return.
    { caseId: 'c7', kind: 'return', reasonCodes: ['blurred', 'blurred'], decidedOn: '2026-03-06' },
    // A case outside the records passed in (another township): ignored.
    { caseId: 'elsewhere', kind: 'return', reasonCodes: ['expired'], decidedOn: '2026-03-06' },
  ],
  ratings: [
    { caseId: 'c1', level: 5 },
    { caseId: 'c2', level: 4 },
    { caseId: 'c3', level: 2 },
    { caseId: 'c4', level: 1 },
    { caseId: 'c5', level: 5 },
  ],
  rectifications: [
    { id: 'r1', caseId: 'c3', status: 'closed', dueBy: '2026-10-16', closedOn: '2026-10-15' },
    { id: 'r2', caseId: 'c4', status: 'open', dueBy: '2026-10-20' },
    { id: 'r3', caseId: 'c9', status: 'closed', dueBy: '2026-10-22', closedOn: '2026-10-26' },
  ],
};
