// The audit trail: every state change leaves an event; the reviewer sees a case's events as its timeline.
import { AuditEvent, uuidv7 } from '../domain';
import { getDb } from './connection';
import { parseInput, parseRows } from './validate';
import { openRows } from './sealing';

export type AuditInput = Omit<AuditEvent, 'id' | 'at'> & { id?: string; at?: number };

/** Builds a valid audit event (id and time filled in). */
export function makeAudit(input: AuditInput): AuditEvent {
  const at = input.at ?? Date.now();
  return parseInput(AuditEvent, { ...input, at, id: input.id ?? uuidv7(at) }, '操作记录');
}

/** Appends events; joins the caller's transaction when called inside one. */
export async function appendAudit(events: AuditEvent | AuditEvent[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length > 0) await getDb().audit.bulkAdd(list.map((e) => parseInput(AuditEvent, e, '操作记录')));
}

/** A case's timeline, oldest first. */
export async function listAudit(caseId: string): Promise<AuditEvent[]> {
  const rows = await getDb().audit.where('caseId').equals(caseId).sortBy('at');
  await openRows(rows);
  return parseRows(AuditEvent, rows, 'audit');
}
