// POST /api/review/cases/:id/open: the reviewer starts looking at a submitted case (审核中).
// The state machine's `open-review` step moves submitted|resubmitted → in_review, the version goes
// up and a `case.status` change tells the agent's tablet on its next pull. Opening a case that is
// already in review changes nothing (two reviewers, or one reloading the page, both get 200).
import type { OpenReviewOutcome } from '../../domain/api';
import { STATUS_LABELS } from '../../domain/state-machine';
import type { AuthUser } from '../auth/user';
import { canSee } from '../auth/user';
import type { CaseRecord, Repositories, Store } from '../store';
import { conflict, forbidden, notFound } from '../http/errors';
import { caseScope, Rejected, step } from '../cases';

const summary = (c: CaseRecord): OpenReviewOutcome['case'] => ({
  id: c.id,
  status: c.status,
  version: c.version,
  revision: c.revision,
});

async function applyOpen(tx: Repositories, id: string, user: AuthUser, now: number): Promise<OpenReviewOutcome> {
  const current = await tx.cases.get(id);
  if (!current || !canSee(user, current)) throw notFound('case.not_found', '办件不存在或不在本乡镇');
  if (current.status === 'in_review') return { case: summary(current), opened: false };
  let moved;
  try {
    moved = step(current.id, current.status, 'open-review', { role: 'reviewer', id: user.id }, { at: now });
  } catch (error) {
    if (!(error instanceof Rejected)) throw error;
    throw conflict(
      'review.not_openable',
      `办件当前为“${STATUS_LABELS[current.status]}”，只有已提交或已重新提交的办件可以开始审核`,
      {
        status: current.status,
        version: current.version,
      },
    );
  }
  const c: CaseRecord = { ...current, status: moved.status, version: current.version + 1, updatedAt: now };
  c.data = { ...c.data, status: c.status, baseVersion: c.version, updatedAt: now };
  await tx.cases.update(c);
  await tx.audit.insert(moved.event, now);
  await tx.changes.append(
    caseScope(c),
    { type: 'case.status', caseId: c.id, status: c.status, version: c.version, at: now },
    now,
  );
  return { case: summary(c), opened: true };
}

export async function openReview(store: Store, id: string, user: AuthUser, now: number): Promise<OpenReviewOutcome> {
  if (user.role !== 'reviewer') throw forbidden('只有乡镇审核员可以开始审核');
  return store.transaction((tx) => applyOpen(tx, id, user, now));
}
