// rating.create: the villager's 好差评 for a finished case. One rating per case; a bad rating
// (不满意 / 非常不满意) opens a rectification with a deadline that the township must close.
import { isBadRating, uuidv7, type Mutation, type Rectification } from '../../../domain';
import { addWorkingDays } from '../../../domain/calendar';
import type { MutationContext } from '../context';
import { caseScope, loadOwnCase, Rejected, step } from '../../cases';
import { okResult } from '../outcome';

type Rate = Extract<Mutation, { kind: 'rating.create' }>;

/** Call-back and fix within 10 working days (GB/T 39735 leaves 5–15 to the locality). */
export const RECTIFICATION_WORKING_DAYS = 10;

export async function applyRating(ctx: MutationContext, m: Rate) {
  const rating = m.payload;
  const current = await loadOwnCase(ctx, rating.caseId);
  if (await ctx.tx.ratings.forCase(current.id))
    throw new Rejected('rating.exists', '这个办件已经评价过了，每个办件只能评价一次');
  const moved = step(
    current.id,
    current.status,
    'rate',
    { role: 'agent', id: ctx.user.id },
    { at: m.createdAt, deviceId: m.deviceId },
  );

  const c = { ...current, status: moved.status, version: current.version + 1, updatedAt: ctx.now };
  c.data = { ...c.data, status: c.status, baseVersion: c.version, updatedAt: ctx.now };
  await ctx.tx.ratings.insert(rating, ctx.now);
  await ctx.tx.cases.update(c);
  await ctx.tx.audit.insert(moved.event, ctx.now);
  const scope = caseScope(c);
  await ctx.tx.changes.add(
    scope,
    { type: 'case.status', caseId: c.id, status: c.status, version: c.version, at: ctx.now },
    ctx.now,
  );

  if (isBadRating(rating)) {
    const rectification: Rectification = {
      id: uuidv7(ctx.now),
      caseId: c.id,
      ratingId: rating.id,
      dueBy: addWorkingDays(ctx.today, RECTIFICATION_WORKING_DAYS),
      status: 'open',
    };
    await ctx.tx.rectifications.insert(rectification, ctx.now);
    await ctx.tx.audit.insert(
      {
        id: uuidv7(ctx.now),
        entity: 'rectification',
        entityId: rectification.id,
        caseId: c.id,
        action: 'rectification-opened',
        actor: { role: 'system', id: 'server' },
        at: ctx.now,
        detail: `差评整改，限 ${rectification.dueBy} 前回访并整改`,
      },
      ctx.now,
    );
    await ctx.tx.changes.add(scope, { type: 'rectification', caseId: c.id, rectification }, ctx.now);
  }
  return okResult(m.id, c.version);
}
