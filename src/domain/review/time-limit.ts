// Due dates from an item's time limit, in its unit. Working days (行政许可法 §82) skip weekends
// and public holidays; calendar days (居民身份证法 §12: 60日) count every day from the day after
// acceptance (民法典 §201), and a period ending on a day off ends on the next working day (§203).
// The calendar is a parameter so tests and the server can pass theirs; it defaults to the national one.
import { addWorkingDays } from '../calendar';
import { addDays } from '../dates';
import { limitDays, type ItemLimits, type WhichLimit } from './limit-label';

export interface LimitCalendar {
  addWorkingDays(date: string, n: number): string;
}

const NATIONAL: LimitCalendar = { addWorkingDays };

/** The day the item's limit (promised by default) runs out for a case accepted on `acceptedOn`. */
export function dueDateFor(
  item: ItemLimits,
  acceptedOn: string,
  calendar: LimitCalendar = NATIONAL,
  which: WhichLimit = 'promised',
): string {
  const days = limitDays(item, which);
  if ((item.limitUnit ?? 'working-days') === 'working-days') return calendar.addWorkingDays(acceptedOn, days);
  return calendar.addWorkingDays(addDays(acceptedOn, days), 0);
}

/**
 * A due date after 中止: the clock stood still from `suspendedOn` to `resumedOn`, so the due date
 * moves by that many days in the item's unit (`workingDays` = working days the case stood).
 */
export function resumedDueDate(
  item: ItemLimits,
  dueOn: string,
  stood: { workingDays: number; calendarDays: number },
  calendar: LimitCalendar = NATIONAL,
): string {
  if ((item.limitUnit ?? 'working-days') === 'working-days') return calendar.addWorkingDays(dueOn, stood.workingDays);
  return calendar.addWorkingDays(addDays(dueOn, stood.calendarDays), 0);
}
