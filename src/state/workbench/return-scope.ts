// 退回补正 on the tablet: a returned case reopens ONLY what the reviewer flagged (material
// requirement ids and `field:<key>` targets of the newest return decision, pulled from the
// server). Everything else stays as submitted. Resubmitting needs every flagged item changed
// against the revision the reviewer saw: a page added or replaced, a new signature or changed
// typed data for a material; a different value for a field.
import { z } from 'zod';
import type { Case, Decision, Material, ServiceItem } from '../../domain';
import { getSetting, listDecisions, putSetting, type OutboxEntry } from '../../storage';
import type { AppState } from '../app-state';
import {
  flaggedFieldKeys,
  flaggedMaterialIds,
  latestReturn,
  reasonsByTarget,
  type TargetReasons,
} from '../reviewer/returned';
import type { RevisionMaterial, RevisionSnapshot } from '../reviewer/revision-diff';

/** A refused workbench action: stable code + Chinese message for the agent. */
export class WorkbenchError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WorkbenchError';
  }
}

export interface ReturnScope {
  /** The newest return decision; undefined while it has not reached this device. */
  decision: Decision | undefined;
  materials: ReadonlySet<string>;
  fields: ReadonlySet<string>;
  /** The submitted revision the reviewer returned: "changed" is measured against it. */
  baseline: RevisionSnapshot;
}

export interface FlaggedTarget extends TargetReasons {
  changed: boolean;
}

const snapshotOf = (c: Pick<Case, 'revision' | 'fields'>, materials: readonly Material[]): RevisionSnapshot => ({
  revision: c.revision,
  fields: { ...c.fields },
  materials: materials.map((m) => ({
    requirementId: m.requirementId,
    pages: m.pages.map((p) => ({ sha256: p.sha256 })),
    data: { ...m.data },
    ...(m.signature && { signature: { sha256: m.signature.sha256 } }),
    ...(m.signatures && { signatures: m.signatures.map((s) => ({ sha256: s.sha256 })) }),
  })),
});

/** The submission the decision was made on, as sent from this device (outbox rows are kept). */
function baselineFromOutbox(
  outbox: readonly OutboxEntry[],
  decision: Decision | undefined,
): RevisionSnapshot | undefined {
  const sent = outbox
    .map((o) => o.mutation)
    .flatMap((m) => (m.kind === 'case.submit' || m.kind === 'case.resubmit' ? [m.payload] : []))
    .filter((p) => !decision || p.case.revision <= decision.revision)
    .sort((a, b) => a.case.revision - b.case.revision);
  const payload = (decision && sent.find((p) => p.case.revision === decision.revision)) ?? sent.at(-1);
  return payload && snapshotOf(payload.case, payload.materials);
}

const StoredBaseline = z.object({
  revision: z.number(),
  fields: z.record(z.string(), z.string()),
  materials: z.array(
    z.object({
      requirementId: z.string(),
      pages: z.array(z.object({ sha256: z.string() })),
      data: z.record(z.string(), z.string()).optional(),
      signature: z.object({ sha256: z.string() }).optional(),
      signatures: z.array(z.object({ sha256: z.string() })).optional(),
    }),
  ),
});
const baselineKey = (caseId: string, decisionId: string | undefined) =>
  `returnBaseline:${caseId}:${decisionId ?? 'pending'}`;

/**
 * Reads the return decision and the baseline for a returned case. Without its outbox row (pruned,
 * or another install), the copy on the device when the case is first opened as returned is the
 * submitted one (nothing can change it in between): it is kept as the baseline.
 */
