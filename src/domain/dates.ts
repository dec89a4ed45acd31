// Calendar dates as `YYYY-MM-DD` strings, computed in UTC so results never depend on the
// runtime's time zone (tablet, worker, server all agree). Everyone involved is in UTC+8.

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

/** Parses a real calendar date (rejects 2023-02-29, 1949-02-31…); undefined otherwise. */
export function parseIsoDate(s: string): Ymd | undefined {
  const m = ISO.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]),
    month = Number(m[2]),
    day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export const isIsoDate = (s: string) => parseIsoDate(s) !== undefined;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export const formatYmd = ({ year, month, day }: Ymd) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

const toUtcMs = (s: string) => {
  const d = parseIsoDate(s);
  if (!d) throw new RangeError(`not a date: ${s}`);
  return Date.UTC(d.year, d.month - 1, d.day);
};
const fromUtcMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (s: string, n: number) => fromUtcMs(toUtcMs(s) + n * DAY_MS);
export const daysBetween = (from: string, to: string) => Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
/** 0 = Sunday … 6 = Saturday. */
export const dayOfWeek = (s: string) => new Date(toUtcMs(s)).getUTCDay();

/** Same month and day N years later; 29 February falls back to 28 February in common years. */
export function addYears(s: string, n: number): string {
  const d = parseIsoDate(s);
  if (!d) throw new RangeError(`not a date: ${s}`);
  const year = d.year + n;
  return formatYmd({ year, month: d.month, day: Math.min(d.day, daysInMonth(year, d.month)) });
}

/** Completed years of age on `at` (a birthday counts from that day). */
export function ageAt(birthDate: string, at: string): number {
  const b = parseIsoDate(birthDate),
    a = parseIsoDate(at);
  if (!b || !a) throw new RangeError('not a date');
  const beforeBirthday = a.month < b.month || (a.month === b.month && a.day < b.day);
  return a.year - b.year - (beforeBirthday ? 1 : 0);
}

/** China time (UTC+8, no daylight saving) ahead of UTC. The one place the offset is written. */
export const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Today's date in China (UTC+8), from a timestamp. */
export const chinaDate = (ms: number) => fromUtcMs(ms + CHINA_OFFSET_MS);

/** `YYYY-MM-DD HH:MM` in China time, from a timestamp. */
export const chinaDateTime = (ms: number) =>
  new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

/** The timestamp of 00:00 China time on a `YYYY-MM-DD` day. */
export const chinaMidnight = (s: string) => toUtcMs(s) - CHINA_OFFSET_MS;

/** Same day N months later; a day the month lacks falls back to its last day (民法典 §202). */
export function addMonths(s: string, n: number): string {
  const d = parseIsoDate(s);
  if (!d) throw new RangeError(`not a date: ${s}`);
  const index = d.year * 12 + (d.month - 1) + n;
  const year = Math.floor(index / 12),
    month = (index % 12) + 1;
  return formatYmd({ year, month, day: Math.min(d.day, daysInMonth(year, month)) });
}
