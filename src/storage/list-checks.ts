// The few plain checks the first screen's lists make on rows read without a schema (rows were
// validated when written), shared by the Dexie repositories and the quick reads (first-reads.ts).
// No Dexie and no dynamic import here: the service worker bundles it too (one IIFE).
import type { Case, CaseStatus } from '../domain/schemas/case';
import { STATUS_LABELS } from '../domain/state-machine/labels';
import type { OutboxState } from './db';
import { openRows } from './sealing';
import { readRows } from './validate';

/** Statuses a case filter allows, or undefined for "any" (the `returned` flag folded in). */
export function allowedStatuses(filter: {
  status?: CaseStatus | CaseStatus[];
  returned?: boolean;
}): CaseStatus[] | undefined {
  let statuses = filter.status === undefined ? undefined : ([] as CaseStatus[]).concat(filter.status);
  if (filter.returned === true) statuses = (statuses ?? ['returned']).filter((s) => s === 'returned');
  return statuses;
}

/** States of an outbox entry still on its way to the server. */
export const OPEN_STATES: OutboxState[] = ['pending', 'sending', 'failed'];

/** What the list relies on, checked without the schema (a damaged row is skipped and reported). */
function listedCaseProblems(c: Case): string[] {
  const paths: string[] = [];
  if (typeof c.id !== 'string') paths.push('id');
  if (!Object.hasOwn(STATUS_LABELS, c.status)) paths.push('status');
  if (typeof c.updatedAt !== 'number') paths.push('updatedAt');
  if (typeof c.itemCode !== 'string') paths.push('itemCode');
  if (typeof c.applicantId !== 'string') paths.push('applicantId');
  return paths;
}

/** A page of listed cases, opened in one native pass, damaged rows skipped and reported. */
export async function listedCases(rows: Case[]): Promise<Case[]> {
  await openRows(rows);
  return readRows(rows, 'cases', listedCaseProblems);
}

/** id → name of the stored profiles among `rows` (a missing or unreadable one is left out). */
export async function namesOf(rows: unknown[]): Promise<Map<string, string>> {
  await openRows(rows);
  const names = new Map<string, string>();
  for (const row of readRows(rows as Array<{ id: string; name?: unknown }>, 'persons')) {
    try {
      if (typeof row.name === 'string') names.set(row.id, row.name);
    } catch {
      // A row that does not open (storage.corrupt) shows as missing; reading it by key reports why.
    }
  }
  return names;
}
