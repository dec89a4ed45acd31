// GET /api/sync/snapshot: a new or wiped tablet gets back the open cases of the caller's scope as
// they are now — each with its materials, persons, decisions and rectifications — paged by case id.
// The feed head is read BEFORE the cases, so every page holds at least the state as of `asOf`;
// the device applies by version, so a change the feed later repeats is harmless.
import { RESTORE_STATUSES, type SnapshotCase } from '../../domain/api/sync';
import type { Case, Person } from '../../domain';
import type { CaseRecord, Repositories, Store } from '../store';
import type { AuthUser } from '../auth/user';
import { visibilityOf } from '../auth/user';

/** The case as a device keeps it: the agent's data with the server's status and counters. */
export function deviceCase(r: CaseRecord): Case {
  const { dueOn: _d, acceptedOn: _a, ...data } = r.data;
  return {
    ...data,
    status: r.status,
    baseVersion: r.version,
    revision: r.revision,
    ...(r.dueOn ? { dueOn: r.dueOn } : {}),
    ...(r.acceptedOn ? { acceptedOn: r.acceptedOn } : {}),
    ...(r.submittedAt !== null ? { submittedAt: r.submittedAt } : {}),
    updatedAt: Math.max(r.updatedAt, data.updatedAt),
  };
}

async function snapshotCase(store: Repositories, r: CaseRecord): Promise<SnapshotCase> {
  const c = deviceCase(r);
  const persons: Person[] = [];
  for (const id of new Set([r.applicantId, ...(c.entrusterId ? [c.entrusterId] : [])])) {
    const p = await store.persons.get(id);
    if (p && p.villageCode === r.villageCode) persons.push(p.person);
  }
  return {
    case: c,
    materials: await store.materials.forCase(r.id),
    persons,
    decisions: (await store.decisions.forCase(r.id)).map((d) => d.decision),
    rectifications: await store.rectifications.forCase(r.id),
  };
}

export async function readSnapshot(db: Store, user: AuthUser, after: string | null, limit: number) {
  // One transaction: a page never mixes a case with materials of a later resubmission.
  return db.transaction((store) => readPage(store, user, after, limit));
}

async function readPage(store: Repositories, user: AuthUser, after: string | null, limit: number) {
  const asOf = await store.changes.head();
  const rows = await store.cases.pageById(visibilityOf(user), RESTORE_STATUSES, after, limit + 1);
  const page = rows.slice(0, limit);
  const cases: SnapshotCase[] = [];
  for (const r of page) cases.push(await snapshotCase(store, r));
  return { cases, next: rows.length > limit ? (page.at(-1)?.id ?? null) : null, asOf };
}
