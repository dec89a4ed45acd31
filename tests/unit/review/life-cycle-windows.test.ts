// The life-cycle clocks of issue 15 on the 2026 National Day week (国务院办公厅 2026 notice: 10月1日
// 至7日放假, 10月10日 Saturday a working day), counted by hand from the calendar, not by the code.
import { describe, expect, it } from 'vitest';
import {
  acceptanceWindow,
  acceptanceWindowLabel,
  overduePromises,
  returnCloseWindow,
  terminationNotice,
} from '../../../src/domain/review';

describe('行政许可法 §32 five-working-day window', () => {
  // Received Tuesday 29 Sept: 30 Sept (1), 8 Oct (2), 9 Oct (3), Saturday 10 Oct (4), Monday 12 Oct (5).
  it('ends on the fifth working day after receipt, across the holiday and the working Saturday', () => {
    expect(acceptanceWindow('2026-09-29', '2026-09-29')).toEqual({
      receivedOn: '2026-09-29',
      decideBy: '2026-10-12',
      remaining: 5,
      overdue: false,
    });
    expect(acceptanceWindow('2026-09-29', '2026-10-03').remaining).toBe(4);
    expect(acceptanceWindow('2026-09-29', '2026-10-10').remaining).toBe(1);
    expect(acceptanceWindow('2026-09-29', '2026-10-12')).toMatchObject({ remaining: 0, overdue: false });
  });

  it('is overdue the day after, and says the application counts as accepted from receipt', () => {
    const w = acceptanceWindow('2026-09-29', '2026-10-13');
    expect(w).toMatchObject({ remaining: -1, overdue: true });
    expect(acceptanceWindowLabel(w)).toContain('视为受理');
    expect(acceptanceWindowLabel(w)).toContain('2026-09-29');
    expect(acceptanceWindowLabel(acceptanceWindow('2026-09-29', '2026-10-12'))).toBe(
      '今日须作出受理、退回或不予受理决定',
    );
  });
});

describe('closing a returned case that never came back', () => {
  it('becomes possible N working days after the return', () => {
    // Returned Monday 28 Sept, wait 5: 29, 30 Sept, 8, 9, 10 Oct.
    expect(returnCloseWindow('2026-09-28', 5, '2026-10-09')).toEqual({
      returnedOn: '2026-09-28',
      closableFrom: '2026-10-10',
      closable: false,
    });
    expect(returnCloseWindow('2026-09-28', 5, '2026-10-10').closable).toBe(true);
  });
});

describe('tolerance promises past their grace period', () => {
  const promises = [
    { requirementId: 'hukou', promisedBy: '2026-09-25', dueBy: '2026-09-30' },
    { requirementId: 'photo', promisedBy: '2026-09-30', suppliedAt: 1 },
    { requirementId: 'proof', promisedBy: '2026-10-09' },
  ];

  it('lists only unsupplied promises whose due day plus the grace has passed', () => {
    // Due 30 Sept, grace 3 working days: 8, 9, 10 Oct; overdue from Sunday 11 Oct.
    expect(overduePromises(promises, 3, '2026-10-10')).toEqual([]);
    expect(overduePromises(promises, 3, '2026-10-11')).toEqual([
      { requirementId: 'hukou', dueBy: '2026-09-30', graceEnds: '2026-10-10' },
    ]);
    // The promise without a reviewer's due day falls back to the applicant's own date.
    expect(overduePromises(promises, 0, '2026-10-10').map((p) => p.requirementId)).toEqual(['hukou', 'proof']);
  });

  it('writes a 终止告知 naming the material, the promised day and the way forward', () => {
    const text = terminationNotice({
      caseNumber: 'DB-360113005400-20260928-0001',
      itemName: '城乡居民医保参保登记',
      acceptedOn: '2026-09-28',
      overdue: [{ requirementId: 'hukou', name: '户口簿', dueBy: '2026-09-30', graceEnds: '2026-10-10' }],
      graceDays: 3,
      today: '2026-10-12',
    });
    expect(text).toMatch(/^终止告知：/);
    expect(text).toContain('“户口簿”（承诺 2026-09-30 前补齐）');
    expect(text).toContain('3 个工作日');
    expect(text).toContain('自 2026-10-12 起终止办理');
    expect(text).toContain('重新申请');
  });
});
