// The reviewer's forms for 不予受理 and 回访 (issue 15), and the outcome statistics, on records
// written out by hand.
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src/domain';
import { Decision } from '../../../src/domain/schemas/decision';
import { followUpSummary } from '../../../src/domain/review';
import { outcomeStats } from '../../../src/domain/stats';
import { buildDecision, checkDecisionInput } from '../../../src/state/reviewer/decision-draft';

const ctx = { caseId: uuidv7(), revision: 1, reviewerId: 'r1' };

describe('不予受理 draft', () => {
  it('asks for the reason and the legal basis, and sends both', () => {
    expect(checkDecisionInput({ kind: 'refuse' }).map((p) => p.field)).toEqual(['note', 'legalBasis']);
    const input = {
      kind: 'refuse' as const,
      note: ' 不属于本乡镇职权 ',
      legalBasis: '行政许可法第三十二条第一款第二项',
    };
    expect(checkDecisionInput(input)).toEqual([]);
    const d = buildDecision(uuidv7(), ctx, input, 1);
    expect(d).toMatchObject({
      kind: 'refuse',
      note: '不属于本乡镇职权',
      legalBasis: '行政许可法第三十二条第一款第二项',
    });
    expect(d.followUp).toBeUndefined();
    // A legal basis left over from another form is not sent with another kind.
    expect(buildDecision(uuidv7(), ctx, { ...input, kind: 'terminate' }, 1).legalBasis).toBeUndefined();
  });
});

describe('回访 draft', () => {
  it('needs to know whether the applicant was reached, and if so whether satisfied', () => {
    expect(checkDecisionInput({ kind: 'follow-up' })).toHaveLength(1);
    expect(checkDecisionInput({ kind: 'follow-up', followUp: { reached: true } })[0]?.message).toBe(
      '请选择申请人是否满意',
    );
    expect(checkDecisionInput({ kind: 'follow-up', followUp: { reached: false } })).toEqual([]);
    const d = buildDecision(
      uuidv7(),
      ctx,
      { kind: 'follow-up', followUp: { reached: true, satisfied: true }, note: '已到账' },
      1,
    );
    expect(d.followUp).toEqual({ reached: true, satisfied: true, note: '已到账' });
    // Not reached: no satisfaction is recorded, even if one was ticked before.
    const unreached = buildDecision(
      uuidv7(),
      ctx,
      { kind: 'follow-up', followUp: { reached: false, satisfied: true } },
      1,
    );
    expect(unreached.followUp).toEqual({ reached: false, note: '' });
  });

  it('refuses an impossible outcome in the schema, and words the timeline entry', () => {
    const base = { id: uuidv7(), caseId: ctx.caseId, kind: 'follow-up', reviewerId: 'r1', decidedAt: 1, revision: 1 };
    expect(Decision.safeParse({ ...base, followUp: { reached: false, satisfied: true } }).success).toBe(false);
    expect(Decision.safeParse({ ...base, followUp: { reached: true } }).success).toBe(false);
    expect(followUpSummary({ reached: false, note: '' })).toBe('未联系上申请人');
    expect(followUpSummary({ reached: true, satisfied: true, note: ' 很方便 ' })).toBe('已联系上，申请人满意：很方便');
  });
});

describe('outcome statistics', () => {
  const c = (id: string, submitted = true) => ({
    id,
    status: 'draft' as const,
    itemCode: 'MZ-GLJT',
    villageCode: '360113005400',
    ...(submitted && { submittedOn: '2026-03-02' }),
  });
  const d = (caseId: string, kind: Decision['kind'], followUp?: { reached: boolean; satisfied?: boolean }) => ({
    caseId,
    kind,
    reasonCodes: [],
    decidedOn: '2026-03-03',
    ...(followUp && { followUp }),
  });

  it('counts refusals apart from each kind of termination, and the latest follow-up call per case', () => {
    const cases = [c('a'), c('b'), c('c'), c('d'), c('e')];
    const decisions = [
      d('a', 'refuse'),
      d('b', 'terminate'),
      d('c', 'expire-tolerance'),
      d('d', 'close-returned'),
      d('e', 'follow-up', { reached: false }),
      d('e', 'follow-up', { reached: true, satisfied: false }),
      d('e', 'archive'),
      d('zz', 'refuse'), // a case outside the period
    ];
    expect(outcomeStats(cases, decisions)).toEqual({
      refused: { count: 1, total: 5, rate: 0.2 },
      terminated: 1,
      toleranceExpired: 1,
      returnClosed: 1,
      followUps: { total: 1, reached: { count: 1, total: 1, rate: 1 }, satisfied: { count: 0, total: 1, rate: 0 } },
      archived: 1,
    });
  });
});
