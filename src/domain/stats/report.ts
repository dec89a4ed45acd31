// Every statistic of the review loop in one report, for the township (its villages) or the
// county (all townships): the caller decides which records to pass in.
import { casesByItem, casesByStatus } from './counts';
import { handlingTime, type HandlingTime } from './handling-time';
import { onTimeRate } from './on-time';
import { outcomeStats, type OutcomeStats } from './outcomes';
import { ratingStats, rectificationStats, type RatingStats, type RectificationStats } from './ratings';
import { returnStats, type ReturnStats } from './returns';
import type { Share, StatsInput, WorkingDaysBetween } from './types';
import { weeklyTrend, type WeekTrend } from './weekly';

export interface StatsReport {
  totals: { cases: number; submitted: number; completed: number; ratings: number };
  byStatus: { key: string; count: number }[];
  byItem: { key: string; count: number }[];
  handling: HandlingTime;
  onTime: Share;
  returns: ReturnStats;
  ratings: RatingStats;
  rectifications: RectificationStats;
  outcomes: OutcomeStats;
  /** The last weeks, oldest first (see weekly.ts). */
  weekly: WeekTrend[];
}

export interface StatsOptions {
  workingDaysBetween: WorkingDaysBetween;
  /** Today in Beijing time, for overdue rectifications. */
  today: string;
  /** Records for the weekly trend (default: `input`) and the day its last week holds (default: today). */
  trend?: { input?: StatsInput; endOn?: string; weeks?: number };
}

export function computeStats(input: StatsInput, options: StatsOptions): StatsReport {
  const { cases, decisions, ratings, rectifications } = input;
  return {
    totals: {
      cases: cases.length,
      submitted: cases.filter((c) => c.submittedOn).length,
      completed: cases.filter((c) => c.completedOn).length,
      ratings: ratings.length,
    },
    byStatus: casesByStatus(cases),
    byItem: casesByItem(cases),
    handling: handlingTime(cases, options.workingDaysBetween),
    onTime: onTimeRate(cases),
    returns: returnStats(cases, decisions),
    ratings: ratingStats(ratings),
    rectifications: rectificationStats(rectifications, options.today),
    outcomes: outcomeStats(cases, decisions),
    weekly: weeklyTrend(options.trend?.input ?? input, options.trend?.endOn ?? options.today, options.trend?.weeks),
  };
}
