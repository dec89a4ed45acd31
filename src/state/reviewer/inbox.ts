// The township's work queue: filters (status, village, item, overdue, tolerance pending) with
// counts, sorted by deadline on the server. Filters live in a signal; every change reloads.
import { signal } from '@preact/signals';
import type { CaseStatus } from '../../domain/schemas/case';
import { REVIEW_ROUTES, type ReviewCaseList, type ReviewCaseSummary } from '../../domain/api/review';
import type { ApiClient } from '../../net';
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

/** The filters as the list route's query (flags only when set). */
export function inboxQuery(f: InboxFilters, limit = 200) {
  return {
    status: f.status?.length ? f.status.join(',') : undefined,
    village: f.village || undefined,
    item: f.item || undefined,
    overdue: f.overdue ? ('1' as const) : undefined,
    tolerancePending: f.tolerancePending ? ('1' as const) : undefined,
    limit,
  };
}

/** Accepted cases whose promised limit is overdue or due within two working days. */
export function dueSoonCases(list: ReviewCaseList | undefined): ReviewCaseSummary[] {
  return (list?.cases ?? [])
    .filter((c) => c.deadline && (c.deadline.overdue || c.deadline.dueSoon))
    .sort((a, b) => a.deadline!.remaining - b.deadline!.remaining);
}

export function createInboxSlice(api: ApiClient) {
  const filters = signal<InboxFilters>({ status: DEFAULT_INBOX_STATUSES });
  const list = loadable<ReviewCaseList>();
  /** The running cases, for the "即将到期" strip whatever the filters show. */
  const running = loadable<ReviewCaseList>();
  const load = () =>
    Promise.all([
      list.run(() => api.call(REVIEW_ROUTES.list, { query: inboxQuery(filters.value) })),
      running.run(() =>
        api.call(REVIEW_ROUTES.list, { query: inboxQuery({ status: ['accepted', 'accepted_tolerance'] }) }),
      ),
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
