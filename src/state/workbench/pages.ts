// Photos of paper materials: capture (through the image worker), replace, reorder, delete.
// Each page and its file are written in one transaction with an audit event, through
// writeMaterial so typing in the same material meanwhile is never lost.
import { type Page, Page as PageSchema } from '../../domain';
import { makeAudit } from '../../storage';
import { requireActor, showToast, type AppState } from '../app-state';
import type { ProcessedImage } from '../deps';
import { isSpaceLow } from '../storage-info';
import { counted } from './edit';
import { writeMaterial } from './material-write';
import { attachToProfileIfMissing } from './profile-photos';
import { assertMaterialEditable } from './return-scope';

function requirementOf(state: AppState, requirementId: string) {
  const r = state.workbench.item.value?.materials.find((m) => m.id === requirementId);
  if (!r) throw new Error('事项中没有这份材料');
  return r;
}

const pageOf = (img: ProcessedImage, now: number): Page =>
  PageSchema.parse({
    sha256: img.sha256,
    mime: img.mime,
    bytes: img.bytes,
    capturedAt: now,
    quality: img.metrics, // all of it: the rules read each measure
  });

/** Runs one file through the worker while the UI shows its progress under the material. */
async function processWithProgress(
  state: AppState,
  requirementId: string,
  file: Blob,
  label: string,
): Promise<ProcessedImage> {
  const wb = state.workbench;
  const entry = { progress: undefined as number | undefined, label };
  let done = false;
  // Progress messages from the worker may arrive after its result: once done, ignore them.
  const update = () => {
    if (!done)
      wb.captures.value = {
        ...wb.captures.value,
        [requirementId]: [...(wb.captures.value[requirementId] ?? []).filter((e) => e !== entry), entry],
      };
  };
  update();
  try {
    return await state.deps.processImage(
      file,
      {},
      {
        onProgress: (f) => {
          entry.progress = f;
          update();
        },
      },
    );
  } finally {
    done = true;
    const left = (wb.captures.value[requirementId] ?? []).filter((e) => e !== entry);
    const { [requirementId]: _gone, ...rest } = wb.captures.value;
    wb.captures.value = left.length ? { ...rest, [requirementId]: left } : rest;
  }
}

async function warnIfSpaceLow(state: AppState): Promise<void> {
  if (await isSpaceLow(state).catch(() => false))
    showToast(state, 'warning', '本机存储空间不足 50 MB：请尽快联网同步，否则新照片可能存不下');
}

/** Adds photos as new pages, in the order picked; unsaved from the pick until the last is stored. */
export const addPhotos = counted(add);

async function add(state: AppState, requirementId: string, files: readonly Blob[]): Promise<void> {
  const wb = state.workbench;
  const c = wb.record.value;
  if (!c || !wb.editable.value) return;
  assertMaterialEditable(state, requirementId);
  const actor = requireActor(state);
  const requirement = requirementOf(state, requirementId);
  await warnIfSpaceLow(state);
  for (const [i, file] of files.entries()) {
    const img = await processWithProgress(
      state,
      requirementId,
      file,
      files.length > 1 ? `正在处理第 ${i + 1}/${files.length} 张` : '正在处理照片',
    );
    const now = state.deps.now();
    const elsewhere = photoAlreadyIn(state, img.sha256, requirementId);
    // Set inside the write: the material as it is when the write runs decides (same photo = no page).
    let duplicate: number | undefined;
    await writeMaterial(
      state,
      requirementId,
      (m) => {
        const at = m.pages.findIndex((p) => p.sha256 === img.sha256);
        duplicate = at >= 0 ? at : undefined;
        return at >= 0 ? undefined : { ...m, pages: [...m.pages, pageOf(img, now)] };
      },
      {
        blobs: [{ sha256: img.sha256, mime: img.mime, data: img.data }],
        audit: makeAudit({
          entity: 'material',
          entityId: requirementId,
          caseId: c.id,
          action: 'material.page-add',
          actor,
          deviceId: state.deviceId.value,
          at: now,
          detail: requirement.name,
        }),
      },
    );
    if (duplicate !== undefined)
      showToast(state, 'warning', `这张照片已经添加过：在「${requirement.name}」第 ${duplicate + 1} 页，没有重复添加`);
    else if (elsewhere)
      showToast(state, 'warning', `这张照片也在「${elsewhere.name}」第 ${elsewhere.page} 页中，请确认没有拍错材料`);
    await attachToProfileIfMissing(state, requirement, img);
  }
}

