// Plain records the statistics are computed from. The server (or a test) builds them from its
// store; nothing here knows about SQL, HTTP or the browser.
import type { CaseStatus } from '../schemas/case';
import type { DecisionKind, ReasonCode } from '../schemas/decision';

export interface StatsCase {
  id: string;
  status: CaseStatus;
  itemCode: string;
  /** 12-digit village code. */
  villageCode: string;
  /** Dates are `YYYY-MM-DD` in Beijing time. */
  submittedOn?: string;
  acceptedOn?: string;
  /** Day of the 办结 decision. */
  completedOn?: string;
  /** Promised deadline (承诺时限) of the case. */
  dueOn?: string;
}

export interface StatsDecision {
  caseId: string;
  kind: DecisionKind;
  /** Reason codes of a `return` decision (one entry per flagged material or field). */
  reasonCodes: ReasonCode[];
  decidedOn: string;
  /** The outcome of a `follow-up` decision (回访). */
  followUp?: { reached: boolean; satisfied?: boolean };
}

export interface StatsRating {
  caseId: string;
  level: number;
}

export interface StatsRectification {
  id: string;
  caseId: string;
  status: 'open' | 'closed';
  dueBy: string;
  /** Day it was closed with a call-back note. */
  closedOn?: string;
}

export interface StatsInput {
  cases: StatsCase[];
  decisions: StatsDecision[];
  ratings: StatsRating[];
  rectifications: StatsRectification[];
}

/**
 * Working days from `from` to `to` as the calendar counts a time limit: a case submitted on
 * `from` and finished on `to` took this many working days. Injected so the statistics stay
 * independent of the holiday table (the server passes src/domain/calendar's function).
 */
export type WorkingDaysBetween = (from: string, to: string) => number;

/** A share: how many of how many, and the ratio (null when there is nothing to divide by, so no
 * screen or export shows a "0%" that means "no data"). */
export interface Share {
  count: number;
  total: number;
  rate: number | null;
}

export const share = (count: number, total: number): Share => ({
  count,
  total,
  rate: total === 0 ? null : count / total,
});
