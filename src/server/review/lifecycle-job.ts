// The server's own life-cycle step: a 容缺受理 case whose promised material is still missing
// `toleranceGraceDays` working days after its due day is terminated (容缺逾期终止) with a written
// 终止告知, exactly as a reviewer's decision is recorded (case row, decision, audit event, change
// rows), so the agent's tablet shows it on its next pull. Safe to run on several server processes
// at once (one holds the cluster lock, the others wait and then find nothing to do) and to run
// again: each case is re-read and re-checked inside its own transaction.
import { chinaDate, countyOf, uuidv7, type Decision } from '../../domain';
import { overduePromises, terminationNotice } from '../../domain/review';
import { Rejected, step, systemActor } from '../cases';
import type { LifecycleSettings } from '../config';
import type { Repositories, Store } from '../store';
import { recordDecision } from './decide';

const PAGE = 100;
export const SYSTEM_REVIEWER_ID = 'system';

/** Terminates one case if it is still overdue; resolves true when it did. */
async function expireOne(tx: Repositories, id: string, graceDays: number, now: number): Promise<boolean> {
  const current = await tx.cases.get(id);
  if (!current || current.status !== 'accepted_tolerance') return false;
  const today = chinaDate(now);
  const overdue = overduePromises(current.data.tolerance, graceDays, today);
  if (overdue.length === 0) return false;
  const item =
    (await tx.catalog.version(current.itemCode, current.data.itemVersion)) ?? (await tx.catalog.get(current.itemCode));
  const name = (requirementId: string) => item?.materials.find((m) => m.id === requirementId)?.name ?? requirementId;
  const notice = terminationNotice({
    caseNumber: current.number,
    itemName: item?.name ?? current.itemCode,
    acceptedOn: current.acceptedOn,
    overdue: overdue.map((o) => ({ ...o, name: name(o.requirementId) })),
    graceDays,
    today,
  });
  let moved;
  try {
    moved = step(current.id, current.status, 'expire-tolerance', systemActor, { at: now, detail: notice });
  } catch (error) {
    if (error instanceof Rejected) return false;
    throw error;
  }
  const decision: Decision = {
    id: uuidv7(now),
    caseId: current.id,
    kind: 'expire-tolerance',
    reasons: [],
    toleranceDue: [],
    note: notice,
    reviewerId: SYSTEM_REVIEWER_ID,
    decidedAt: now,
    revision: current.revision,
  };
  await recordDecision(tx, current, {}, moved, decision, now);
  return true;
}

/** Every overdue tolerance case the server holds, terminated; resolves to their ids. */
export async function expireOverdueTolerance(
  store: Store,
  settings: Pick<LifecycleSettings, 'toleranceGraceDays'>,
  now: number,
): Promise<string[]> {
  return store.cluster.exclusive('lifecycle:tolerance-expiry', async () => {
    const today = chinaDate(now);
    const counties = [...new Set((await store.divisions.list()).map((d) => countyOf(d.code)))].sort();
    const terminated: string[] = [];
    for (const countyCode of counties) {
      for (let after: string | null = null; ;) {
        const page = await store.cases.pageById({ countyCode }, ['accepted_tolerance'], after, PAGE);
        for (const c of page) {
          // Cheap check on the page first; the transaction re-reads and re-checks.
          if (overduePromises(c.data.tolerance, settings.toleranceGraceDays, today).length === 0) continue;
          if (await store.transaction((tx) => expireOne(tx, c.id, settings.toleranceGraceDays, now)))
            terminated.push(c.id);
        }
        if (page.length < PAGE) break;
        after = page.at(-1)?.id ?? null;
      }
    }
    return terminated;
  });
}
