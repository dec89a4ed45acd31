// Audit events of account and division administration (no case): who did what to which user or
// division, never a password.
import { uuidv7, type Actor, type AuditEvent } from '../../domain';
import type { Repositories } from '../store';

export interface AdminEvent {
  entity: 'user' | 'session' | 'division' | 'catalog' | 'holiday';
  entityId: string;
  action: string;
  from?: string;
  to?: string;
  detail?: string;
}

export async function auditAdmin(tx: Pick<Repositories, 'audit'>, actor: Actor, e: AdminEvent, at: number) {
  const event: AuditEvent = { id: uuidv7(at), ...e, actor, at };
  if (event.detail !== undefined) event.detail = event.detail.slice(0, 1000);
  await tx.audit.insert(event, at);
}

/** The command-line tool acts as the system (it runs with the server's own data access). */
export const CLI_ACTOR: Actor = { role: 'system', id: 'cli' };
