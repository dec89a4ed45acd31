// The township's work queue: filters (status, village, item, overdue, tolerance pending) with
// counts, sorted by deadline on the server. Filters live in a signal; every change reloads.
import { signal } from '@preact/signals';
import type { CaseStatus } from '../../domain/schemas/case';
import type { ReviewCaseList } from './api-types';
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

export function createInboxSlice(http: HttpDeps) {
  const filters = signal<InboxFilters>({ status: DEFAULT_INBOX_STATUSES });
  const list = loadable<ReviewCaseList>();
  const load = () => list.run(() => requestJson<ReviewCaseList>(http, `/api/review/cases?${inboxQuery(filters.value)}`));
  return {
    filters,
    list,
    load,
    setFilters(next: InboxFilters) {
      filters.value = next;
      return load();
    },
  };
}
export type InboxSlice = ReturnType<typeof createInboxSlice>;
