// Applies one pushed mutation exactly once. The idempotency check, the change itself, its change
// feed rows, its audit events and the applied_mutations row all commit in one transaction, so a
// replay (lost response, second tablet tab, concurrent drain) finds the stored result instead.
import { chinaDate, type Mutation, type PushResult } from '../../domain';
import type { AuthUser } from '../auth/user';
import type { Store } from '../store';
import { UniqueViolation } from '../store/sql';
import type { MutationContext } from './context';
import { Rejected } from '../cases';
import { RetryLater } from './outcome';
import { applyResubmit, applySubmit } from './mutations/submission';
import { applyWithdraw } from './mutations/withdraw';
import { applySupply } from './mutations/supply';
import { applyRating } from './mutations/rate';

function handle(ctx: MutationContext, m: Mutation): Promise<PushResult> {
  switch (m.kind) {
    case 'case.submit':
      return applySubmit(ctx, m);
    case 'case.resubmit':
      return applyResubmit(ctx, m);
    case 'case.withdraw':
      return applyWithdraw(ctx, m);
    case 'tolerance.supply':
      return applySupply(ctx, m);
    case 'rating.create':
      return applyRating(ctx, m);
  }
}

export interface ApplyOptions {
  store: Store;
  user: AuthUser;
  deviceId: string;
  now: number;
  log?: (error: unknown) => void;
}

/** A stored result, or a conflict when someone else's mutation already used this id. */
function replay(stored: { userId: string; result: PushResult }, user: AuthUser, id: string): PushResult {
  if (stored.userId === user.id) return stored.result;
  return { id, status: 'rejected', code: 'mutation.id_conflict', message: '操作编号冲突，请联系管理员' };
}

export async function applyMutation(m: Mutation, o: ApplyOptions): Promise<PushResult> {
  const record = (tx: MutationContext['tx'], result: PushResult) =>
    tx.mutations.insert({
      mutationId: m.id,
      deviceId: m.deviceId,
      userId: o.user.id,
      kind: m.kind,
      result,
      appliedAt: o.now,
    });
  try {
    return await o.store.transaction(async (tx) => {
      const stored = await tx.mutations.get(m.id);
      if (stored) return replay(stored, o.user, m.id);
      const result = await handle({ tx, user: o.user, deviceId: o.deviceId, now: o.now, today: chinaDate(o.now) }, m);
      await record(tx, result);
      return result;
    });
  } catch (error) {
    if (error instanceof RetryLater) {
      const result: PushResult = { id: m.id, status: 'retry', code: error.code, message: error.message };
      if (error.missingBlobs) result.missingBlobs = error.missingBlobs;
      return result;
    }
    if (error instanceof Rejected) {
      // The attempt rolled back; the refusal itself is stored so a replay gets the same answer.
      const result: PushResult = { id: m.id, status: 'rejected', code: error.code, message: error.message };
      return o.store.transaction(async (tx) => {
        const stored = await tx.mutations.get(m.id);
        if (stored) return replay(stored, o.user, m.id);
        await record(tx, result);
        return result;
      });
    }
    if (error instanceof UniqueViolation) {
      // Another process (a PostgreSQL deployment) applied the same id first: answer with its result.
      const stored = await o.store.mutations.get(m.id);
      if (stored) return replay(stored, o.user, m.id);
    }
    o.log?.(error);
    return { id: m.id, status: 'retry', code: 'server.error', message: '乡镇服务器暂时无法处理，稍后会自动重试' };
  }
}
