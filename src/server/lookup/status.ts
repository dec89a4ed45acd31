// The public progress of one case: found by its printed number and the token printed beside it.
// Only what the villager needs and nothing personal: the item, a masked name, the status in plain
// words, the dates, what is still owed and why it came back. A reviewer's free-text notes are
// left out (they may name people); return reasons show their fixed label.
import { chinaDate, REASON_LABELS, type ServiceItem } from '../../domain';
import { deadlineStatus } from '../../domain/calendar';
import { limitLabel } from '../../domain/review/limit-label';
import { STATUS_LABELS } from '../../domain/state-machine';
import { maskName, normalizeLookupToken, PUBLIC_STATUS_TEXT } from '../../domain/lookup';
import type { PublicCaseStatus } from '../../domain/api/lookup';
import type { CaseRecord, Store } from '../store';
import { lookupHash, tokenMatches } from './token-hash';

const RUNNING = new Set(['accepted', 'accepted_tolerance']);

/** The case the number and token open, or undefined — the same for a wrong token and an unknown number. */
export async function findByToken(store: Store, number: string, rawToken: string): Promise<CaseRecord | undefined> {
  const token = normalizeLookupToken(rawToken);
  // A malformed token still costs one hash and one query, like a wrong one.
  const hash = lookupHash(token ?? rawToken);
  const rows = await store.cases.lookupHashes(number);
  let found: string | undefined;
  for (const row of rows.length > 0 ? rows : [{ id: undefined, lookupHash: null }])
    if (tokenMatches(hash, row.lookupHash) && token && row.id) found = row.id;
  return found === undefined ? undefined : store.cases.get(found);
}

const targetName = (item: ServiceItem | undefined, target: string) => {
  if (target.startsWith('field:')) return item?.fields.find((f) => `field:${f.key}` === target)?.label ?? '申请表内容';
  return item?.materials.find((m) => m.id === target)?.name ?? '材料';
};

export async function publicStatus(store: Store, c: CaseRecord, now: number): Promise<PublicCaseStatus> {
  const [item, applicant, decisions] = await Promise.all([
    store.catalog.get(c.itemCode),
    store.persons.get(c.applicantId),
    store.decisions.forCase(c.id),
  ]);
  const today = chinaDate(now);
  const completed = decisions.findLast((d) => d.decision.kind === 'complete');
  const lastReturn = c.status === 'returned' ? decisions.findLast((d) => d.decision.kind === 'return') : undefined;
  const owed = c.status === 'accepted_tolerance' ? c.data.tolerance.filter((t) => !t.suppliedAt) : [];
  return {
    number: c.number,
    itemName: item?.name ?? c.itemCode,
    applicant: maskName(applicant?.person.name ?? ''),
    status: c.status,
    statusLabel: STATUS_LABELS[c.status],
    statusText: PUBLIC_STATUS_TEXT[c.status],
    submittedOn: c.submittedAt === null ? null : chinaDate(c.submittedAt),
    acceptedOn: c.acceptedOn,
    dueOn: c.dueOn,
    // Items stored before limits had a unit are not re-parsed: no unit means working days.
    promisedWorkingDays: item && (item.limitUnit ?? 'working-days') === 'working-days' ? item.promisedLimitDays : null,
    promisedLimit: item ? limitLabel(item) : null,
    deadlineLabel: c.dueOn && RUNNING.has(c.status) ? deadlineStatus(c.dueOn, today, item?.limitUnit).label : null,
    completedOn: completed ? chinaDate(completed.createdAt) : null,
    stillNeeded: owed.map((t) => ({ name: targetName(item, t.requirementId), dueBy: t.dueBy ?? t.promisedBy })),
    returnReasons: (lastReturn?.decision.reasons ?? []).map((r) => ({
      what: targetName(item, r.target),
      reason: REASON_LABELS[r.code],
    })),
    updatedOn: chinaDate(c.updatedAt),
  };
}
