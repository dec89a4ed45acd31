// A month of an arrangement as a grid (weeks Monday first), for the admin's preview before saving:
// computed from the arrangement itself, not from the installed calendar.
import { dayOfWeek, daysInMonth, formatYmd } from '../dates';
import type { HolidayYear } from './types';

export type DayKind = 'holiday' | 'workingWeekend' | 'weekend' | 'workday';
export interface GridDay {
  date: string;
  day: number;
  kind: DayKind;
  /** The holiday, or the holiday a working weekend is moved for. */
  name?: string;
}

export function monthGrid(
  a: Pick<HolidayYear, 'year' | 'holidays' | 'workingWeekends'>,
  month: number,
): (GridDay | null)[][] {
  const off = new Map<string, string>();
  for (const h of a.holidays)
    for (let t = Date.parse(h.from); t <= Date.parse(h.to); t += 86_400_000)
      off.set(new Date(t).toISOString().slice(0, 10), h.name);
  const working = new Map(a.workingWeekends.map((w) => [w.date, w.for]));
  const cells: (GridDay | null)[] = [];
  const first = formatYmd({ year: a.year, month, day: 1 });
  for (let i = 0; i < (dayOfWeek(first) + 6) % 7; i++) cells.push(null);
  for (let day = 1; day <= daysInMonth(a.year, month); day++) {
    const date = formatYmd({ year: a.year, month, day });
    const weekend = dayOfWeek(date) === 0 || dayOfWeek(date) === 6;
    const holiday = off.get(date);
    const moved = working.get(date);
    if (holiday !== undefined) cells.push({ date, day, kind: 'holiday', name: holiday });
    else if (moved !== undefined) cells.push({ date, day, kind: 'workingWeekend', name: moved });
    else cells.push({ date, day, kind: weekend ? 'weekend' : 'workday' });
  }
  while (cells.length % 7) cells.push(null);
  const weeks: (GridDay | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
