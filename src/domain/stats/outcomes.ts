// How cases ended and the steps after delivery (issue 15): 不予受理 counted apart from 终止, the
// three ways a case is terminated, 回访 outcomes (distinct from the 好差评 rating) and 归档.
import { share, type Share, type StatsCase, type StatsDecision } from './types';

export interface OutcomeStats {
  /** 不予受理 (行政许可法 §32(1)(2)), over submitted cases. */
  refused: Share;
  /** 终止 by a reviewer's decision. */
  terminated: number;
  /** 终止 by the server: a 容缺 promise overdue past the grace period. */
  toleranceExpired: number;
  /** A returned case never brought back, closed by the reviewer. */
  returnClosed: number;
  followUps: {
    /** Cases called back at least once; the latest call counts. */
    total: number;
    reached: Share;
    /** Satisfied among the reached. */
    satisfied: Share;
  };
  archived: number;
}

/** Cases with at least one decision of `kind`. */
const casesWith = (decisions: readonly StatsDecision[], ids: Set<string>, kind: StatsDecision['kind']) =>
  new Set(decisions.filter((d) => d.kind === kind && ids.has(d.caseId)).map((d) => d.caseId)).size;

export function outcomeStats(cases: readonly StatsCase[], decisions: readonly StatsDecision[]): OutcomeStats {
  const ids = new Set(cases.map((c) => c.id));
  const submitted = cases.filter((c) => c.submittedOn).length;
  const lastCall = new Map<string, NonNullable<StatsDecision['followUp']>>();
  for (const d of decisions)
    if (d.kind === 'follow-up' && d.followUp && ids.has(d.caseId)) lastCall.set(d.caseId, d.followUp);
  const calls = [...lastCall.values()];
  const reached = calls.filter((f) => f.reached);
  return {
    refused: share(casesWith(decisions, ids, 'refuse'), submitted),
    terminated: casesWith(decisions, ids, 'terminate'),
    toleranceExpired: casesWith(decisions, ids, 'expire-tolerance'),
    returnClosed: casesWith(decisions, ids, 'close-returned'),
    followUps: {
      total: calls.length,
      reached: share(reached.length, calls.length),
      satisfied: share(reached.filter((f) => f.satisfied).length, reached.length),
    },
    archived: casesWith(decisions, ids, 'archive'),
  };
}
