// Recall (撤回待同步): a queued case goes back to editing before the server has it. Added by the
// workbench: storage had no way to take a mutation back out of the outbox.
import { type AuditEvent, Case, type CaseInput } from '../domain';
import { appendAudit } from './audit';
import { StorageError } from './errors';
import { writeTransaction } from './transaction';
import { parseInput } from './validate';

/**
 * In one transaction: drops the case's unsent outbox rows (pending or failed), writes the case
 * (its recalled status) and the audit event. Refuses while a row is being sent (the server may
 * already have it) or when the stored case is no longer queued.
 */
export async function recallQueuedCase(input: CaseInput, audit: AuditEvent | AuditEvent[]): Promise<Case> {
  const next = parseInput(Case, input, '办件');
  return writeTransaction(['cases', 'outbox', 'audit'], async (db) => {
    const stored = await db.cases.get(next.id);
    if (!stored) throw new StorageError('storage.not_found', '找不到这个办件');
    if (stored.status !== 'queued')
      throw new StorageError('storage.conflict', '办件已经同步到乡镇，不能撤回；请等待审核结果');
    const rows = await db.outbox.where('caseId').equals(next.id).toArray();
    if (rows.some((r) => r.state === 'sending'))
      throw new StorageError('storage.conflict', '办件正在发送，请稍等几秒再撤回');
    const unsent = rows.filter((r) => r.state === 'pending' || r.state === 'failed').map((r) => r.id);
    await db.outbox.bulkDelete(unsent);
    await db.cases.put(next);
    await appendAudit(audit);
    return next;
  });
}
