// Cases (办件) by key, and writes of one case with its audit event; each validated with the
// domain schema (a write before it is stored, a read by key before it is used).
import { type AuditEvent, Case, type CaseInput } from '../domain';
import { appendAudit } from './audit';
import { getDb } from './connection';
import { StorageError } from './errors';
import { writeTransaction } from './transaction';
import { parseInput, parseRow } from './validate';

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
