// Time limits carry their unit (issue 15, defect 4): 居民身份证补领's 60 days are calendar days
// (居民身份证法 §12), not 42 working days. Expected dates counted by hand on the 2026 calendar
// (国办发明电〔2025〕7号: 中秋 9-25..27, 国庆 10-01..07, 10-10 a working Saturday).
import { describe, expect, it } from 'vitest';
import { findItem } from '../../../src/catalog';
import { addWorkingDays } from '../../../src/domain/calendar';
import { dueDateFor, limitLabel, resumedDueDate, toleranceWindow } from '../../../src/domain/review';

const sfz = findItem('GA-SFZ-BL')!;

describe('dueDateFor', () => {
  it('居民身份证补领: 60 calendar days from 2026-09-21 end 2026-11-20, not 2026-11-25', () => {
    expect(sfz.limitUnit).toBe('calendar-days');
    expect(sfz.legalLimitDays).toBe(60);
    // 9-21 + 9 days = 9-30, + 31 = 10-31, + 20 = 11-20 (a Friday).
    expect(dueDateFor(sfz, '2026-09-21', undefined, 'legal')).toBe('2026-11-20');
    // The old figure: 42 working days, counted by hand past 中秋 and 国庆 — five days later.
    expect(addWorkingDays('2026-09-21', 42)).toBe('2026-11-25');
    // The promise, 30 calendar days: 2026-10-21, a Wednesday.
    expect(dueDateFor(sfz, '2026-09-21')).toBe('2026-10-21');
  });

  it('a calendar-day period ending in a holiday ends on the next working day (民法典 §203)', () => {
    // 9-02 + 30 days = 10-02, inside 国庆 (10-01..07): due 10-08.
    expect(dueDateFor(sfz, '2026-09-02')).toBe('2026-10-08');
    // 8-30 + 30 = 9-29, a Tuesday: unchanged.
    expect(dueDateFor(sfz, '2026-08-30')).toBe('2026-09-29');
  });

  it('working-day items keep counting working days; items stored without a unit too', () => {
    const item = { legalLimitDays: 20, promisedLimitDays: 10, limitUnit: 'working-days' as const };
    // 9-21 + 10 working days: 22,23,24,28,29,30,10-08,09,10(Sat, worked),12.
    expect(dueDateFor(item, '2026-09-21')).toBe('2026-10-12');
    expect(dueDateFor({ legalLimitDays: 20, promisedLimitDays: 10 }, '2026-09-21')).toBe('2026-10-12');
    expect(dueDateFor({ legalLimitDays: 0, promisedLimitDays: 0 }, '2026-10-03')).toBe('2026-10-08');
  });

  it('uses the calendar it is given', () => {
    const everyDayWorks = { addWorkingDays: (d: string, n: number) => (n === 0 ? d : `${d}+${n}`) };
    expect(dueDateFor(sfz, '2026-09-02', everyDayWorks)).toBe('2026-10-02');
    expect(dueDateFor({ legalLimitDays: 5, promisedLimitDays: 3 }, '2026-09-02', everyDayWorks)).toBe('2026-09-02+3');
  });

  it('after 中止 the due date moves by the days the case stood, in the item unit', () => {
    expect(resumedDueDate(sfz, '2026-10-21', { workingDays: 4, calendarDays: 6 })).toBe('2026-10-27');
    const wd = { legalLimitDays: 20, promisedLimitDays: 10 };
    expect(resumedDueDate(wd, '2026-10-21', { workingDays: 4, calendarDays: 6 })).toBe('2026-10-27');
    expect(resumedDueDate(wd, '2026-10-20', { workingDays: 4, calendarDays: 6 })).toBe('2026-10-26');
    expect(resumedDueDate(sfz, '2026-10-20', { workingDays: 4, calendarDays: 6 })).toBe('2026-10-26');
    // 9-28 + 6 calendar days = 10-04 (国庆) → 10-08; + 4 working days = 9-29, 9-30, 10-08, 10-09.
    expect(resumedDueDate(sfz, '2026-09-28', { workingDays: 4, calendarDays: 6 })).toBe('2026-10-08');
    expect(resumedDueDate(wd, '2026-09-28', { workingDays: 4, calendarDays: 6 })).toBe('2026-10-09');
  });

  it('the tolerance window ends from the case due date in the item unit', () => {
    const yb = findItem('YB-LXBX')!;
    expect(toleranceWindow('2026-09-21', yb, yb.maxToleranceDays).caseDueOn).toBe(dueDateFor(yb, '2026-09-21'));
    const calendarItem = { ...yb, limitUnit: 'calendar-days' as const };
    // 20 calendar days from 9-21: 10-11, a Sunday → 10-12.
    expect(toleranceWindow('2026-09-21', calendarItem, 15).caseDueOn).toBe('2026-10-12');
  });
});

describe('limitLabel', () => {
  it('names the unit', () => {
    expect(limitLabel(sfz, 'legal')).toBe('60 个自然日');
    expect(limitLabel(sfz)).toBe('30 个自然日');
    expect(limitLabel({ legalLimitDays: 20, promisedLimitDays: 20, limitUnit: 'working-days' })).toBe('20 个工作日');
    expect(limitLabel({ legalLimitDays: 20, promisedLimitDays: 20 })).toBe('20 个工作日');
    expect(limitLabel(findItem('GA-CSDJ')!)).toBe('即办');
  });
});
