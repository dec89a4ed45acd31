// The reviewer's decision drafts and the tablet's view of them: pure pieces of src/state/reviewer.
import { describe, expect, it } from 'vitest';
import { uuidv7, type Decision } from '../../../src/domain';
import { buildDecision, checkDecisionInput, toReasons } from '../../../src/state/reviewer/decision-draft';
import { dueSoon } from '../../../src/state/reviewer/due-soon';
import {
  flaggedFieldKeys,
  flaggedMaterialIds,
  latestReturn,
  reasonsByTarget,
} from '../../../src/state/reviewer/returned';
import { toleranceWindow } from '../../../src/domain/review';

const ctx = { caseId: uuidv7(), revision: 1, reviewerId: 'rev' };

describe('decision drafts', () => {
  it('puts every reason of a return into one decision, the text with “其他” or the first code', () => {
    const reasons = toReasons({
      'id-card-front': { codes: ['blurred'], text: '反光' },
      hukou: { codes: ['inconsistent-with-id', 'other'], text: '本人页缺失' },
    });
    expect(reasons).toEqual([
      { target: 'id-card-front', code: 'blurred', text: '反光' },
      { target: 'hukou', code: 'inconsistent-with-id', text: '' },
      { target: 'hukou', code: 'other', text: '本人页缺失' },
    ]);
    expect(checkDecisionInput({ kind: 'return', reasons })).toEqual([]);
    const d = buildDecision(uuidv7(), ctx, { kind: 'return', reasons }, 1);
    expect(d.reasons).toHaveLength(3);
    expect(d.toleranceDue).toEqual([]);
  });

  it('refuses an empty return, “其他” without text, and a duplicate reason', () => {
    expect(checkDecisionInput({ kind: 'return', reasons: [] })[0]!.message).toContain('至少');
    expect(
      checkDecisionInput({ kind: 'return', reasons: [{ target: 'x', code: 'other', text: ' ' }] })[0]!.message,
    ).toContain('其他');
    const dup = [
      { target: 'x', code: 'blurred' as const, text: '' },
      { target: 'x', code: 'blurred' as const, text: '' },
    ];
    expect(checkDecisionInput({ kind: 'return', reasons: dup })[0]!.message).toContain('只需选一次');
  });

  it('checks tolerance due dates against the window (Spring Festival 2026)', () => {
    const w = toleranceWindow('2026-02-13', 5, 20); // latest 2026-02-25
    expect(
      checkDecisionInput(
        { kind: 'accept-with-tolerance', toleranceDue: [{ requirementId: 'p', dueBy: '2026-02-24' }] },
        w,
      ),
    ).toEqual([]);
    const late = checkDecisionInput(
      { kind: 'accept-with-tolerance', toleranceDue: [{ requirementId: 'p', dueBy: '2026-02-26' }] },
      w,
    );
    expect(late[0]!.field).toBe('toleranceDue.p');
    expect(checkDecisionInput({ kind: 'accept-with-tolerance', toleranceDue: [] }, w)).toHaveLength(1);
  });

  it('needs an outcome and a delivery to complete, and a reason to suspend or terminate', () => {
    expect(
      checkDecisionInput({
        kind: 'complete',
        outcome: '准予',
        delivery: { method: 'collect', servicePoint: '彭村村便民服务点' },
      }),
    ).toEqual([]);
    expect(checkDecisionInput({ kind: 'complete', outcome: '准予' }).map((p) => p.field)).toEqual(['delivery']);
    expect(
      checkDecisionInput({ kind: 'complete', outcome: '', delivery: { method: 'post', trackingNumber: '12' } }).map(
        (p) => p.field,
      ),
    ).toEqual(['outcome', 'delivery']);
    expect(checkDecisionInput({ kind: 'terminate', note: '' })).toHaveLength(1);
    expect(checkDecisionInput({ kind: 'suspend', note: '等待公示' })).toEqual([]);
    const done = buildDecision(
      uuidv7(),
      ctx,
      { kind: 'complete', outcome: ' 准予 ', delivery: { method: 'post', trackingNumber: ' SF1234567 ' } },
      5,
    );
    expect(done).toMatchObject({
      outcome: '准予',
      delivery: { method: 'post', trackingNumber: 'SF1234567' },
      decidedAt: 5,
    });
  });
});

