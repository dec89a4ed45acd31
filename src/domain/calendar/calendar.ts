// Working days (工作日) for time limits: Monday–Friday, minus public holidays, plus the weekend
// days the State Council moves work to (调休上班). The arrangements are data: the built-in years
// are the seed, and `installHolidayYears` puts in what the county admin entered (server store,
// device cache). Years without data fall back to plain Monday–Friday, and every deadline result
// names those years (`uncoveredYears`) so the screens can say so instead of staying silent.
import { parseIsoDate } from '../dates';
import type { HolidayYear } from './types';
import { HOLIDAY_YEARS } from './years';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC), so stepping a day is `+ 1` and never touches a time zone. */
function toDayNumber(date: string): number {
  const d = parseIsoDate(date);
  if (!d) throw new RangeError(`not a date: ${date}`);
  return Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;
}
const fromDayNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

interface Override {
  working: boolean;
  name: string;
}
let overrides = new Map<number, Override>();
let coveredYears = new Set<number>();

function load(year: HolidayYear, into: Map<number, Override>) {
  for (const h of year.holidays) {
    for (let d = toDayNumber(h.from); d <= toDayNumber(h.to); d++) into.set(d, { working: false, name: h.name });
  }
  for (const w of year.workingWeekends) into.set(toDayNumber(w.date), { working: true, name: `${w.for}调休上班` });
}

/**
 * Makes these arrangements the calendar, on top of the built-in years (an entered year replaces
 * the built-in one of the same year). One process holds one calendar: the national one.
 */
export function installHolidayYears(years: readonly HolidayYear[]): void {
  const byYear = new Map<number, HolidayYear>();
  for (const y of [...HOLIDAY_YEARS, ...years]) byYear.set(y.year, y);
  const next = new Map<number, Override>();
  for (const y of [...byYear.values()].sort((a, b) => a.year - b.year)) load(y, next);
  overrides = next;
  coveredYears = new Set(byYear.keys());
}
installHolidayYears([]);

/** Whether the holiday data knows this year; otherwise only weekends are days off. */
export const calendarCovers = (year: number) => coveredYears.has(year);
export const coveredCalendarYears = () => [...coveredYears].sort((a, b) => a - b);

/** Years from `from` to `to` (either order, both included) the holiday data does not know. */
export function uncoveredYearsBetween(from: string, to: string): number[] {
  const a = Number(from.slice(0, 4)),
    b = Number(to.slice(0, 4));
  const years: number[] = [];
  for (let y = Math.min(a, b); y <= Math.max(a, b); y++) if (!coveredYears.has(y)) years.push(y);
  return years;
}

/** The visible mark of a deadline counted without some years' holidays, e.g. 未含2027年节假日安排. */
export const coverageNote = (uncoveredYears: readonly number[]): string | undefined =>
  uncoveredYears.length === 0 ? undefined : `未含${uncoveredYears.join('、')}年节假日安排`;

/** `addWorkingDays` with the years it had to count as plain Monday–Friday. */
export function addWorkingDaysChecked(date: string, n: number): { date: string; uncoveredYears: number[] } {
  const due = addWorkingDays(date, n);
  return { date: due, uncoveredYears: uncoveredYearsBetween(date, due) };
}

function isWorkingDayNumber(n: number): boolean {
  const o = overrides.get(n);
  if (o) return o.working;
  const weekday = (n + 4) % 7; // 1970-01-01 was a Thursday (4)
  return weekday !== 0 && weekday !== 6;
}

export const isWorkingDay = (date: string) => isWorkingDayNumber(toDayNumber(date));

/** The holiday a day belongs to (e.g. "春节"), or the holiday a working weekend is moved for. */
export const holidayName = (date: string): string | undefined => overrides.get(toDayNumber(date))?.name;

/**
 * The n-th working day after `date` (before it when n < 0). With n = 0: `date` itself when it
 * is a working day, else the next working day.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of working days: ${n}`);
  let d = toDayNumber(date);
  if (n === 0) {
    while (!isWorkingDayNumber(d)) d++;
    return fromDayNumber(d);
  }
  const step = n > 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0;) {
    d += step;
    if (isWorkingDayNumber(d)) left--;
  }
  return fromDayNumber(d);
}

/** Working days after `from` up to and including `to`; negative when `to` is before `from`. */
export function workingDaysBetween(from: string, to: string): number {
  const a = toDayNumber(from),
    b = toDayNumber(to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let d = lo + 1; d <= hi; d++) if (isWorkingDayNumber(d)) count++;
  return count === 0 ? 0 : sign * count; // never -0
}

export interface DeadlineStatus {
  /** Working days left; 0 on the due day; minus the working days overdue. */
  remaining: number;
  overdue: boolean;
  /** Due within 2 working days (today included), not yet overdue. */
  dueSoon: boolean;
  label: string;
  /** Years between today and the due day without holiday data (counted Monday–Friday). */
  uncoveredYears: number[];
}

/**
 * Where a deadline stands today. A due date on a day off moves to the next working day
 * (民法典 §203: a period ending on a statutory holiday ends on the day after it). Days are counted
 * in the item's unit: a limit in calendar days (居民身份证法 §12's 60 days) reads 剩余N天.
 */
export function deadlineStatus(
  dueOn: string,
  today: string,
  unit: 'working-days' | 'calendar-days' = 'working-days',
): DeadlineStatus {
  const due = addWorkingDays(dueOn, 0);
  const uncoveredYears = uncoveredYearsBetween(today, due);
  const t = toDayNumber(today),
    d = toDayNumber(due);
  const calendar = unit === 'calendar-days';
  const count = (from: string, to: string) =>
    calendar ? toDayNumber(to) - toDayNumber(from) : workingDaysBetween(from, to);
  const days = calendar ? '天' : '个工作日';
  if (t === d) return { remaining: 0, overdue: false, dueSoon: true, label: '今日到期', uncoveredYears };
  if (t < d) {
    const remaining = count(today, due);
    return { remaining, overdue: false, dueSoon: remaining <= 2, label: `剩余${remaining}${days}`, uncoveredYears };
  }
  const late = count(due, today);
  return {
    remaining: late === 0 ? 0 : -late,
    overdue: true,
    dueSoon: false,
    label: late > 0 ? `已超期${late}${days}` : '已超期',
    uncoveredYears,
  };
}
