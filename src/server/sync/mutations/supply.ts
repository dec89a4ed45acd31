// tolerance.supply: a material promised under 容缺受理 arrives. The case stays accepted with
// tolerance until the reviewer confirms (decision confirm-supplied). Checked by state, not by
// version: supplying two materials in a row from one tablet must not conflict with itself.
import { uuidv7, type Mutation } from '../../../domain';
import { visibilityOf } from '../../auth/user';
import type { MutationContext } from '../context';
import { caseScope, loadOwnCase, Rejected } from '../../cases';
import { RetryLater, okResult } from '../outcome';
import { materialBlobs } from './submission';

type Supply = Extract<Mutation, { kind: 'tolerance.supply' }>;

export async function applySupply(ctx: MutationContext, m: Supply) {
  const current = await loadOwnCase(ctx, m.payload.caseId);
  const material = m.payload.material;
  if (current.status !== 'accepted_tolerance')
    throw new Rejected('tolerance.not_pending', '这个办件当前不在“容缺受理”状态，无需补交材料');
  if (material.caseId !== current.id) throw new Rejected('case.inconsistent', '材料不属于这个办件');
  const promise = current.data.tolerance.find((t) => t.requirementId === material.requirementId);
  if (!promise) throw new Rejected('tolerance.not_promised', '这份材料不在容缺补交清单中');
  const hashes = materialBlobs([material]);
  const missing = await ctx.tx.blobs.unavailable(hashes, ctx.user.id, visibilityOf(ctx.user)); // see submission.ts
  if (missing.length > 0)
    throw new RetryLater(
      'blob.missing',
      `补交材料还有 ${missing.length} 个文件没有上传完成，上传后会自动重新提交`,
      missing,
    );

  if (!(await ctx.tx.materials.upsert(material, ctx.now)))
    throw new Rejected('case.inconsistent', '材料编号已被其他办件使用');
  await ctx.tx.blobs.linkToCase(current.id, hashes);
  const tolerance = current.data.tolerance.map((t) =>
    t.requirementId === material.requirementId ? { ...t, suppliedAt: ctx.now } : t,
  );
  const c = { ...current, version: current.version + 1, updatedAt: ctx.now };
  c.data = { ...c.data, tolerance, baseVersion: c.version, updatedAt: ctx.now };
  await ctx.tx.cases.update(c);
  await ctx.tx.audit.insert(
    {
      id: uuidv7(ctx.now),
      entity: 'material',
      entityId: material.id,
      caseId: c.id,
      action: 'tolerance-supplied',
      actor: { role: 'agent', id: ctx.user.id },
      at: m.createdAt,
      deviceId: m.deviceId,
      detail: material.requirementId,
    },
    ctx.now,
  );
  await ctx.tx.changes.add(
    caseScope(c),
    { type: 'case.status', caseId: c.id, status: c.status, version: c.version, at: ctx.now },
    ctx.now,
  );
  return okResult(m.id, c.version);
}
