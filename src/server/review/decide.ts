// A reviewer's decision on a case, applied once: the state machine moves the case, the dates
// follow from the item's promised limit in working days, and a change row carries the decision
// to the agent's tablet on its next pull. The decision id is made by the reviewer's browser, so
// resending after a dropped connection returns the first answer instead of deciding twice.
import {
  chinaDate,
  REASON_LABELS,
  type CaseStatus,
  type Decision,
  type ServiceItem,
  type TolerancePromise,
} from '../../domain';
import { workingDaysBetween } from '../../domain/calendar';
import { daysBetween } from '../../domain/dates';
import type { CaseAction } from '../../domain/state-machine';
import type { AuthUser } from '../auth/user';
import { canSee } from '../auth/user';
import type { CaseRecord, Repositories, Store } from '../store';
import { ApiFailure, conflict, forbidden, notFound, unprocessable } from '../http/errors';
import { caseScope, Rejected, step } from '../cases';
import {
  checkToleranceDue,
  dueDateFor,
  followUpSummary,
  misfitReasons,
  resumedDueDate,
  returnCloseWindow,
  returnTargetName,
  toleranceWindow,
} from '../../domain/review';
import type { DecisionOutcome } from '../../domain/api';
import { DEFAULT_LIFECYCLE, type LifecycleSettings } from '../config';
import type { Step } from '../cases/audit';

const ACTIONS: Record<Decision['kind'], CaseAction> = {
  accept: 'accept',
  return: 'return',
  'accept-with-tolerance': 'accept-with-tolerance',
  suspend: 'suspend',
  resume: 'resume',
  complete: 'complete',
  deliver: 'deliver',
  terminate: 'terminate',
  'confirm-supplied': 'confirm-supplied',
  refuse: 'refuse',
  'close-returned': 'close-returned',
  'expire-tolerance': 'expire-tolerance',
  'follow-up': 'follow-up',
  archive: 'archive',
};

/** A returned case is not touched on the server until it comes back: its last update is the return. */
export const returnedOn = (c: Pick<CaseRecord, 'updatedAt'>) => chinaDate(c.updatedAt);

const summary = (c: CaseRecord): DecisionOutcome['case'] => ({
  id: c.id,
  status: c.status,
  version: c.version,
  revision: c.revision,
  acceptedOn: c.acceptedOn,
  dueOn: c.dueOn,
});

/** The return's reasons as the case's history shows them: 近期免冠1寸照片：照片模糊（…）；… */
function returnDetail(d: Decision, item: ServiceItem): string {
  return d.reasons
    .map((r) => `${returnTargetName(item, r.target)}：${REASON_LABELS[r.code]}${r.text ? `（${r.text}）` : ''}`)
    .join('；')
    .slice(0, 1000);
}

/** The tolerance promises after an accept-with-tolerance, each with the reviewer's due date. */
function tolerancePromises(d: Decision, item: ServiceItem, c: CaseRecord, today: string): TolerancePromise[] {
  if (!item.toleranceAllowed) throw unprocessable('tolerance.not_allowed', `“${item.name}”不允许容缺受理`);
  if (d.toleranceDue.length === 0) throw unprocessable('tolerance.none', '请选择容缺的材料并填写补齐期限');
  const window = toleranceWindow(today, item, item.maxToleranceDays);
  const seen = new Set<string>();
  const problems: { requirementId: string; message: string }[] = [];
  for (const due of d.toleranceDue) {
    const requirement = item.materials.find((r) => r.id === due.requirementId);
    if (!requirement || requirement.requirement !== 'tolerable')
      problems.push({
        requirementId: due.requirementId,
        message: `“${requirement?.name ?? due.requirementId}”不是可容缺的材料`,
      });
    else if (seen.has(due.requirementId))
      problems.push({ requirementId: due.requirementId, message: `“${requirement.name}”重复` });
    else {
      const problem = checkToleranceDue(due.dueBy, window);
      if (problem)
        problems.push({ requirementId: due.requirementId, message: `“${requirement.name}”：${problem.message}` });
    }
    seen.add(due.requirementId);
  }
  if (problems.length > 0)
    throw unprocessable('tolerance.due_invalid', problems.map((p) => p.message).join('；'), { problems, window });
  return d.toleranceDue.map((due) => {
    const claimed = c.data.tolerance.find((t) => t.requirementId === due.requirementId);
    return { ...(claimed ?? { promisedBy: due.dueBy }), requirementId: due.requirementId, dueBy: due.dueBy };
  });
}

