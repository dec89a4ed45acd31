// Submitting = one storage transaction: status queued + audit events + an outbox row carrying a
// `case.submit` (or `case.resubmit`) mutation with everything the server needs to re-run the
// rules. Until synced the case can be recalled to editing.
import { type Actor, type AuditEvent, type Case, Mutation, type Person, uuidv7 } from '../../domain';
import { transition } from '../../domain/state-machine';
import { newLookupToken } from '../../domain/lookup/token';
import { listCaseOutbox, listMaterials, saveCaseWithMaterials } from '../../storage';
import { recallQueuedCase } from '../../storage/recall';
import { requireActor, type AppState } from '../app-state';
import { refreshSyncStatus } from '../sync-status';
import { flushCaseSave, queueSave } from './edit';
import { WorkbenchError } from './return-scope';

/** The pre-check is the rules engine on this device: its audit events carry the system actor. */
const PRECHECK_ACTOR: Actor = { role: 'system', id: 'precheck' };

export async function submitOpenCase(state: AppState): Promise<Case> {
  const wb = state.workbench;
  await flushCaseSave(state);
  const c = wb.record.value,
    applicant = wb.applicant.value,
    report = wb.report.value;
  if (!c || !applicant || !report) throw new Error('办件没有打开');
  const block = wb.returnBlock.value;
  if (block) throw new WorkbenchError('return.unchanged', block);
  if (!report.canSubmit)
    throw new Error(
      report.errors > 0 ? `还有 ${report.errors} 个问题必须先解决` : '还有提醒没有确认，请逐条阅读并勾选“已核实”',
    );
  const actor = requireActor(state);
  const now = state.deps.now();
  const ctx = (i: number) => ({ caseId: c.id, at: now, eventId: uuidv7(now + i), deviceId: state.deviceId.value });

  const events: AuditEvent[] = [];
  let status = c.status;
  let kind: 'case.submit' | 'case.resubmit';
  if (status === 'returned') {
    const t = transition(status, 'resubmit', actor, ctx(0));
    events.push(t.event);
    status = t.status;
    kind = 'case.resubmit';
  } else {
    if (status === 'draft') {
      const pre = transition(status, 'precheck-pass', PRECHECK_ACTOR, ctx(0));
      events.push(pre.event);
      status = pre.status;
    }
    const t = transition(status, 'submit', actor, ctx(1));
    events.push(t.event);
    status = t.status;
    kind = 'case.submit';
  }
  if (kind === 'case.resubmit' && c.baseVersion < 1)
    throw new Error('这个办件没有乡镇的版本号，无法重新提交，请先同步');

  // A case from before lookup tokens gets one now: the receipt printed after this shows it.
  const lookupToken = c.lookupToken ?? newLookupToken();
  const next: Case = { ...c, lookupToken, status, revision: c.revision + 1, submittedAt: now, updatedAt: now };
  const materials = await listMaterials(c.id);
  const entruster: Person | null = wb.entruster.value;
  const mutation = Mutation.parse({
    id: uuidv7(now),
    deviceId: state.deviceId.value,
    createdAt: now,
    kind,
    baseVersion: kind === 'case.submit' ? 0 : c.baseVersion,
    payload: { case: next, materials, applicant, ...(entruster && { entruster }), household: wb.household.value },
  });
  const saved = await queueSave(state, () =>
    saveCaseWithMaterials({ case: next, audit: events, mutation, expectStatus: [c.status] }),
  );
  wb.record.value = saved;
  wb.outbox.value = await listCaseOutbox(c.id);
  await refreshSyncStatus(state);
  void state.deps.syncNow?.().catch(() => undefined);
  return saved;
}

/** 撤回修改: takes a queued case back before the server has it. */
export async function recallOpenCase(state: AppState): Promise<Case> {
  const wb = state.workbench;
  const c = wb.record.value;
  if (!c || c.status !== 'queued') throw new Error('只有“待同步”的办件可以撤回修改');
  const actor = requireActor(state);
  const now = state.deps.now();
  const t = transition(c.status, 'recall', actor, {
    caseId: c.id,
    at: now,
    eventId: uuidv7(now),
    deviceId: state.deviceId.value,
    revision: c.revision,
  });
  const revision = Math.max(0, c.revision - 1);
  const { submittedAt: _s, ...rest } = c;
  const next: Case = {
    ...rest,
    status: t.status,
    revision,
    ...(revision > 0 && c.submittedAt !== undefined && { submittedAt: c.submittedAt }),
    updatedAt: now,
  };
  const saved = await queueSave(state, () => recallQueuedCase(next, t.event));
  wb.record.value = saved;
  wb.outbox.value = await listCaseOutbox(c.id);
  await refreshSyncStatus(state);
  return saved;
}
