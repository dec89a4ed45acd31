// Every statistic of the review loop in one report, for the township (its villages) or the
// county (all townships): the caller decides which records to pass in.
import { casesByItem, casesByStatus } from './counts';
import { handlingTime, type HandlingTime } from './handling-time';
import { onTimeRate } from './on-time';
import { outcomeStats, type OutcomeStats } from './outcomes';
import { ratingStats, rectificationStats, type RatingStats, type RectificationStats } from './ratings';
import { returnStats, type ReturnStats } from './returns';
import type { Share, StatsInput, WorkingDaysBetween } from './types';

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
}

export interface StatsOptions {
  workingDaysBetween: WorkingDaysBetween;
  /** Today in Beijing time, for overdue rectifications. */
  today: string;
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
  };
}