export async function loadReturnScope(
  c: Case,
  materials: readonly Material[],
  outbox: readonly OutboxEntry[],
): Promise<ReturnScope | null> {
  if (c.status !== 'returned') return null;
  const decision = latestReturn(await listDecisions(c.id));
  let baseline = baselineFromOutbox(outbox, decision);
  if (!baseline) {
    const key = baselineKey(c.id, decision?.id);
    baseline = await getSetting(key, StoredBaseline).catch(() => undefined);
    if (!baseline) {
      baseline = snapshotOf(c, materials);
      await putSetting(key, baseline);
    }
  }
  return {
    decision,
    materials: new Set(decision ? flaggedMaterialIds(decision) : []),
    fields: new Set(decision ? flaggedFieldKeys(decision) : []),
    baseline,
  };
}

function materialChanged(before: RevisionMaterial | undefined, now: Material | undefined): boolean {
  if (!now) return false;
  const old = new Set((before?.pages ?? []).map((p) => p.sha256));
  if (now.pages.some((p) => !old.has(p.sha256))) return true;
  if (now.signature && now.signature.sha256 !== before?.signature?.sha256) return true;
  const signedBefore = new Set((before?.signatures ?? []).map((s) => s.sha256));
  if ((now.signatures ?? []).some((s) => !signedBefore.has(s.sha256))) return true;
  const a = before?.data ?? {},
    b = now.data;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].some((k) => (a[k] ?? '') !== (b[k] ?? ''));
}

/** Each flagged material or field with the reviewer's reasons and whether it was changed. */
export function flaggedTargets(
  scope: ReturnScope,
  c: Case,
  materials: readonly Material[],
  item?: Pick<ServiceItem, 'materials' | 'fields'>,
): FlaggedTarget[] {
  if (!scope.decision) return [];
  const byReq = new Map(materials.map((m) => [m.requirementId, m] as const));
  const before = new Map(scope.baseline.materials.map((m) => [m.requirementId, m] as const));
  return reasonsByTarget(scope.decision, item).map((g) => ({
    ...g,
    changed:
      g.kind === 'field'
        ? (scope.baseline.fields[g.key] ?? '') !== (c.fields[g.key] ?? '')
        : materialChanged(before.get(g.key), byReq.get(g.key)),
  }));
}

/** Why a returned case cannot be resubmitted yet (null: nothing in the way). */
export function resubmitBlock(scope: ReturnScope | null, targets: readonly FlaggedTarget[]): string | null {
  if (!scope) return null;
  if (!scope.decision) return '退回原因还没有同步到本机：请先联网同步，再按原因修改';
  const left = targets.filter((t) => !t.changed);
  if (left.length === 0) return null;
  return `还有 ${left.length} 项退回的内容没有修改：${left.map((t) => t.label).join('、')}`;
}

/** On a returned case, this material is not flagged: it stays as submitted. */
export function isMaterialLocked(state: AppState, requirementId: string): boolean {
  const scope = state.workbench.returnScope.value;
  return state.workbench.record.value?.status === 'returned' && (!scope || !scope.materials.has(requirementId));
}

/** On a returned case, this form field is not flagged: it stays as submitted. */
export function isFieldLocked(state: AppState, key: string): boolean {
  const scope = state.workbench.returnScope.value;
  return state.workbench.record.value?.status === 'returned' && (!scope || !scope.fields.has(key));
}

export function assertMaterialEditable(state: AppState, requirementId: string): void {
  if (!isMaterialLocked(state, requirementId)) return;
  const name = state.workbench.item.value?.materials.find((m) => m.id === requirementId)?.name ?? '这份材料';
  throw new WorkbenchError(
    'return.material_not_flagged',
    `“${name}”乡镇没有要求修改：退回补正时只能修改审核员标出的材料和填写项`,
  );
}

export function assertFieldEditable(state: AppState, key: string): void {
  if (!isFieldLocked(state, key)) return;
  const label = state.workbench.item.value?.fields.find((f) => f.key === key)?.label ?? key;
  throw new WorkbenchError(
    'return.field_not_flagged',
    `“${label}”乡镇没有要求修改：退回补正时只能修改审核员标出的材料和填写项`,
  );
}
