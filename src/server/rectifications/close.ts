// Closing a rectification after the call-back (回访), in one transaction: the rectification, an
// audit event and a change row that carries it to the agent's tablet. Idempotent: closing a
// closed one returns it unchanged, so a retry after a dropped answer is harmless.
import { Rectification, uuidv7, type AuditEvent } from '../../domain';
import { canSee, type AuthUser } from '../auth/user';
import { caseScope } from '../cases';
import { notFound } from '../http/errors';
import type { RectificationEntry, Store } from '../store';

export async function closeRectification(
  store: Store,
  user: AuthUser,
  id: string,
  callbackNote: string,
  at: number,
): Promise<RectificationEntry> {
  return store.transaction(async (tx) => {
    const found = await tx.rectifications.get(id);
    // Out of scope answers like a missing one: no hint that it exists elsewhere.
    if (!found || !canSee(user, found)) throw notFound('rectification.not_found', '找不到这条整改');
    if (found.rectification.status === 'closed') return found;
    const closed = Rectification.parse({ ...found.rectification, status: 'closed', callbackNote, closedAt: at });
    await tx.rectifications.update(closed, at);
    const audit: AuditEvent = {
      id: uuidv7(at),
      entity: 'rectification',
      entityId: closed.id,
      caseId: closed.caseId,
      action: 'rectification-close',
      from: 'open',
      to: 'closed',
      actor: { role: user.role, id: user.id },
      at,
      detail: callbackNote,
    };
    await tx.audit.insert(audit, at);
    await tx.changes.append(
      caseScope(found),
      { type: 'rectification', caseId: closed.caseId, rectification: closed },
      at,
    );
    return { ...found, rectification: closed };
  });
}