/** Another material of this case that already has the photo (same SHA-256), and on which page. */
function photoAlreadyIn(state: AppState, sha256: string, exceptRequirement: string) {
  const wb = state.workbench;
  for (const r of wb.item.value?.materials ?? []) {
    if (r.id === exceptRequirement) continue;
    const at = wb.materialByRequirement.value.get(r.id)?.pages.findIndex((p) => p.sha256 === sha256) ?? -1;
    if (at >= 0) return { name: r.name, page: at + 1 };
  }
  return undefined;
}

/** Retake: the new photo takes the old page's place (same position, old file left for cleanup). */
export const replacePage = counted(replace);

async function replace(state: AppState, requirementId: string, index: number, file: Blob): Promise<void> {
  const wb = state.workbench;
  const c = wb.record.value;
  const existing = wb.materialByRequirement.value.get(requirementId);
  if (!c || !wb.editable.value || !existing?.pages[index]) return;
  assertMaterialEditable(state, requirementId);
  const actor = requireActor(state);
  const requirement = requirementOf(state, requirementId);
  await warnIfSpaceLow(state);
  const img = await processWithProgress(state, requirementId, file, `正在处理重拍的第 ${index + 1} 页`);
  const now = state.deps.now();
  await writeMaterial(
    state,
    requirementId,
    (m) => (m.pages[index] ? { ...m, pages: m.pages.map((p, i) => (i === index ? pageOf(img, now) : p)) } : undefined),
    {
      blobs: [{ sha256: img.sha256, mime: img.mime, data: img.data }],
      audit: makeAudit({
        entity: 'material',
        entityId: requirementId,
        caseId: c.id,
        action: 'material.page-replace',
        actor,
        deviceId: state.deviceId.value,
        at: now,
        detail: `${requirement.name} 第${index + 1}页`,
      }),
    },
  );
  await attachToProfileIfMissing(state, requirement, img);
}

/** Moves a page one place up (-1) or down (+1): buttons, not only drag, for unsteady hands. */
export async function movePage(state: AppState, requirementId: string, index: number, delta: -1 | 1): Promise<void> {
  const wb = state.workbench;
  const m = wb.materialByRequirement.value.get(requirementId);
  const to = index + delta;
  if (!m || !wb.editable.value || to < 0 || to >= m.pages.length) return;
  assertMaterialEditable(state, requirementId);
  await writeMaterial(state, requirementId, (cur) => {
    if (to >= cur.pages.length || !cur.pages[index]) return undefined;
    const pages = [...cur.pages];
    const [moved] = pages.splice(index, 1);
    pages.splice(to, 0, moved!);
    return { ...cur, pages };
  });
}

export async function deletePage(state: AppState, requirementId: string, sha256: string): Promise<void> {
  const wb = state.workbench;
  const c = wb.record.value;
  const m = wb.materialByRequirement.value.get(requirementId);
  if (!c || !m || !wb.editable.value) return;
  assertMaterialEditable(state, requirementId);
  const actor = requireActor(state);
  const now = state.deps.now();
  await writeMaterial(
    state,
    requirementId,
    (cur) =>
      cur.pages.some((p) => p.sha256 === sha256)
        ? { ...cur, pages: cur.pages.filter((p) => p.sha256 !== sha256) }
        : undefined,
    {
      audit: makeAudit({
        entity: 'material',
        entityId: requirementId,
        caseId: c.id,
        action: 'material.page-delete',
        actor,
        deviceId: state.deviceId.value,
        at: now,
      }),
    },
  );
}
