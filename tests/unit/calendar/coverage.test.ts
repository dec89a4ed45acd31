import { afterEach, describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  addWorkingDaysChecked,
  calendarCovers,
  coverageNote,
  deadlineStatus,
  installHolidayYears,
  isWorkingDay,
  missingNextYear,
  uncoveredYearsBetween,
} from '../../../src/domain/calendar';

// 2027 as the admin would enter it (values from the example notice lines, not from the parser).
const YEAR_2027 = {
  year: 2027,
  source: '国务院办公厅关于2027年部分节假日安排的通知',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-01' },
    { name: '春节', from: '2027-02-06', to: '2027-02-14' },
  ],
  workingWeekends: [{ date: '2027-02-20', for: '春节' }],
};

afterEach(() => installHolidayYears([]));

describe('calendar coverage', () => {
  it('marks a deadline reaching into a year without an arrangement', () => {
    expect(calendarCovers(2027)).toBe(false);
    // 2026-12-31 (Thu) + 1 working day, Monday–Friday: 2027-01-01 (Fri).
    expect(addWorkingDaysChecked('2026-12-31', 1)).toEqual({ date: '2027-01-01', uncoveredYears: [2027] });
    expect(deadlineStatus('2027-01-15', '2026-12-01').uncoveredYears).toEqual([2027]);
    expect(deadlineStatus('2026-12-15', '2026-12-01').uncoveredYears).toEqual([]);
    expect(coverageNote([2027])).toBe('未含2027年节假日安排');
    expect(coverageNote([2027, 2028])).toBe('未含2027、2028年节假日安排');
    expect(coverageNote([])).toBeUndefined();
    expect(uncoveredYearsBetween('2029-03-01', '2026-05-01')).toEqual([2027, 2028, 2029]);
  });

  it('counts with an installed arrangement and drops the mark', () => {
    installHolidayYears([YEAR_2027]);
    expect(calendarCovers(2027)).toBe(true);
    // 1 Jan 2027 is now a holiday, the next working day is Mon 4 Jan.
    expect(addWorkingDaysChecked('2026-12-31', 1)).toEqual({ date: '2027-01-04', uncoveredYears: [] });
    expect(isWorkingDay('2027-02-20')).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay('2027-02-08')).toBe(false); // Monday in 春节
    expect(deadlineStatus('2027-01-15', '2026-12-01').uncoveredYears).toEqual([]);
  });

  it('replaces a built-in year by the entered one, and reinstalling drops it again', () => {
    installHolidayYears([
      {
        year: 2026,
        source: 'x',
        holidays: [{ name: '测试', from: '2026-03-02', to: '2026-03-02' }],
        workingWeekends: [],
      },
    ]);
    expect(isWorkingDay('2026-03-02')).toBe(false);
    expect(isWorkingDay('2026-02-16')).toBe(true); // the built-in 春节 is replaced
    installHolidayYears([]);
    expect(isWorkingDay('2026-02-16')).toBe(false);
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('awaits next year from 1 November', () => {
    const covers = (y: number) => y <= 2026;
    expect(missingNextYear('2026-10-31', covers)).toBeUndefined();
    expect(missingNextYear('2026-11-01', covers)).toBe(2027);
    expect(missingNextYear('2026-12-01', (y) => y <= 2027)).toBeUndefined();
  });
});
