import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HOLIDAY_YEARS,
  addWorkingDays,
  calendarCovers,
  coveredCalendarYears,
  deadlineStatus,
  holidayName,
  isWorkingDay,
  workingDaysBetween,
} from '../../../src/domain/calendar';
import { addDays, dayOfWeek } from '../../../src/domain/dates';

// Written out from the State Council notices, independently of the data files.
const range = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};
const DAYS_OFF: Record<number, string[]> = {
  2025: [
    '2025-01-01',
    ...range('2025-01-28', '2025-02-04'),
    ...range('2025-04-04', '2025-04-06'),
    ...range('2025-05-01', '2025-05-05'),
    ...range('2025-05-31', '2025-06-02'),
    ...range('2025-10-01', '2025-10-08'),
  ],
  2026: [
    ...range('2026-01-01', '2026-01-03'),
    ...range('2026-02-15', '2026-02-23'),
    ...range('2026-04-04', '2026-04-06'),
    ...range('2026-05-01', '2026-05-05'),
    ...range('2026-06-19', '2026-06-21'),
    ...range('2026-09-25', '2026-09-27'),
    ...range('2026-10-01', '2026-10-07'),
  ],
};
const WORKING_WEEKENDS: Record<number, string[]> = {
  2025: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  2026: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

describe('holiday data', () => {
  for (const year of [2025, 2026]) {
    it(`classifies every day of ${year} as the notice says`, () => {
      const off = new Set(DAYS_OFF[year]),
        on = new Set(WORKING_WEEKENDS[year]);
      for (const d of range(`${year}-01-01`, `${year}-12-31`)) {
        const weekend = dayOfWeek(d) === 0 || dayOfWeek(d) === 6;
        const expected = on.has(d) || (!weekend && !off.has(d));
        expect(isWorkingDay(d), d).toBe(expected);
      }
    });

    it(`has only weekend days as 调休上班 in ${year}`, () => {
      for (const d of WORKING_WEEKENDS[year]!) {
        expect([0, 6]).toContain(dayOfWeek(d));
        expect(isWorkingDay(d)).toBe(true);
        expect(holidayName(d)).toMatch(/调休上班$/);
      }
    });
  }

  it('counts the year totals', () => {
    // 2025: 365 days − 104 weekend days − 18 holiday weekdays + 5 working weekends.
    expect(workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    // 2026: 365 − 104 − 19 + 6.
    expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });

  it('keeps every entry inside its own year, ranges ordered, no day both off and on', () => {
    for (const y of HOLIDAY_YEARS) {
      const off = new Set<string>();
      for (const h of y.holidays) {
        expect(h.from <= h.to).toBe(true);
        expect(h.from.startsWith(`${y.year}-`) && h.to.startsWith(`${y.year}-`)).toBe(true);
        range(h.from, h.to).forEach((d) => off.add(d));
      }
      for (const w of y.workingWeekends) {
        expect(w.date.startsWith(`${y.year}-`)).toBe(true);
        expect(off.has(w.date)).toBe(false);
      }
    }
  });

  it('names holidays', () => {
    expect(holidayName('2025-01-29')).toBe('春节');
    expect(holidayName('2025-10-06')).toBe('国庆节、中秋节');
    expect(holidayName('2026-09-26')).toBe('中秋节');
    expect(holidayName('2026-03-02')).toBeUndefined();
  });
});

describe('coverage', () => {
  // Derived from the year tables and from dayOfWeek (src/domain/dates), never from a list of years
  // written here: adding the next notice must not require touching this block.
  const tableYears = HOLIDAY_YEARS.map((y) => y.year);
  const first = Math.min(...tableYears);
  const last = Math.max(...tableYears);
  const mondayToFriday = (d: string) => dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6;
  const wholeYear = (y: number) => range(`${y}-01-01`, `${y}-12-31`);

  it('covers exactly the years that have a holiday table', () => {
    expect(coveredCalendarYears()).toEqual([...tableYears].sort((a, b) => a - b));
    for (let y = first - 5; y <= last + 5; y++) expect(calendarCovers(y), String(y)).toBe(tableYears.includes(y));
  });

  it('covers the years whose notices this test transcribes', () => {
    for (const y of Object.keys(DAYS_OFF).map(Number)) expect(calendarCovers(y), String(y)).toBe(true);
  });

  it('in a covered year some weekday is off (every notice has 春节 at least)', () => {
    for (const y of tableYears)
      expect(
        wholeYear(y).some((d) => isWorkingDay(d) !== mondayToFriday(d)),
        String(y),
      ).toBe(true);
  });

  it('falls back to Monday–Friday in the years just outside the data', () => {
    for (const y of [first - 1, last + 1]) {
      expect(calendarCovers(y), String(y)).toBe(false);
      for (const d of wholeYear(y)) expect(isWorkingDay(d), d).toBe(mondayToFriday(d));
    }
    // From the last covered day, the next working day is the first Monday–Friday of the next year.
    let next = `${last + 1}-01-01`;
    while (!mondayToFriday(next)) next = addDays(next, 1);
    expect(addWorkingDays(`${last}-12-31`, 1)).toBe(next);
  });
});

describe('addWorkingDays', () => {
  it('starts counting the day after', () => {
    expect(addWorkingDays('2025-03-03', 1)).toBe('2025-03-04');
    expect(addWorkingDays('2025-03-07', 1)).toBe('2025-03-10'); // Friday → Monday
    expect(addWorkingDays('2025-03-03', 5)).toBe('2025-03-10');
  });

  it('n = 0 keeps a working day, otherwise moves to the next one', () => {
    expect(addWorkingDays('2025-03-03', 0)).toBe('2025-03-03');
    expect(addWorkingDays('2025-03-08', 0)).toBe('2025-03-10');
    expect(addWorkingDays('2025-10-01', 0)).toBe('2025-10-09');
    expect(addWorkingDays('2025-09-28', 0)).toBe('2025-09-28'); // working Sunday
  });

  it('steps over 春节 and uses its working weekends', () => {
    expect(addWorkingDays('2025-01-24', 1)).toBe('2025-01-26');
    expect(addWorkingDays('2025-01-24', 2)).toBe('2025-01-27');
    expect(addWorkingDays('2025-01-24', 3)).toBe('2025-02-05');
    expect(addWorkingDays('2025-02-07', 1)).toBe('2025-02-08');
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(addWorkingDays('2026-02-27', 1)).toBe('2026-02-28');
    expect(addWorkingDays('2026-02-28', 1)).toBe('2026-03-02');
  });

  it('steps over the other holidays', () => {
    expect(addWorkingDays('2025-04-03', 1)).toBe('2025-04-07');
    expect(addWorkingDays('2025-04-25', 1)).toBe('2025-04-27');
    expect(addWorkingDays('2025-04-30', 1)).toBe('2025-05-06');
    expect(addWorkingDays('2025-05-30', 1)).toBe('2025-06-03');
    expect(addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(addWorkingDays('2025-10-10', 1)).toBe('2025-10-11');
    expect(addWorkingDays('2026-04-03', 1)).toBe('2026-04-07');
    expect(addWorkingDays('2026-04-30', 1)).toBe('2026-05-06');
    expect(addWorkingDays('2026-05-08', 1)).toBe('2026-05-09');
    expect(addWorkingDays('2026-06-18', 1)).toBe('2026-06-22');
    expect(addWorkingDays('2026-09-18', 1)).toBe('2026-09-20');
    expect(addWorkingDays('2026-09-24', 1)).toBe('2026-09-28');
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-09', 1)).toBe('2026-10-10');
  });

  it('crosses year boundaries', () => {
    expect(addWorkingDays('2024-12-31', 1)).toBe('2025-01-02');
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
    expect(addWorkingDays('2025-12-31', 2)).toBe('2026-01-05');
  });

  it('goes backwards for negative n', () => {
    expect(addWorkingDays('2026-01-05', -1)).toBe('2026-01-04');
    expect(addWorkingDays('2026-01-05', -2)).toBe('2025-12-31');
    expect(addWorkingDays('2025-02-05', -1)).toBe('2025-01-27');
    expect(addWorkingDays('2025-10-09', -1)).toBe('2025-09-30');
  });

  it('promised limits from acceptance (20 working days over 国庆)', () => {
    expect(addWorkingDays('2025-09-22', 20)).toBe('2025-10-24');
  });

  it('rejects bad input', () => {
    expect(() => addWorkingDays('2025-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-02-03', 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts the days after `from` up to and including `to`', () => {
    expect(workingDaysBetween('2025-03-03', '2025-03-03')).toBe(0);
    expect(workingDaysBetween('2025-03-03', '2025-03-04')).toBe(1);
    expect(workingDaysBetween('2025-03-07', '2025-03-09')).toBe(0);
    expect(workingDaysBetween('2025-09-30', '2025-10-12')).toBe(3);
    expect(workingDaysBetween('2025-01-24', '2025-02-09')).toBe(6); // 1-26, 1-27, 2-5, 2-6, 2-7, 2-8
  });

  it('is negative when `to` is before `from`', () => {
    expect(workingDaysBetween('2025-10-12', '2025-09-30')).toBe(-3);
    expect(workingDaysBetween('2026-01-05', '2025-12-31')).toBe(-2);
    expect(Object.is(workingDaysBetween('2025-03-09', '2025-03-07'), 0)).toBe(true);
  });

  it('crosses the year boundary', () => {
    expect(workingDaysBetween('2025-12-30', '2026-01-05')).toBe(3);
  });

  it('inverts addWorkingDays (property)', () => {
    const date = fc.integer({ min: 0, max: 3 * 366 }).map((i) => addDays('2024-07-01', i));
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 80 }), (d, n) => {
        const due = addWorkingDays(d, n);
        expect(isWorkingDay(due)).toBe(true);
        expect(workingDaysBetween(d, due)).toBe(n);
        expect(workingDaysBetween(due, d)).toBe(-n);
        // Back n working days from the due date: the last working day on or before d.
        expect(addWorkingDays(due, -n)).toBe(isWorkingDay(d) ? d : addWorkingDays(d, -1));
        expect(workingDaysBetween(d, addDays(due, -1))).toBe(n - 1);
      }),
    );
  });
});

describe('deadlineStatus', () => {
  it('counts what is left', () => {
    expect(deadlineStatus('2025-03-10', '2025-03-05')).toEqual({
      remaining: 3,
      overdue: false,
      dueSoon: false,
      label: '剩余3个工作日',
      uncoveredYears: [],
    });
    expect(deadlineStatus('2025-03-07', '2025-03-05')).toEqual({
      remaining: 2,
      overdue: false,
      dueSoon: true,
      label: '剩余2个工作日',
      uncoveredYears: [],
    });
    expect(deadlineStatus('2025-10-09', '2025-09-30')).toEqual({
      remaining: 1,
      overdue: false,
      dueSoon: true,
      label: '剩余1个工作日',
      uncoveredYears: [],
    });
  });

  it('says when it is due today', () => {
    expect(deadlineStatus('2025-03-05', '2025-03-05')).toEqual({
      remaining: 0,
      overdue: false,
      dueSoon: true,
      label: '今日到期',
      uncoveredYears: [],
    });
  });

  it('counts working days overdue', () => {
    expect(deadlineStatus('2025-03-05', '2025-03-07')).toEqual({
      remaining: -2,
      overdue: true,
      dueSoon: false,
      label: '已超期2个工作日',
      uncoveredYears: [],
    });
    expect(deadlineStatus('2025-09-30', '2025-10-09')).toMatchObject({
      remaining: -1,
      overdue: true,
      label: '已超期1个工作日',
      uncoveredYears: [],
    });
    expect(deadlineStatus('2025-03-07', '2025-03-08')).toEqual({
      remaining: 0,
      overdue: true,
      dueSoon: false,
      label: '已超期',
      uncoveredYears: [],
    });
  });

  it('moves a due date on a day off to the next working day', () => {
    expect(deadlineStatus('2025-10-01', '2025-10-08')).toMatchObject({
      remaining: 1,
      overdue: false,
      label: '剩余1个工作日',
      uncoveredYears: [],
    });
    expect(deadlineStatus('2025-10-01', '2025-10-09')).toMatchObject({ remaining: 0, label: '今日到期' });
    expect(deadlineStatus('2025-03-08', '2025-03-10')).toMatchObject({ remaining: 0, label: '今日到期' });
  });
});

describe('deadlineStatus in the item’s unit', () => {
  // Due Friday 20 Nov 2026 (no holiday near): from Friday the 13th that is 7 calendar days but 5
  // working days; on Monday the 23rd it is 3 calendar days late but 1 working day.
  it('counts calendar days for a limit in calendar days', () => {
    expect(deadlineStatus('2026-11-20', '2026-11-13', 'calendar-days')).toMatchObject({
      remaining: 7,
      label: '剩余7天',
      overdue: false,
    });
    expect(deadlineStatus('2026-11-20', '2026-11-23', 'calendar-days')).toMatchObject({
      remaining: -3,
      label: '已超期3天',
      overdue: true,
    });
  });

  it('counts working days otherwise, as before', () => {
    expect(deadlineStatus('2026-11-20', '2026-11-13')).toMatchObject({ remaining: 5, label: '剩余5个工作日' });
    expect(deadlineStatus('2026-11-20', '2026-11-23', 'working-days')).toMatchObject({ label: '已超期1个工作日' });
  });
});
