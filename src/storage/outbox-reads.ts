// What the case list and the sync status read from the outbox: counts and problems, without the
// mutation schema (outbox.ts validates a mutation when it is queued).
import { getDb } from './connection';
import type { OutboxRow } from './db';
import { OPEN_STATES } from './list-checks';

export { OPEN_STATES } from './list-checks';

export async function pendingCount(): Promise<number> {
  return getDb().outbox.where('state').anyOf(OPEN_STATES).count();
}

/** Failed and rejected entries, oldest first (the sync screen and the case cards show them). */
export async function listProblems(): Promise<OutboxRow[]> {
  const rows = await getDb().outbox.where('state').anyOf(['failed', 'rejected']).toArray();
  return rows.sort((a, b) => a.createdAt - b.createdAt);
}
