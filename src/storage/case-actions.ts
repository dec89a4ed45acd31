// Multi-entity case actions: one user action = one transaction. The case, its materials, their
// files, the audit events and the outbox row commit together or not at all.
import { type AuditEvent, Case, type CaseInput, type CaseStatus, type Mutation } from '../domain';
import { appendAudit } from './audit';
import { putBlob, type NewBlob } from './blobs';
import { StorageError } from './errors';
import type { MaterialInput } from './materials';
import { Material } from '../domain';
import { enqueue, mutationCaseId } from './outbox';
import { writeTransaction } from './transaction';
import { parseInput } from './validate';

export interface CaseWrite {
  case: CaseInput;
  /** Materials to put (whole rows). */
  materials?: MaterialInput[];
  deleteMaterialIds?: string[];
  /** Files the materials refer to (stored once by hash). */
  blobs?: NewBlob[];
  audit?: AuditEvent | AuditEvent[];
  /** Enqueued to the outbox in the same transaction. */
  mutation?: Mutation;
  /** Optimistic guard: the stored case must be in one of these statuses (absent = may be new). */
  expectStatus?: CaseStatus[];
}

/** Writes a case with its materials, files, audit and outbox row atomically. */
export async function saveCaseWithMaterials(write: CaseWrite): Promise<Case> {
  const c = parseInput(Case, write.case, '办件');
  const materials = (write.materials ?? []).map((m) => parseInput(Material, m, '材料'));
  if (materials.some((m) => m.caseId !== c.id)) throw new StorageError('storage.invalid', '材料不属于这个办件');
  if (write.mutation && mutationCaseId(write.mutation) !== c.id)
    throw new StorageError('storage.invalid', '同步记录不属于这个办件');
  return writeTransaction(['cases', 'materials', 'blobs', 'audit', 'outbox'], async (db) => {
    if (write.expectStatus) {
      const stored = await db.cases.get(c.id);
      if (!stored || !write.expectStatus.includes(stored.status)) {
        throw new StorageError('storage.conflict', '办件状态已变化，请刷新后重试');
      }
    }
    for (const b of write.blobs ?? []) await putBlob(b.sha256, b.mime, b.data);
    if (write.deleteMaterialIds?.length) await db.materials.bulkDelete(write.deleteMaterialIds);
    if (materials.length) await db.materials.bulkPut(materials);
    await db.cases.put(c);
    await appendAudit(write.audit ?? []);
    if (write.mutation) await enqueue(write.mutation);
    return c;
  });
}

export interface SubmitInput {
  caseId: string;
  mutation: Mutation;
  audit: AuditEvent | AuditEvent[];
  /** Status while waiting in the outbox (default 'queued'). */
  status?: CaseStatus;
  /** The case must currently be in one of these (default: draft, ready, returned). */
  expectStatus?: CaseStatus[];
  now?: number;
}

/**
 * Queues a (re)submission, withdrawal, tolerance supply or rating: the case's status change, its
 * audit event and the outbox row, atomically. If any part fails, nothing is written.
 */
export async function submitCase({
  caseId,
  mutation,
  audit,
  status = 'queued',
  expectStatus = ['draft', 'ready', 'returned'],
  now = Date.now(),
}: SubmitInput): Promise<Case> {
  if (mutationCaseId(mutation) !== caseId) throw new StorageError('storage.invalid', '同步记录不属于这个办件');
  return writeTransaction(['cases', 'audit', 'outbox'], async (db) => {
    const stored = await db.cases.get(caseId);
    if (!stored) throw new StorageError('storage.not_found', '找不到这个办件');
    if (!expectStatus.includes(stored.status))
      throw new StorageError('storage.conflict', '办件状态已变化，请刷新后重试');
    const next = parseInput(Case, { ...stored, status, updatedAt: now }, '办件');
    await db.cases.put(next);
    await appendAudit(audit);
    await enqueue(mutation, now);
    return next;
  });
}