/** A return's reasons must fit their targets, as the reviewer's form offers them (reasonsFor). */
function refuseMisfitReasons(d: Decision, item: ServiceItem): void {
  const misfits = misfitReasons(item, d.reasons);
  if (misfits.length === 0) return;
  const unknown = misfits.some((m) => m.problem === 'unknown-target');
  throw unprocessable(
    unknown ? 'decision.reason_unknown_target' : 'decision.reason_not_applicable',
    `退回原因与退回对象不符：${misfits.map((m) => m.message).join('；')}`,
    { problems: misfits },
  );
}

/** The decision's effect on the case record, before the state machine's status is applied. */
function applyKind(
  d: Decision,
  c: CaseRecord,
  item: ServiceItem,
  today: string,
  now: number,
  lifecycle: LifecycleSettings,
): Partial<CaseRecord> & { detail?: string; to?: CaseStatus } {
  switch (d.kind) {
    case 'accept':
      return { acceptedOn: today, dueOn: dueDateFor(item, today) };
    case 'accept-with-tolerance':
      return {
        acceptedOn: today,
        dueOn: dueDateFor(item, today),
        data: { ...c.data, tolerance: tolerancePromises(d, item, c, today) },
      };
    case 'return':
      if (d.reasons.length === 0)
        throw unprocessable('decision.reasons_required', '退回补正必须至少写明一条原因（一次性告知）');
      refuseMisfitReasons(d, item);
      return { detail: returnDetail(d, item) };
    case 'suspend':
      return { suspendedOn: today, resumeStatus: c.status, ...(d.note !== undefined && { detail: d.note }) };
    case 'resume': {
      // 中止 stops the clock: the due date moves by the days (in the item's unit) the case stood still.
      const stood = c.suspendedOn
        ? {
            workingDays: Math.max(0, workingDaysBetween(c.suspendedOn, today)),
            calendarDays: Math.max(0, daysBetween(c.suspendedOn, today)),
          }
        : { workingDays: 0, calendarDays: 0 };
      return {
        suspendedOn: null,
        resumeStatus: null,
        dueOn: c.dueOn && stood.calendarDays > 0 ? resumedDueDate(item, c.dueOn, stood) : c.dueOn,
        to: c.resumeStatus ?? 'accepted',
      };
    }
    case 'complete':
      if (!d.outcome?.trim()) throw unprocessable('decision.outcome_required', '办结必须填写办理结果');
      if (!d.delivery)
        throw unprocessable('decision.delivery_required', '办结必须选择送达方式（邮寄或到村代办点领取）');
      return { detail: d.outcome };
    case 'deliver':
      return {};
    case 'terminate':
      return d.note !== undefined ? { detail: d.note } : {};
    case 'confirm-supplied':
      return {
        data: { ...c.data, tolerance: c.data.tolerance.map((t) => (t.suppliedAt ? t : { ...t, suppliedAt: now })) },
      };
    case 'refuse': {
      // 行政许可法 §32(1)(2): the applicant is told why and under which provision, in writing.
      const reason = d.note?.trim();
      const basis = d.legalBasis?.trim();
      if (!reason) throw unprocessable('decision.note_required', '不予受理必须写明原因');
      if (!basis)
        throw unprocessable(
          'decision.legal_basis_required',
          '不予受理必须写明法律依据，如《行政许可法》第三十二条第一款第二项',
        );
      return { detail: `${reason}（依据：${basis}）` };
    }
    case 'close-returned': {
      if (c.status !== 'returned') return { detail: d.note ?? '' }; // the state machine refuses it
      const w = returnCloseWindow(returnedOn(c), lifecycle.returnCloseDays, today);
      if (!w.closable)
        throw unprocessable(
          'decision.return_wait',
          `退回补正后须等满 ${lifecycle.returnCloseDays} 个工作日，${w.closableFrom} 起才能关闭`,
          w,
        );
      return {
        detail:
          d.note?.trim() || `${w.returnedOn} 退回补正后 ${lifecycle.returnCloseDays} 个工作日内未重新提交，办件关闭`,
      };
    }
    case 'expire-tolerance':
      // Only the server's job writes this kind (lifecycle-job.ts); decide() refuses it before here.
      return {};
    case 'follow-up':
      if (!d.followUp) throw unprocessable('decision.follow_up_required', '回访必须填写是否联系上申请人及结果');
      return { detail: followUpSummary(d.followUp) };
    case 'archive':
      return {};
  }
}

