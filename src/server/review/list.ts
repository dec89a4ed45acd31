// GET /api/review/cases: the township's work queue — filtered, sorted by due date, with the
// numbers each filter chip shows (counted over the whole scope, not the filtered page). Costs
// O(page), not O(township): the page is read in index order and the counts are sums of the
// case_counts cells and, for the overdue chip, of case_due_counts days (store/repos/cases.ts,
// migrations 13 and 19).
import { chinaDate, type CaseStatus } from '../../domain';
import { deadlineStatus } from '../../domain/calendar';
import type { ReviewCaseList, ReviewCaseSummary, ReviewListQuery } from '../../domain/api';
import type { CaseQuery, QueuedCase, Store, Visibility } from '../store';
import { acceptanceWindow } from '../../domain/review';
import { AWAITING_DECISION, receivedOn } from './detail';

/** Waiting for the township to look at them. */
export const AWAITING_REVIEW: CaseStatus[] = ['submitted', 'resubmitted', 'in_review'];

function filters(
  q: ReviewListQuery,
  visibility: Visibility,
  today: string,
): Omit<CaseQuery, 'limit' | 'offset' | 'after'> {
  const statuses = q.tolerancePending
    ? ['accepted_tolerance' as const].filter((s) => !q.status || q.status.includes(s))
    : q.status;
  return {
    visibility,
    ...(statuses && { statuses: statuses.length ? statuses : ['__none__' as CaseStatus] }),
    ...(q.village && { villageCode: q.village }),
    ...(q.item && { itemCode: q.item }),
    ...(q.overdue && { overdueBefore: today }),
  };
}

/** `fn` remembered by its argument (one request's worth: the results are shared, never changed). */
function perKey<T>(fn: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined) {
      value = fn(key);
      seen.set(key, value);
    }
    return value;
  };
}

export async function listForReview(
  store: Store,
  visibility: Visibility,
  q: ReviewListQuery,
  now: number,
): Promise<ReviewCaseList> {
  const today = chinaDate(now);
  const where = filters(q, visibility, today);
  const [rows, { chips: all, total: filtered, overdue }, items, divisions] = await Promise.all([
    store.cases.query({ ...where, limit: q.limit, offset: q.offset, ...(q.after && { after: q.after }) }),
    store.cases.inboxCounts(where, today),
    store.catalog.list(),
    store.divisions.list(),
  ]);
  const itemNames = new Map(items.map((i) => [i.code, i.name]));
  const itemUnits = new Map(items.map((i) => [i.code, i.limitUnit]));
  const placeNames = new Map(divisions.map((d) => [d.code, d.name]));
  // A page's cases share a few dozen days: each window and deadline is worked out once per day.
  const windowOn = perKey((received: string) => acceptanceWindow(received, today));
  const deadlineOn = perKey((key: string) => {
    const [dueOn, itemCode] = key.split('|') as [string, string];
    return deadlineStatus(dueOn, today, itemUnits.get(itemCode));
  });
  const summarise = (c: QueuedCase): ReviewCaseSummary => ({
    id: c.id,
    number: c.number,
    itemCode: c.itemCode,
    itemName: itemNames.get(c.itemCode) ?? c.itemCode,
    villageCode: c.villageCode,
    villageName: placeNames.get(c.villageCode) ?? c.villageCode,
    applicantName: c.applicantName,
    status: c.status,
    version: c.version,
    revision: c.revision,
    submittedAt: c.submittedAt,
    acceptedOn: c.acceptedOn,
    dueOn: c.dueOn,
    deadline:
      c.dueOn && (c.status === 'accepted' || c.status === 'accepted_tolerance')
        ? deadlineOn(`${c.dueOn}|${c.itemCode}`)
        : null,
    tolerancePending: c.tolerance?.filter((t) => !t.suppliedAt).length ?? 0,
    acceptanceWindow: AWAITING_DECISION.includes(c.status) ? windowOn(receivedOn(c)) : null,
  });
  return {
    today,
    cases: rows.map(summarise),
    total: filtered,
    next: rows.length === q.limit ? (rows.at(-1)?.queueKey ?? null) : null,
    counts: {
      total: all.total,
      awaitingReview: AWAITING_REVIEW.reduce((n, s) => n + (all.byStatus[s] ?? 0), 0),
      overdue,
      tolerancePending: all.byStatus.accepted_tolerance ?? 0,
      byStatus: all.byStatus,
      byVillage: all.byVillage,
      byItem: all.byItem,
    },
  };
}
