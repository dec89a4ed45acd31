import { describe, expect, it } from 'vitest';
import { workingDaysBetween } from '../../../src/domain/calendar';
import { computeStats, handlingDays, reportCsvRows, toCsv } from '../../../src/domain/stats';
import { SEED, V1, V2 } from './seed';

const report = computeStats(SEED, { workingDaysBetween, today: '2026-10-21' });

describe('statistics on seeded data', () => {
  it('counts cases by status and by item, largest first', () => {
    expect(report.totals).toEqual({ cases: 9, submitted: 8, completed: 5, ratings: 5 });
    expect(report.byStatus).toEqual([
      { key: 'completed', count: 2 },
      { key: 'rated', count: 2 },
      { key: 'delivered', count: 1 },
      { key: 'draft', count: 1 },
      { key: 'in_review', count: 1 },
      { key: 'returned', count: 1 },
      { key: 'terminated', count: 1 },
    ]);
    expect(report.byItem).toEqual([
      { key: 'DIBAO', count: 5 },
      { key: 'YILIAO', count: 4 },
    ]);
  });

  it('counts handling time in working days across the Spring Festival and National Day', () => {
    expect(handlingDays(SEED.cases, workingDaysBetween)).toEqual([4, 2, 4, 7, 1]);
    // (4 + 2 + 4 + 7 + 1) / 5 = 3.6; nearest rank ceil(0.9 · 5) = 5th smallest = 7.
    expect(report.handling).toEqual({ count: 5, average: 3.6, p90: 7 });
  });

  it('rates on time the cases completed on or before their due day', () => {
    expect(report.onTime).toEqual({ count: 3, total: 5, rate: 0.6 });
  });

  it('gives return rates by reason code, by item and by village', () => {
    expect(report.returns.overall).toEqual({ count: 3, total: 8, rate: 0.375 });
    const byCode = Object.fromEntries(report.returns.byReason.map((r) => [r.code, [r.count, r.citations, r.rate]]));
    expect(byCode).toEqual({
      blurred: [2, 4, 0.25],
      incomplete: [1, 1, 0.125],
      'inconsistent-with-id': [0, 0, 0],
      expired: [0, 0, 0],
      'missing-signature': [1, 1, 0.125],
      'wrong-form-version': [0, 0, 0],
      other: [0, 0, 0],
      glare: [0, 0, 0],
      'missing-pages': [0, 0, 0],
      'not-signer': [0, 0, 0],
      'wrong-number': [0, 0, 0],
      'not-applicants': [0, 0, 0],
      'wrong-value': [0, 0, 0],
    });
    expect(report.returns.byItem).toEqual([
      { key: 'DIBAO', count: 3, total: 4, rate: 0.75, reasons: { blurred: 2, incomplete: 1, 'missing-signature': 1 } },
      { key: 'YILIAO', count: 0, total: 4, rate: 0, reasons: {} },
    ]);
    expect(report.returns.byVillage).toEqual([
      { key: V2, count: 2, total: 4, rate: 0.5, reasons: { 'missing-signature': 1, blurred: 1 } },
      { key: V1, count: 1, total: 4, rate: 0.25, reasons: { blurred: 1, incomplete: 1 } },
    ]);
  });

  it('gives rating shares for all five levels and the bad share', () => {
    expect(report.ratings.byLevel.map((l) => [l.level, l.count, l.rate])).toEqual([
      [5, 2, 0.4],
      [4, 1, 0.2],
      [3, 0, 0],
      [2, 1, 0.2],
      [1, 1, 0.2],
    ]);
    expect(report.ratings.byLevel[0]!.label).toBe('非常满意');
    expect(report.ratings.bad).toEqual({ count: 2, total: 5, rate: 0.4 });
  });

  it('tracks rectifications: open, overdue, closed on time', () => {
    expect(report.rectifications).toEqual({
      total: 3,
      open: 1,
      overdue: 1,
      closed: 2,
      closedOnTime: { count: 1, total: 2, rate: 0.5 },
    });
    const before = computeStats(SEED, { workingDaysBetween, today: '2026-10-20' });
    expect(before.rectifications.overdue).toBe(0);
  });

  it('is all zeros, not NaN, and no rate (null, not 0%) with no records', () => {
    const empty = computeStats(
      { cases: [], decisions: [], ratings: [], rectifications: [] },
      { workingDaysBetween, today: '2026-10-21' },
    );
    expect(empty.handling).toEqual({ count: 0, average: 0, p90: 0 });
    expect(empty.onTime).toEqual({ count: 0, total: 0, rate: null });
    expect(empty.returns.overall.rate).toBeNull();
    expect(empty.ratings.bad.rate).toBeNull();
    expect(empty.ratings.byLevel.every((l) => l.rate === null)).toBe(true);
    expect(empty.outcomes.followUps.satisfied.rate).toBeNull();
    // The CSV leaves the percent cell empty rather than writing 0.
    const onTimeRow = reportCsvRows(empty).find((r) => r[0] === '按时办结率')!;
    expect(onTimeRow.slice(2, 5)).toEqual([0, 0, null]);
  });

  it('exports as a CSV with Chinese labels and percentages', () => {
    const rows = reportCsvRows(
      report,
      { item: (c) => (c === 'DIBAO' ? '最低生活保障' : c) },
      { from: '2026-01-01', to: '2026-12-31' },
    );
    const csv = toCsv(rows);
    expect(csv.startsWith('\uFEFF统计类别,分组,数量,总数,比率(%),说明\r\n')).toBe(true);
    expect(csv).toContain('\r\n按时办结率,全部,3,5,60,办结日不晚于承诺期限\r\n');
    expect(csv).toContain('\r\n退回率（按事项）,最低生活保障,3,4,75,照片模糊 2；材料不全 1；缺少签名 1\r\n');
    expect(csv).toContain('\r\n办理时长,P90（工作日）,7,5,,90% 的办件不超过此天数\r\n');
    expect(csv).toContain('\r\n差评整改,未办结,1,3,,其中逾期 1 件\r\n');
  });
});
