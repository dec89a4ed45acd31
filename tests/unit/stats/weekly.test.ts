import { describe, expect, it } from 'vitest';
import { mondayOf, reportCsvRows, trendStart, weeklyTrend, type StatsInput } from '../../../src/domain/stats';
import { computeStats } from '../../../src/domain/stats';
import { workingDaysBetween } from '../../../src/domain/calendar';

// 2026-10-21 is a Wednesday; its week is Mon 10-19 … Sun 10-25.
const base = { status: 'completed' as const, itemCode: 'DIBAO', villageCode: '330000000001' };
const INPUT: StatsInput = {
  cases: [
    // Week of 10-19: submitted Mon and Sun (Sunday belongs to the week before Monday 10-26).
    { ...base, id: 'a', submittedOn: '2026-10-19', completedOn: '2026-10-21', dueOn: '2026-10-30' },
    { ...base, id: 'b', submittedOn: '2026-10-25', completedOn: '2026-10-23', dueOn: '2026-10-22' },
    // Week of 10-12: submitted, completed late the week of 10-19.
    { ...base, id: 'c', submittedOn: '2026-10-12', completedOn: '2026-10-20', dueOn: '2026-10-20' },
    // Week of 10-05: one submitted, no completions that week.
    { ...base, id: 'd', status: 'returned', submittedOn: '2026-10-11' },
    // Before the 3-week window: not counted anywhere.
    { ...base, id: 'e', submittedOn: '2026-10-04', completedOn: '2026-10-04', dueOn: '2026-10-10' },
    // A completion without a deadline is not judged for on-time.
    { ...base, id: 'f', submittedOn: '2026-10-13', completedOn: '2026-10-14' },
  ],
  decisions: [
    { caseId: 'd', kind: 'return', reasonCodes: ['blurred'], decidedOn: '2026-10-12' },
    // Returned twice in one week counts once.
    { caseId: 'a', kind: 'return', reasonCodes: ['blurred'], decidedOn: '2026-10-19' },
    { caseId: 'a', kind: 'return', reasonCodes: ['incomplete'], decidedOn: '2026-10-20' },
    { caseId: 'c', kind: 'return', reasonCodes: ['incomplete'], decidedOn: '2026-10-25' },
    // Not a return.
    { caseId: 'b', kind: 'accept', reasonCodes: [], decidedOn: '2026-10-19' },
  ],
  ratings: [],
  rectifications: [],
};

describe('weekly trend', () => {
  it('starts weeks on Monday, Sunday closing the week', () => {
    expect(mondayOf('2026-10-21')).toBe('2026-10-19');
    expect(mondayOf('2026-10-19')).toBe('2026-10-19');
    expect(mondayOf('2026-10-25')).toBe('2026-10-19');
    expect(mondayOf('2026-10-26')).toBe('2026-10-26');
    expect(trendStart('2026-10-21', 12)).toBe('2026-08-03');
  });

  it('counts submitted and returned cases and the on-time rate per week, by hand', () => {
    expect(weeklyTrend(INPUT, '2026-10-21', 3)).toEqual([
      {
        weekStart: '2026-10-05',
        weekEnd: '2026-10-11',
        submitted: 1,
        returned: 0,
        onTime: { count: 0, total: 0, rate: null },
      },
      {
        weekStart: '2026-10-12',
        weekEnd: '2026-10-18',
        submitted: 2,
        returned: 1,
        // f was completed but has no deadline: nothing judged.
        onTime: { count: 0, total: 0, rate: null },
      },
      {
        weekStart: '2026-10-19',
        weekEnd: '2026-10-25',
        submitted: 2,
        returned: 2,
        // a on time (10-21 ≤ 10-30); b late (10-23 > 10-22); c on its due day (10-20).
        onTime: { count: 2, total: 3, rate: 2 / 3 },
      },
    ]);
  });

  it('has twelve weeks by default in the report and in the CSV, an empty rate cell when none completed', () => {
    const report = computeStats(INPUT, { workingDaysBetween, today: '2026-10-21' });
    expect(report.weekly).toHaveLength(12);
    expect(report.weekly.at(-1)!.weekStart).toBe('2026-10-19');
    expect(report.weekly.at(0)!.weekStart).toBe('2026-08-03');
    const rows = reportCsvRows(report).filter((r) => r[0] === '每周趋势');
    expect(rows).toHaveLength(36);
    expect(rows.at(-3)).toEqual(['每周趋势', '2026-10-19 至 2026-10-25 提交', 2, '', '', '']);
    expect(rows.at(-1)).toEqual(['每周趋势', '2026-10-19 至 2026-10-25 按时办结', 2, 3, 66.7, '当周办结的办件']);
    expect(rows.at(-4)).toEqual(['每周趋势', '2026-10-12 至 2026-10-18 按时办结', 0, 0, null, '当周无办结']);
  });
});
