// 好差评 on the tablet: the villager's rating becomes a `rating.create` mutation. The case moves
// to 已评价, the audit event and the outbox row are written in one transaction (storage.submitCase),
// so a rating given offline is never lost and is sent on the next drain.
import { Mutation, Rating, isBadRating, uuidv7 } from '../domain';
import { getCase, makeAudit, submitCase } from '../storage';
import { requireActor, type AppState } from './app-state';
import { refreshSyncStatus } from './sync-status';

export interface RatingInput {
  level: number;
  sub: { efficiency: number; skill: number; attitude: number };
  comment: string;
}

/** Statuses a case can be rated in (after 办结 or 送达). */
/** The villager may still rate after the township's follow-up call (回访). */
export const RATABLE_STATUSES = ['completed', 'delivered', 'followed_up'] as const;

export async function createRating(state: AppState, caseId: string, input: RatingInput): Promise<Rating> {
  const actor = requireActor(state);
  const now = state.deps.now();
  const stored = await getCase(caseId);
  if (!stored) throw new Error('找不到这个办件');
  if (!(RATABLE_STATUSES as readonly string[]).includes(stored.status)) throw new Error('办结或送达后才能评价');
  if (stored.baseVersion < 1) throw new Error('办件还没有同步到乡镇，暂不能评价');
  const rating = Rating.parse({
    id: uuidv7(now),
    caseId,
    level: input.level,
    sub: input.sub,
    comment: input.comment,
    ratedAt: now,
  });
  const mutation = Mutation.parse({
    id: uuidv7(now),
    deviceId: state.deviceId.value,
    createdAt: now,
    kind: 'rating.create',
    baseVersion: stored.baseVersion,
    payload: rating,
  });
  const audit = makeAudit({
    entity: 'rating',
    entityId: rating.id,
    caseId,
    action: 'rate',
    from: stored.status,
    to: 'rated',
    actor,
    deviceId: state.deviceId.value,
    at: now,
    detail:
      `${isBadRating(rating) ? '差评' : '评价'}：${rating.level} 星${rating.comment ? `，${rating.comment}` : ''}`.slice(
        0,
        1000,
      ),
  });
  await submitCase({ caseId, mutation, audit, status: 'rated', expectStatus: [...RATABLE_STATUSES], now });
  await refreshSyncStatus(state);
  void state.deps.syncNow?.().catch(() => undefined);
  return rating;
}
