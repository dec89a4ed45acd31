// Cases (办件): list and count by index, for the case list (the first screen). No schema here:
// rows are validated when written (case-rows.ts, the pull), so a list read stays cheap.
import Dexie, { type Collection } from 'dexie';
import type { Case, CaseStatus } from '../domain/schemas/case';
import { getDb } from './connection';
import { allowedStatuses, listedCases } from './list-checks';

export interface CaseFilter {
  status?: CaseStatus | CaseStatus[];
  itemCode?: string;
  applicantId?: string;
  /** Due strictly before this date (YYYY-MM-DD): the "due soon / overdue" list. */
  dueBefore?: string;
  /** true: only returned-for-correction cases; false: all but those. */
  returned?: boolean;
}

export interface CaseQuery extends CaseFilter {
  offset?: number;
  limit?: number;
}

function matches(c: Case, filter: CaseFilter, statuses: CaseStatus[] | undefined): boolean {
  if (statuses && !statuses.includes(c.status)) return false;
  if (filter.returned === false && c.status === 'returned') return false;
  if (filter.itemCode !== undefined && c.itemCode !== filter.itemCode) return false;
  if (filter.applicantId !== undefined && c.applicantId !== filter.applicantId) return false;
  if (filter.dueBefore !== undefined && !(c.dueOn !== undefined && c.dueOn < filter.dueBefore)) return false;
  return true;
}

/** The narrowest index for a filter without statuses; the rest of the filter runs on its rows. */
function indexedCollection(filter: CaseFilter, statuses: CaseStatus[] | undefined): Collection<Case, string> {
  const cases = getDb().cases;
  if (filter.applicantId !== undefined) return cases.where('applicantId').equals(filter.applicantId);
  if (statuses) return cases.where('status').anyOf(statuses);
  if (filter.dueBefore !== undefined) return cases.where('dueOn').below(filter.dueBefore);
  if (filter.itemCode !== undefined) return cases.where('itemCode').equals(filter.itemCode);
  return cases.toCollection();
}

const hasOtherFilters = (filter: CaseFilter) =>
  filter.itemCode !== undefined ||
  filter.applicantId !== undefined ||
  filter.dueBefore !== undefined ||
  filter.returned === false;

/** Cases matching the filter, most recently updated first, paged by offset/limit. */
export async function listCases(query: CaseQuery = {}): Promise<Case[]> {
  const { offset = 0, limit = 50 } = query;
  const statuses = allowedStatuses(query);
  let rows: Case[];
  if (statuses && statuses.length === 0) {
    rows = [];
  } else if (statuses && query.applicantId === undefined) {
    // Walk [status+updatedAt] newest-first per status, filtering lazily: reads about offset+limit rows.
    const predicate = hasOtherFilters(query) ? (c: Case) => matches(c, query, statuses) : undefined;
    rows = (await newestInStatuses(statuses, offset + limit, predicate)).slice(offset, offset + limit);
  } else if (!statuses && !hasOtherFilters(query)) {
    rows = await getDb().cases.orderBy('updatedAt').reverse().offset(offset).limit(limit).toArray();
  } else {
    const collection = indexedCollection(query, statuses).filter((c) => matches(c, query, statuses));
    rows = (await collection.reverse().sortBy('updatedAt')).slice(offset, offset + limit);
  }
  return listedCases(rows); // one native pass for the page; validated when written (case-rows.ts, pull)
}

/** Newest `n` cases over several statuses: walks [status+updatedAt] backwards per status, merges. */
async function newestInStatuses(statuses: CaseStatus[], n: number, predicate?: (c: Case) => boolean): Promise<Case[]> {
  const db = getDb();
  const perStatus = await Promise.all(
    [...new Set(statuses)].map((s) => {
      const range = db.cases.where('[status+updatedAt]').between([s, Dexie.minKey], [s, Dexie.maxKey]).reverse();
      return (predicate ? range.filter(predicate) : range).limit(n).toArray();
    }),
  );
  return perStatus
    .flat()
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .slice(0, n);
}

/** How many cases match the filter (native index counts when the filter is by status alone). */
export async function countCases(filter: CaseFilter = {}): Promise<number> {
  const statuses = allowedStatuses(filter);
  if (statuses && statuses.length === 0) return 0;
  const db = getDb();
  if (!hasOtherFilters(filter)) {
    if (!statuses) return db.cases.count();
    const counts = await Promise.all([...new Set(statuses)].map((s) => db.cases.where('status').equals(s).count()));
    return counts.reduce((a, b) => a + b, 0);
  }
  return indexedCollection(filter, statuses)
    .filter((c) => matches(c, filter, statuses))
    .count();
}
