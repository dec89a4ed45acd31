// case.submit and case.resubmit: the server re-checks everything the tablet checked — scope,
// consistency, every referenced file present, the item's rules — before the case reaches the
// township. A resubmission must be based on the server's current version (never merged).
import {
  countyOf,
  materialSignatures,
  townshipOf,
  type Case,
  type CaseSubmission,
  type Material,
  type Mutation,
  type Person,
} from '../../../domain';
import { workingDaysBetween } from '../../../domain/calendar';
import { mergePerson } from '../../../domain/persons/merge';
import { evaluate } from '../../../domain/rules';
import type { CaseRecord, Repositories } from '../../store';
import { visibilityOf } from '../../auth/user';
import type { MutationContext } from '../context';
import {
  caseScope,
  itemForCase,
  loadOwnCase,
  refuseIfWithdrawn,
  Rejected,
  requireAgent,
  requireCurrentVersion,
  step,
  systemActor,
} from '../../cases';
import { RetryLater, okResult } from '../outcome';
import { lookupHash } from '../../lookup/token-hash';
import { checkPersonDivision } from '../../divisions/service';

type Submit = Extract<Mutation, { kind: 'case.submit' }>;
type Resubmit = Extract<Mutation, { kind: 'case.resubmit' }>;

/** Every page and signature of a set of materials. */
export function materialBlobs(materials: readonly Material[]): string[] {
  const hashes = new Set<string>();
  for (const m of materials) {
    for (const p of m.pages) hashes.add(p.sha256);
    for (const s of materialSignatures(m)) hashes.add(s.sha256);
  }
  return [...hashes];
}

function checkConsistency(sub: CaseSubmission): void {
  const c = sub.case;
  const bad = (what: string) => new Rejected('case.inconsistent', `办件数据不一致：${what}，请重新打开办件后再提交`);
  if (sub.applicant.id !== c.applicantId) throw bad('申请人与办件不符');
  if (c.entrusterId !== undefined && sub.entruster?.id !== c.entrusterId) throw bad('委托人与办件不符');
  if (sub.materials.some((m) => m.caseId !== c.id)) throw bad('材料不属于这个办件');
  if (new Set(sub.materials.map((m) => m.id)).size !== sub.materials.length) throw bad('材料编号重复');
}

/** People are kept per village: a profile another village owns is never overwritten. Two devices'
 *  copies merge field by field (same field edited on both: kept as a conflict, see mergePerson). */
async function savePersons(tx: Repositories, people: Person[], villageCode: string, now: number): Promise<void> {
  const scope = { villageCode, townshipCode: townshipOf(villageCode), countyCode: countyOf(villageCode) };
  for (const p of people) {
    const existing = await tx.persons.get(p.id);
    if (existing && existing.villageCode !== villageCode)
      throw new Rejected('scope.forbidden', '该群众档案属于其他村，不能修改');
    const person = existing ? mergePerson(existing.person, p) : p;
    // A profile sent again unchanged (every submission carries its applicant) is not rewritten.
    if (existing && JSON.stringify(person) === JSON.stringify(existing.person)) continue;
    // What is stored must name a division the county's imported list holds (where it has one).
    await checkPersonDivision(tx, person);
    await tx.persons.upsert(person, villageCode, now);
    // The village's devices take the merged profile (another device's edits, open conflicts).
    await tx.changes.add(scope, { type: 'person', person }, now);
  }
}

/** Shared checks; resolves to the item, or throws Rejected / RetryLater. */
async function check(ctx: MutationContext, sub: CaseSubmission) {
  requireAgent(ctx);
  if (sub.case.villageCode !== ctx.user.villageCode) throw new Rejected('scope.forbidden', '只能提交本村的办件');
  checkConsistency(sub);
  // Evaluated against the version the case was opened with, not the newest one.
  const item = await itemForCase(ctx.tx.catalog, sub.case.itemCode, sub.case.itemVersion);

  // A file the agent neither uploaded nor may see counts as not uploaded: the device then sends
  // its bytes (proving it holds them), and nobody learns whether someone else stored it.
  const missing = await ctx.tx.blobs.unavailable(materialBlobs(sub.materials), ctx.user.id, visibilityOf(ctx.user));
  if (missing.length > 0)
    throw new RetryLater(
      'blob.missing',
      `还有 ${missing.length} 个照片或签名文件没有上传完成，上传后会自动重新提交`,
      missing,
    );

  // No place names here: the device checks the 个体户 name against the places it knows (its own
  // village, township and county); a server that knew more would refuse warnings the agent never saw.
  const report = evaluate({
    item,
    caseData: sub.case,
    applicant: sub.applicant,
    ...(sub.household && { household: sub.household }),
    materials: sub.materials,
    today: ctx.today,
    workingDaysBetween,
  });
  if (!report.canSubmit) {
    const problems = [
      ...report.findings.filter((f) => f.severity === 'error').map((f) => f.message),
      ...report.unacknowledged.map((f) => `（未确认的提醒）${f.message}`),
    ];
    throw new Rejected(
      'rules.failed',
      `乡镇服务器复核未通过：${problems.slice(0, 10).join('；')}${problems.length > 10 ? ` 等 ${problems.length} 项` : ''}`,
    );
  }
  return item;
}