const decision = (kind: Decision['kind'], decidedAt: number, reasons: Decision['reasons'] = []): Decision => ({
  id: uuidv7(decidedAt),
  caseId: ctx.caseId,
  kind,
  reasons,
  toleranceDue: [],
  reviewerId: 'rev',
  decidedAt,
  revision: 1,
});

describe('a returned case on the tablet', () => {
  const first = decision('return', 1, [{ target: 'hukou', code: 'incomplete', text: '' }]);
  const second = decision('return', 3, [
    { target: 'id-card-front', code: 'blurred', text: '反光' },
    { target: 'field:phone', code: 'other', text: '号码少一位' },
    { target: 'id-card-front', code: 'expired', text: '' },
  ]);
  it('shows the newest return, grouped by material or field with Chinese names', () => {
    const latest = latestReturn([second, decision('accept', 2), first])!;
    expect(latest.id).toBe(second.id);
    const item = {
      materials: [{ id: 'id-card-front', name: '居民身份证（人像面）' }],
      fields: [{ key: 'phone', label: '联系电话' }],
    };
    const groups = reasonsByTarget(latest, item as never);
    expect(groups.map((g) => [g.kind, g.label, g.reasons.map((r) => r.code)])).toEqual([
      ['material', '居民身份证（人像面）', ['blurred', 'expired']],
      ['field', '联系电话', ['other']],
    ]);
    expect(flaggedMaterialIds(latest)).toEqual(['id-card-front']);
    expect(flaggedFieldKeys(latest)).toEqual(['phone']);
  });
});

describe('due soon', () => {
  it('lists overdue and due-within-two-working-days deadlines, most urgent first, across National Day', () => {
    const base = { itemCode: 'MZ-LSJZ', tolerance: [] as never[] };
    const cases = [
      { ...base, id: 'a', number: 'A', status: 'accepted' as const, dueOn: '2026-10-09' }, // 09-30 → 2 wd (10-08, 10-09)
      { ...base, id: 'b', number: 'B', status: 'accepted' as const, dueOn: '2026-10-13' }, // 6 wd: not listed
      { ...base, id: 'c', number: 'C', status: 'accepted' as const, dueOn: '2026-09-29' }, // 1 wd overdue
      { ...base, id: 'd', number: 'D', status: 'completed' as const, dueOn: '2026-09-01' }, // done: not listed
      {
        ...base,
        id: 'e',
        number: 'E',
        status: 'accepted_tolerance' as const,
        dueOn: '2026-10-20',
        tolerance: [
          { requirementId: 'proof', promisedBy: '2026-10-08', dueBy: '2026-10-08' },
          { requirementId: 'photo', promisedBy: '2026-10-08', dueBy: '2026-10-08', suppliedAt: 1 },
        ],
      },
    ];
    const list = dueSoon(cases, '2026-09-30');
    expect(list.map((e) => [e.caseNumber, e.kind, e.requirementId ?? '', e.status.remaining])).toEqual([
      ['C', 'case', '', -1],
      ['E', 'tolerance', 'proof', 1],
      ['A', 'case', '', 2],
    ]);
  });
});

describe('the reviewer inbox "即将到期" strip', () => {
  it('keeps overdue and due-soon cases, most overdue first', async () => {
    const { dueSoonCases } = await import('../../../src/state/reviewer/inbox');
    const { deadlineStatus } = await import('../../../src/domain/calendar');
    const summary = (id: string, dueOn: string | null) => ({
      id,
      dueOn,
      deadline: dueOn ? deadlineStatus(dueOn, '2026-02-13') : null,
    });
    const list = {
      cases: [
        summary('later', '2026-03-02'),
        summary('soon', '2026-02-24'),
        summary('none', null),
        summary('late', '2026-02-12'),
      ],
    };
    // From Fri 02-13: 02-14 (调休 Saturday) then 02-24 after the Spring Festival = 2 working days.
    expect(dueSoonCases(list as never).map((c) => [c.id, c.deadline!.remaining])).toEqual([
      ['late', -1],
      ['soon', 2],
    ]);
  });
});
