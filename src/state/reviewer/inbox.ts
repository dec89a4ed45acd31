// The township's work queue: filters (status, village, item, overdue, tolerance pending) with
// counts, sorted by deadline on the server. Filters live in a signal; every change reloads.
import { signal } from '@preact/signals';
import type { CaseStatus } from '../../domain/schemas/case';
import type { ReviewCaseList, ReviewCaseSummary } from '../../domain/review';
import { requestJson, type HttpDeps } from './http';
import { loadable } from './loadable';

export interface InboxFilters {
  status?: CaseStatus[];
  village?: string;
  item?: string;
  overdue?: boolean;
  tolerancePending?: boolean;
}

/** Statuses the inbox opens on: work waiting for the township. */
export const DEFAULT_INBOX_STATUSES: CaseStatus[] = ['submitted', 'resubmitted', 'in_review'];

export function inboxQuery(f: InboxFilters, limit = 200): string {
  const q = new URLSearchParams();
  if (f.status?.length) q.set('status', f.status.join(','));
  if (f.village) q.set('village', f.village);
  if (f.item) q.set('item', f.item);
  if (f.overdue) q.set('overdue', '1');
  if (f.tolerancePending) q.set('tolerancePending', '1');
  q.set('limit', String(limit));
  return q.toString();
}

/** Accepted cases whose promised limit is overdue or due within two working days. */
export function dueSoonCases(list: ReviewCaseList | undefined): ReviewCaseSummary[] {
  return (list?.cases ?? [])
    .filter((c) => c.deadline && (c.deadline.overdue || c.deadline.dueSoon))
    .sort((a, b) => a.deadline!.remaining - b.deadline!.remaining);
}

export function createInboxSlice(http: HttpDeps) {
  const filters = signal<InboxFilters>({ status: DEFAULT_INBOX_STATUSES });
  const list = loadable<ReviewCaseList>();
  /** The running cases, for the "即将到期" strip whatever the filters show. */
  const running = loadable<ReviewCaseList>();
  const load = () => Promise.all([
    list.run(() => requestJson<ReviewCaseList>(http, `/api/review/cases?${inboxQuery(filters.value)}`)),
    running.run(() => requestJson<ReviewCaseList>(http, `/api/review/cases?${inboxQuery({ status: ['accepted', 'accepted_tolerance'] })}`)),
  ]);
  return {
    filters,
    list,
    running,
    load,
    setFilters(next: InboxFilters) {
      filters.value = next;
      return load();
    },
  };
}
export type InboxSlice = ReturnType<typeof createInboxSlice>;
