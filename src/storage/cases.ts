// Cases (办件): list, count and read by index; write one case with its audit event.
import Dexie, { type Collection } from 'dexie';
import { type AuditEvent, Case, type CaseInput, type CaseStatus } from '../domain';
import { appendAudit } from './audit';
import { getDb } from './connection';
import { StorageError } from './errors';
import { writeTransaction } from './transaction';
import { parseInput, parseRow, parseRows } from './validate';
import { openRows } from './sealing';

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

const toCase = (row: unknown) => parseRow(Case, row, '办件', 'cases');

export async function getCase(id: string): Promise<Case | undefined> {
  const row = await getDb().cases.get(id);
  return row && toCase(row);
}

export async function getCaseByNumber(number: string): Promise<Case | undefined> {
  const row = await getDb().cases.where('number').equals(number).first();
  return row && toCase(row);
}

/** Adds a new case with its audit event; `storage.conflict` if the id exists. */
export async function createCase(input: CaseInput, audit: AuditEvent | AuditEvent[]): Promise<Case> {
  const c = parseInput(Case, input, '办件');
  return writeTransaction(['cases', 'audit'], async (db) => {
    await db.cases.add(c);
    await appendAudit(audit);
    return c;
  });
}

/** Replaces a case and appends its audit event(s), in one transaction. */
export async function saveCase(input: CaseInput, audit: AuditEvent | AuditEvent[] = []): Promise<Case> {
  const c = parseInput(Case, input, '办件');
  return writeTransaction(['cases', 'audit'], async (db) => {
    await db.cases.put(c);
    await appendAudit(audit);
    return c;
  });
}

/** Statuses the filter allows, or undefined for "any". */
function allowedStatuses(filter: CaseFilter): CaseStatus[] | undefined {
  let statuses = filter.status === undefined ? undefined : ([] as CaseStatus[]).concat(filter.status);
  if (filter.returned === true) statuses = (statuses ?? ['returned']).filter((s) => s === 'returned');
  return statuses;
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
  await openRows(rows); // one native pass for the page instead of row by row
  return parseRows(Case, rows, 'cases');
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

/** Deletes a draft with its materials (files are collected later by deleteOrphanBlobs). */
export async function deleteDraftCase(caseId: string, audit: AuditEvent): Promise<void> {
  await writeTransaction(['cases', 'materials', 'audit'], async (db) => {
    const c = await db.cases.get(caseId);
    if (!c) throw new StorageError('storage.not_found', '找不到这个办件');
    if (c.status !== 'draft') throw new StorageError('storage.conflict', '只有草稿可以删除');
    await db.materials.where('caseId').equals(caseId).delete();
    await db.cases.delete(caseId);
    await appendAudit(audit);
  });
}
