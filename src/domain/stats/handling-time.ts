// Handling time in working days, from submission to completion (办结).
import type { StatsCase, WorkingDaysBetween } from './types';

export interface HandlingTime {
  /** Completed cases that have both dates. */
  count: number;
  /** Mean working days, rounded to one decimal; 0 when count is 0. */
  average: number;
  /** 90th percentile by the nearest-rank method; 0 when count is 0. */
  p90: number;
}

/** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export const round1 = (x: number) => Math.round(x * 10) / 10;

export function handlingDays(cases: readonly StatsCase[], workingDaysBetween: WorkingDaysBetween): number[] {
  const days: number[] = [];
  for (const c of cases) {
    if (c.submittedOn && c.completedOn) days.push(workingDaysBetween(c.submittedOn, c.completedOn));
  }
  return days;
}

export function handlingTime(cases: readonly StatsCase[], workingDaysBetween: WorkingDaysBetween): HandlingTime {
  const days = handlingDays(cases, workingDaysBetween);
  if (days.length === 0) return { count: 0, average: 0, p90: 0 };
  const sum = days.reduce((a, b) => a + b, 0);
  return { count: days.length, average: round1(sum / days.length), p90: percentile(days, 90) };
}