/** The case as the server keeps it: the agent's data with the server's status and counters.
 *  The lookup token is left out: the server keeps only its hash (cases.lookup_hash). */
function serverCase(
  sub: CaseSubmission,
  c: Pick<CaseRecord, 'status' | 'version' | 'revision'>,
  now: number,
  agentId: string,
): Case {
  const { lookupToken: _token, ...data } = sub.case;
  return {
    ...data,
    status: c.status,
    revision: c.revision,
    baseVersion: c.version,
    submittedAt: now,
    agentId,
    updatedAt: now,
  };
}

async function record(
  ctx: MutationContext,
  m: Submit | Resubmit,
  c: CaseRecord,
  events: ReturnType<typeof step>['event'][],
): Promise<void> {
  const { tx, now } = ctx;
  const sub = m.payload;
  if ((await tx.materials.replaceForCase(c.id, sub.materials, now)) !== sub.materials.length) {
    throw new Rejected('case.inconsistent', '材料编号已被其他办件使用，请重新拍摄后再提交');
  }
  await tx.blobs.linkToCase(c.id, materialBlobs(sub.materials));
  // The first token sent stays: it is the one printed on the villager's receipt.
  if (sub.case.lookupToken) await tx.cases.setLookupHash(c.id, lookupHash(sub.case.lookupToken));
  await tx.cases.addRevision({
    caseId: c.id,
    revision: c.revision,
    submission: { ...sub, case: c.data },
    mutationId: m.id,
    submittedAt: now,
  });
  await tx.audit.insertAll(events, now);
  await tx.changes.add(
    caseScope(c),
    { type: 'case.status', caseId: c.id, status: c.status, version: c.version, at: now },
    now,
  );
}

export async function applySubmit(ctx: MutationContext, m: Submit) {
  const sub = m.payload;
  await check(ctx, sub);
  await refuseIfWithdrawn(ctx.tx.catalog, sub.case.itemCode, sub.case.createdAt);
  if (await ctx.tx.cases.get(sub.case.id))
    throw new Rejected('case.exists', '这个办件已经提交过了，如需修改请等待乡镇退回后重新提交');
  const agent = { role: 'agent' as const, id: ctx.user.id };
  const submitted = step(sub.case.id, 'ready', 'submit', agent, { at: m.createdAt, deviceId: m.deviceId });
  const synced = step(sub.case.id, submitted.status, 'sync-accepted', systemActor, { at: ctx.now, revision: 1 });

  const village = sub.case.villageCode;
  await savePersons(ctx.tx, [sub.applicant, ...(sub.entruster ? [sub.entruster] : [])], village, ctx.now);
  const counters = { status: synced.status, version: 1, revision: 1 };
  const c: CaseRecord = {
    id: sub.case.id,
    number: sub.case.number,
    itemCode: sub.case.itemCode,
    villageCode: village,
    townshipCode: townshipOf(village),
    countyCode: countyOf(village),
    agentId: ctx.user.id,
    applicantId: sub.applicant.id,
    ...counters,
    data: serverCase(sub, counters, ctx.now, ctx.user.id),
    dueOn: null,
    acceptedOn: null,
    suspendedOn: null,
    resumeStatus: null,
    submittedAt: ctx.now,
    updatedAt: ctx.now,
  };
  await ctx.tx.cases.insert(c);
  await record(ctx, m, c, [submitted.event, synced.event]);
  return okResult(m.id, c.version);
}

export async function applyResubmit(ctx: MutationContext, m: Resubmit) {
  const sub = m.payload;
  const current = await loadOwnCase(ctx, sub.case.id);
  requireCurrentVersion(current, m.baseVersion);
  if (
    sub.case.itemCode !== current.itemCode ||
    sub.case.itemVersion !== current.data.itemVersion ||
    sub.applicant.id !== current.applicantId
  ) {
    throw new Rejected('case.inconsistent', '重新提交不能更换事项或申请人，请新建办件');
  }
  const agent = { role: 'agent' as const, id: ctx.user.id };
  const resubmitted = step(current.id, current.status, 'resubmit', agent, { at: m.createdAt, deviceId: m.deviceId });
  await check(ctx, sub);
  const revision = current.revision + 1;
  const synced = step(current.id, resubmitted.status, 'sync-accepted', systemActor, { at: ctx.now, revision });

  await savePersons(ctx.tx, [sub.applicant, ...(sub.entruster ? [sub.entruster] : [])], current.villageCode, ctx.now);
  const counters = { status: synced.status, version: current.version + 1, revision };
  const c: CaseRecord = {
    ...current,
    ...counters,
    number: sub.case.number,
    data: serverCase(sub, counters, ctx.now, current.agentId),
    submittedAt: current.submittedAt,
    // The corrected materials arrived now: §32's five days to decide start again.
    receivedAt: ctx.now,
    updatedAt: ctx.now,
  };
  await ctx.tx.cases.update(c);
  await record(ctx, m, c, [resubmitted.event, synced.event]);
  return okResult(m.id, c.version);
}
