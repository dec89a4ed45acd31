// The holiday arrangements on the device (from the pull feed): the calendar works offline with
// the years the admin entered. Kept in syncState beside the pull cursor: a logout wipes both, and
// the next pull from 0 brings them again.
import { z } from 'zod';
import { HolidayArrangement } from '../domain/calendar/arrangement';
import { getDb } from './connection';

/** Storage key. DO NOT RENAME: devices in the field hold it. */
export const HOLIDAY_YEARS_KEY = 'holidayYears';
const Stored = z.array(HolidayArrangement);

/** The newest version of each year received so far. */
export async function getHolidayYears(): Promise<HolidayArrangement[]> {
  const parsed = Stored.safeParse((await getDb().syncState.get(HOLIDAY_YEARS_KEY))?.value);
  return parsed.success ? parsed.data : [];
}

/** The stored list with `a` in place, or undefined when a version as new is stored already. */
export function mergeHolidayYear(stored: unknown, a: HolidayArrangement): HolidayArrangement[] | undefined {
  const parsed = Stored.safeParse(stored);
  const years = parsed.success ? parsed.data : [];
  if ((years.find((y) => y.year === a.year)?.version ?? 0) >= a.version) return undefined;
  return [...years.filter((y) => y.year !== a.year), a].sort((x, y) => x.year - y.year);
}
