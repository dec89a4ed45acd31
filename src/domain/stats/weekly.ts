// Weekly trend (issue 14): per calendar week (Monday–Sunday, Beijing days), cases submitted,
// cases returned and the on-time rate of the cases completed that week.
import { addDays, dayOfWeek } from '../dates';
import { share, type Share, type StatsInput } from './types';

export interface WeekTrend {
  /** Monday of the week. */
  weekStart: string;
  /** Sunday of the week. */
  weekEnd: string;
  /** Cases first submitted this week. */
  submitted: number;
  /** Cases with at least one return decision this week. */
  returned: number;
  /** Among cases completed this week that have a deadline; rate null when none. */
  onTime: Share;
}

export const DEFAULT_TREND_WEEKS = 12;

/** Monday of the week holding `day` (Sunday belongs to the week before). */
export const mondayOf = (day: string) => addDays(day, -((dayOfWeek(day) + 6) % 7));

/** The first day the trend of `weeks` weeks ending with the week of `endOn` covers. */
export const trendStart = (endOn: string, weeks = DEFAULT_TREND_WEEKS) => addDays(mondayOf(endOn), -7 * (weeks - 1));

/** `weeks` weeks, oldest first, the last one holding `endOn`. */
export function weeklyTrend(input: StatsInput, endOn: string, weeks = DEFAULT_TREND_WEEKS): WeekTrend[] {
  const first = trendStart(endOn, weeks);
  const index = (day: string | undefined) => {
    if (!day || day < first) return -1;
    const i = Math.floor((Date.parse(day) - Date.parse(first)) / (7 * 86_400_000));
    return i < weeks ? i : -1;
  };
  const submitted = new Array<number>(weeks).fill(0);
  const returned = Array.from({ length: weeks }, () => new Set<string>());
  const judged = new Array<number>(weeks).fill(0);
  const onTime = new Array<number>(weeks).fill(0);
  for (const c of input.cases) {
    const s = index(c.submittedOn);
    if (s >= 0) submitted[s]!++;
    const d = index(c.completedOn);
    if (d >= 0 && c.dueOn) {
      judged[d]!++;
      if (c.completedOn! <= c.dueOn) onTime[d]!++;
    }
  }
  for (const d of input.decisions) {
    const i = d.kind === 'return' ? index(d.decidedOn) : -1;
    if (i >= 0) returned[i]!.add(d.caseId);
  }
  return submitted.map((n, i) => {
    const weekStart = addDays(first, 7 * i);
    return {
      weekStart,
      weekEnd: addDays(weekStart, 6),
      submitted: n,
      returned: returned[i]!.size,
      onTime: share(onTime[i]!, judged[i]!),
    };
  });
}
