// The outbox: mutations waiting for the server, in our own table so they never expire, the UI
// can show them, and one poisoned entry cannot block the others.
//
// States: pending → sending → done
//                           ↘ failed (retry at nextAttemptAt) → sending …
//                           ↘ rejected (the server said no; shown to the agent, never resent)
// A `sending` row whose lease (nextAttemptAt) has run out is sent again: the drain that took it
// died. Resending is safe: the mutation id is the server's idempotency key.
import Dexie from 'dexie';
import { type Case, type CaseStatus, Mutation } from '../domain';
import { getDb } from './connection';
import type { OutboxError, OutboxRow } from './db';
import { StorageError } from './errors';
import { parseInput } from './validate';
import { OPEN_STATES } from './outbox-reads';

export type OutboxEntry = OutboxRow;
export { listProblems, pendingCount } from './outbox-reads';

/** The case a mutation is about (every mutation kind concerns exactly one case). */
export function mutationCaseId(m: Mutation): string {
  switch (m.kind) {
    case 'case.submit':
    case 'case.resubmit':
      return m.payload.case.id;
    case 'case.withdraw':
    case 'tolerance.supply':
    case 'rating.create':
      return m.payload.caseId;
  }
}

/**
 * Adds a mutation to the outbox. Call it INSIDE the transaction that writes the entity
 * (it joins the caller's transaction; the outbox table must be in its scope).
 */
export async function enqueue(mutation: Mutation, now = Date.now()): Promise<OutboxEntry> {
  const m = parseInput(Mutation, mutation, '待同步');
  const row: OutboxRow = {
    id: m.id,
    mutation: m,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    caseId: mutationCaseId(m),
    createdAt: m.createdAt,
    updatedAt: now,
  };
  await getDb().outbox.add(row);
  return row;
}

/**
 * Up to `limit` entries due at `now`, oldest first. Per case, order is kept: an entry waits while
 * an older entry of the same case is still open (pending, sending or failed) and not due.
 */
export async function nextBatch(limit: number, now = Date.now()): Promise<OutboxEntry[]> {
  const db = getDb();
  const rows = (
    await Promise.all(
      OPEN_STATES.map((state) =>
        db.outbox.where('[state+createdAt]').between([state, Dexie.minKey], [state, Dexie.maxKey]).toArray(),
      ),
    )
  )
    .flat()
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const blockedCases = new Set<string>();
  const batch: OutboxEntry[] = [];
  for (const row of rows) {
    if (batch.length >= limit) break;
    if (blockedCases.has(row.caseId)) continue;
    if (row.nextAttemptAt <= now) batch.push(row);
    else blockedCases.add(row.caseId);
  }
  return batch;
}

/** Takes entries for sending; they come back in `nextBatch` only after `leaseMs`. */
export async function markSending(ids: string[], now = Date.now(), leaseMs = 120_000): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.outbox, async () => {
    await db.outbox
      .where('id')
      .anyOf(ids)
      .modify((row) => {
        row.state = 'sending';
        row.attempts += 1;
        row.nextAttemptAt = now + leaseMs;
        row.updatedAt = now;
      });
  });
}

/** Optional change to the mutation's case, applied in the same transaction as `markDone`. */
export interface CaseUpdate {
  status?: CaseStatus;
  /** Apply `status` only while the case is still in this one (e.g. `queued` for sync-accepted). */
  statusFrom?: CaseStatus;
  /**
   * The server's version after the mutation. When the case already stands on a newer version (a
   * pull got there first), neither version nor status is touched: a late answer never moves a case back.
   */
  baseVersion?: number;
  /** Kept when the case already has one. */
  submittedAt?: number;
}

/**
 * The server applied the mutation. `caseUpdate` (e.g. status submitted, new version) lands in the
 * same transaction, checked against the case as it is inside that transaction.
 */
export async function markDone(id: string, caseUpdate?: CaseUpdate, now = Date.now()): Promise<void> {
  const db = getDb();
  await db.transaction('rw', [db.outbox, db.cases], async () => {
    const row = await mustGet(id);
    await db.outbox.update(id, { state: 'done', lastError: undefined, updatedAt: now });
    if (caseUpdate) await applyCaseUpdate(row.caseId, caseUpdate, now);
  });
}

async function applyCaseUpdate(caseId: string, u: CaseUpdate, now: number): Promise<void> {
  const db = getDb();
  const current = await db.cases.get(caseId);
  if (!current) return;
  const changes: Partial<Case> = {};
  const stale = u.baseVersion !== undefined && u.baseVersion < current.baseVersion;
  if (!stale) {
    if (u.baseVersion !== undefined && u.baseVersion !== current.baseVersion) changes.baseVersion = u.baseVersion;
    if (u.status && u.status !== current.status && (!u.statusFrom || u.statusFrom === current.status))
      changes.status = u.status;
  }
  if (u.submittedAt !== undefined && current.submittedAt === undefined) changes.submittedAt = u.submittedAt;
  if (Object.keys(changes).length > 0) await db.cases.update(caseId, { ...changes, updatedAt: now });
}

/** A transient failure (network, 5xx, `retry`): try again at `nextAttemptAt`. */
export async function markFailed(
  id: string,
  error: OutboxError,
  nextAttemptAt: number,
  now = Date.now(),
): Promise<void> {
  await setState(id, { state: 'failed', lastError: error, nextAttemptAt, updatedAt: now });
}

/** The server refused the mutation for good: it stays visible as a problem until dismissed. */
export async function markRejected(id: string, error: OutboxError, now = Date.now()): Promise<void> {
  await setState(id, { state: 'rejected', lastError: error, updatedAt: now });
}

/** The agent asks to retry a failed entry now. */
export async function retryNow(id: string, now = Date.now()): Promise<void> {
  await setState(id, { state: 'pending', nextAttemptAt: now, updatedAt: now });
}

/** The agent has read a rejection (and fixed the case with a new mutation): hide it. */
export async function dismissRejected(id: string, now = Date.now()): Promise<void> {
  const row = await mustGet(id);
  if (row.state !== 'rejected') throw new StorageError('storage.conflict', '只有被退回的同步记录可以关闭');
  await setState(id, { state: 'done', updatedAt: now });
}

/** A case's outbox entries, oldest first (the case page shows their state). */
export async function listCaseOutbox(caseId: string): Promise<OutboxEntry[]> {
  return getDb().outbox.where('caseId').equals(caseId).sortBy('createdAt');
}

/** Removes done entries older than `before` (housekeeping). */
export async function pruneDone(before: number): Promise<number> {
  return getDb().outbox.where('[state+createdAt]').between(['done', Dexie.minKey], ['done', before]).delete();
}

async function mustGet(id: string): Promise<OutboxRow> {
  const row = await getDb().outbox.get(id);
  if (!row) throw new StorageError('storage.not_found', '找不到这条同步记录');
  return row;
}

async function setState(id: string, changes: Partial<OutboxRow>): Promise<void> {
  const updated = await getDb().outbox.update(id, changes);
  if (updated === 0) throw new StorageError('storage.not_found', '找不到这条同步记录');
}
