// The tablet's side of the review loop: the township's decisions on a case (pulled from the
// server), supplying a tolerated material before its due date (`tolerance.supply`), and the
// agent's "due soon" list. Everything is read from and written to the device first.
import { Material, Page, type Case } from '../../domain/schemas/case';
import { Mutation } from '../../domain/schemas/sync';
import { uuidv7 } from '../../domain/ids';
import type { Decision, Rectification } from '../../domain';
import { getCase, listCases, listDecisions, listRectifications, makeAudit, saveCaseWithMaterials } from '../../storage';
import { requireActor, type AppState } from '../app-state';
import { refreshSyncStatus } from '../sync-status';
import { dueSoon, type DueEntry } from './due-soon';

export interface ReviewNotes {
  decisions: Decision[];
  rectifications: Rectification[];
}

export async function loadReviewNotes(caseId: string): Promise<ReviewNotes> {
  const [decisions, rectifications] = await Promise.all([listDecisions(caseId), listRectifications(caseId)]);
  return { decisions, rectifications };
}

/**
 * The case's tolerance promises with the reviewer's due dates: the server sends them in the
 * accept-with-tolerance decision, not in the status change, so merge them here.
 */
export function toleranceWithDue(c: Pick<Case, 'tolerance'>, decisions: readonly Decision[]): Case['tolerance'] {
  const latest = [...decisions]
    .filter((d) => d.kind === 'accept-with-tolerance')
    .sort((a, b) => a.decidedAt - b.decidedAt)
    .at(-1);
  if (!latest) return c.tolerance;
  return latest.toleranceDue.map((due) => {
    const own = c.tolerance.find((t) => t.requirementId === due.requirementId);
    return { ...(own ?? { promisedBy: due.dueBy }), requirementId: due.requirementId, dueBy: due.dueBy };
  });
}

/** Overdue and due-soon deadlines of this agent's cases (promised limits and tolerance due dates). */
export async function loadDueSoon(state: AppState): Promise<DueEntry[]> {
  const running = await listCases({ status: ['accepted', 'accepted_tolerance'], limit: 500 });
  const withDue = await Promise.all(
    running.map(async (c) =>
      c.status === 'accepted_tolerance' ? { ...c, tolerance: toleranceWithDue(c, await listDecisions(c.id)) } : c,
    ),
  );
  return dueSoon(withDue, state.today.value);
}

/**
 * 补交容缺材料: photos for one tolerated material, saved with the material, its files, an audit
 * event and a `tolerance.supply` mutation in one transaction; sent on the next drain.
 */
export async function supplyToleratedMaterial(
  state: AppState,
  caseId: string,
  requirementId: string,
  files: readonly Blob[],
): Promise<Case> {
  if (files.length === 0) throw new Error('请先拍照或选择照片');
  const actor = requireActor(state);
  const c = await getCase(caseId);
  if (!c) throw new Error('找不到这个办件');
  if (c.status !== 'accepted_tolerance') throw new Error('这个办件不在“容缺受理”状态，无需补交');
  if (c.baseVersion < 1) throw new Error('办件还没有同步到乡镇，暂不能补交');
  const images = [];
  for (const file of files) images.push(await state.deps.processImage(file, {}, {}));
  const now = state.deps.now();
  const pages = images.map((img) =>
    Page.parse({
      sha256: img.sha256,
      mime: img.mime,
      bytes: img.bytes,
      capturedAt: now,
      quality: img.metrics, // all of it: the rules read each measure
    }),
  );
  const material = Material.parse({ id: uuidv7(now), caseId, requirementId, pages, data: {}, updatedAt: now });
  const mutation = Mutation.parse({
    id: uuidv7(now),
    deviceId: state.deviceId.value,
    createdAt: now,
    kind: 'tolerance.supply',
    baseVersion: c.baseVersion,
    payload: { caseId, material },
  });
  const tolerance = c.tolerance.some((t) => t.requirementId === requirementId)
    ? c.tolerance.map((t) => (t.requirementId === requirementId ? { ...t, suppliedAt: now } : t))
    : [...c.tolerance, { requirementId, promisedBy: state.today.value, suppliedAt: now }];
  const saved = await saveCaseWithMaterials({
    case: { ...c, tolerance, updatedAt: now },
    materials: [material],
    blobs: images.map((img) => ({ sha256: img.sha256, mime: img.mime, data: img.data })),
    audit: makeAudit({
      entity: 'material',
      entityId: material.id,
      caseId,
      action: 'tolerance-supplied',
      actor,
      deviceId: state.deviceId.value,
      at: now,
      detail: requirementId,
    }),
    mutation,
    expectStatus: ['accepted_tolerance'],
  });
  await refreshSyncStatus(state);
  void state.deps.syncNow?.().catch(() => undefined);
  return saved;
}