/** Writes a decision's effects: the case row, the decision, its audit event and the two change
 *  rows that carry both to the agent's tablet. Shared with the server's own decisions. */
export async function recordDecision(
  tx: Repositories,
  current: CaseRecord,
  changes: Partial<CaseRecord>,
  moved: Step,
  decision: Decision,
  now: number,
): Promise<CaseRecord> {
  const c: CaseRecord = { ...current, ...changes, status: moved.status, version: current.version + 1, updatedAt: now };
  c.data = {
    ...c.data,
    status: c.status,
    baseVersion: c.version,
    updatedAt: now,
    ...(c.acceptedOn ? { acceptedOn: c.acceptedOn } : {}),
    ...(c.dueOn ? { dueOn: c.dueOn } : {}),
  };
  await tx.cases.update(c);
  await tx.decisions.insert(decision, c.version, now);
  await tx.audit.insert(moved.event, now);
  const scope = caseScope(c);
  await tx.changes.append(scope, { type: 'decision', caseId: c.id, decision, version: c.version }, now);
  await tx.changes.append(
    scope,
    {
      type: 'case.status',
      caseId: c.id,
      status: c.status,
      version: c.version,
      at: now,
      ...(c.dueOn ? { dueOn: c.dueOn } : {}),
      ...(c.acceptedOn ? { acceptedOn: c.acceptedOn } : {}),
    },
    now,
  );
  return c;
}

async function applyDecision(
  tx: Repositories,
  input: Decision,
  user: AuthUser,
  now: number,
  lifecycle: LifecycleSettings,
): Promise<DecisionOutcome> {
  const prior = await tx.decisions.get(input.id);
  if (prior) {
    if (prior.decision.caseId !== input.caseId || prior.decision.kind !== input.kind)
      throw conflict('decision.id_conflict', '决定编号已被另一个决定使用，请刷新后重试');
    const c = await tx.cases.get(input.caseId);
    if (!c) throw notFound('case.not_found', '办件不存在');
    return { decision: prior.decision, case: { ...summary(c), version: prior.versionAfter }, replayed: true };
  }
  const current = await tx.cases.get(input.caseId);
  if (!current || !canSee(user, current)) throw notFound('case.not_found', '办件不存在或不在本乡镇');
  if (input.revision !== current.revision) {
    throw conflict('decision.stale_revision', `办件已更新为第 ${current.revision} 次提交，请刷新后重新审核`, {
      revision: current.revision,
      version: current.version,
    });
  }
  const item =
    (await tx.catalog.version(current.itemCode, current.data.itemVersion)) ?? (await tx.catalog.get(current.itemCode));
  if (!item) throw new ApiFailure(409, 'catalog.unknown_item', '事项已不在事项清单中，请联系县级管理员');

  const today = chinaDate(now);
  const decision: Decision = { ...input, reviewerId: user.id };
  const { detail, to, ...changes } = applyKind(decision, current, item, today, now, lifecycle);
  // The agent's tablet shows the decision's note: a closing without one carries the generated reason.
  if (decision.kind === 'close-returned' && !decision.note?.trim() && detail) decision.note = detail;
  let moved;
  try {
    moved = step(
      current.id,
      current.status,
      ACTIONS[decision.kind],
      { role: 'reviewer', id: user.id },
      { at: now, ...(detail !== undefined && { detail }), ...(to && { to }) },
    );
  } catch (error) {
    if (!(error instanceof Rejected)) throw error;
    const needsDetail = decision.kind === 'suspend' || decision.kind === 'terminate';
    if (needsDetail && !decision.note?.trim())
      throw unprocessable(
        'decision.note_required',
        decision.kind === 'suspend' ? '中止必须写明原因' : '终止必须写明原因',
      );
    throw conflict(error.code, error.message);
  }
  const c = await recordDecision(tx, current, changes, moved, decision, now);
  return { decision, case: summary(c), replayed: false };
}

export async function decide(
  store: Store,
  input: Decision,
  user: AuthUser,
  now: number,
  lifecycle: LifecycleSettings = DEFAULT_LIFECYCLE,
): Promise<DecisionOutcome> {
  if (user.role !== 'reviewer') throw forbidden('只有乡镇审核员可以作出审核决定');
  if (input.kind === 'expire-tolerance')
    throw new ApiFailure(
      403,
      'decision.system_only',
      '容缺逾期终止由系统按期限自动执行；如需提前终止，请选择“终止”并写明原因',
    );
  return store.transaction((tx) => applyDecision(tx, input, user, now, lifecycle));
}
