// case.withdraw: the applicant changed their mind; allowed until the township accepts.
import type { Mutation } from '../../../domain';
import type { MutationContext } from '../context';
import { caseScope, loadOwnCase, requireCurrentVersion, step } from '../../cases';
import { okResult } from '../outcome';

type Withdraw = Extract<Mutation, { kind: 'case.withdraw' }>;

export async function applyWithdraw(ctx: MutationContext, m: Withdraw) {
  const current = await loadOwnCase(ctx, m.payload.caseId);
  requireCurrentVersion(current, m.baseVersion);
  const reason = m.payload.reason.trim();
  const moved = step(
    current.id,
    current.status,
    'withdraw',
    { role: 'agent', id: ctx.user.id },
    { at: m.createdAt, deviceId: m.deviceId, ...(reason && { detail: reason }) },
  );
  const c = { ...current, status: moved.status, version: current.version + 1, updatedAt: ctx.now };
  c.data = { ...c.data, status: c.status, baseVersion: c.version, updatedAt: ctx.now };
  await ctx.tx.cases.update(c);
  await ctx.tx.audit.insert(moved.event, ctx.now);
  await ctx.tx.changes.add(
    caseScope(c),
    { type: 'case.status', caseId: c.id, status: c.status, version: c.version, at: ctx.now },
    ctx.now,
  );
  return okResult(m.id, c.version);
}
