// Deadline arithmetic across holidays, as the reviewer's 容缺受理 form uses it.
import { describe, expect, it } from 'vitest';
import { deadlineStatus } from '../../../src/domain/calendar';
import { checkToleranceDue, toleranceWindow } from '../../../src/domain/review';

describe('tolerance window across the 2026 Spring Festival', () => {
  // Accepted Fri 02-13. Working days after it: 02-14 (Sat, 调休), 02-24, 02-25, 02-26, 02-27, 02-28 (Sat, 调休), 03-02…
  const w = toleranceWindow('2026-02-13', 5, 20);
  it('counts the promised limit over the holiday', () => {
    expect(w.caseDueOn).toBe('2026-02-27'); // 02-14, 24, 25, 26, 27
    expect(w.earliest).toBe('2026-02-14');
    expect(w.latest).toBe('2026-02-25'); // two working days before 02-27
    expect(w.possible).toBe(true);
  });
  it('accepts a due date inside the window and rejects one too late or on a holiday', () => {
    expect(checkToleranceDue('2026-02-24', w)).toBeUndefined();
    expect(checkToleranceDue('2026-02-26', w)?.code).toBe('tolerance.too_late');
    expect(checkToleranceDue('2026-02-13', w)?.code).toBe('tolerance.too_early');
    expect(checkToleranceDue('2026-02-18', w)?.code).toBe('tolerance.day_off');
  });
  it('caps the window at maxToleranceDays', () => {
    const long = toleranceWindow('2026-02-13', 60, 3);
    expect(long.latest).toBe('2026-02-25');
  });
  it('is impossible when the promised limit is too short', () => {
    const short = toleranceWindow('2026-02-13', 2, 20);
    expect(short.caseDueOn).toBe('2026-02-24');
    expect(short.possible).toBe(false);
    expect(checkToleranceDue('2026-02-14', short)?.code).toBe('tolerance.limit_too_short');
  });
});

describe('tolerance window across National Day 2026', () => {
  // Accepted Wed 09-30; 10-01…07 off; 10-10 (Sat) works; 10-11 Sunday off.
  const w = toleranceWindow('2026-09-30', 5, 20);
  it('skips the Golden Week and counts the make-up Saturday', () => {
    expect(w.caseDueOn).toBe('2026-10-13'); // 10-08, 09, 10, 12, 13
    expect(w.earliest).toBe('2026-10-08');
    expect(w.latest).toBe('2026-10-10'); // 13 → 12 → 10 (the make-up Saturday)
    expect(checkToleranceDue('2026-10-10', w)).toBeUndefined();
    expect(checkToleranceDue('2026-10-12', w)?.code).toBe('tolerance.too_late');
  });
  it('counts the countdown on both sides in working days', () => {
    expect(deadlineStatus('2026-10-09', '2026-09-30')).toMatchObject({ remaining: 2, dueSoon: true, overdue: false });
    expect(deadlineStatus('2026-10-13', '2026-09-29')).toMatchObject({ remaining: 6, dueSoon: false });
    expect(deadlineStatus('2026-10-09', '2026-10-12')).toMatchObject({
      overdue: true,
      remaining: -2,
      label: '已超期2个工作日',
    });
  });
});
