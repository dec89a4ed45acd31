// Writes of a material's pages or signature. The agent may type into the same material's data
// fields while its photo is processed or saved; so the change is applied, inside the case's write
// queue, to the material as it is in memory *when the write runs*, touches only pages or the
// signature, and keeps whatever was typed meanwhile. A failed write puts the old pages and
// signature back (typed data stays, still marked unsaved).
import { type AuditEvent, type Material, uuidv7 } from '../../domain';
import { type NewBlob, saveCaseWithMaterials } from '../../storage';
import type { AppState } from '../app-state';
import { markMaterialDirty, queueSave } from './edit';
import { assertMaterialEditable } from './return-scope';

export interface MaterialWriteExtras {
  blobs?: NewBlob[];
  audit?: AuditEvent | AuditEvent[];
}

/** Puts `m` in place of the material with the same id (or adds it). */
export function putMaterialInMemory(state: AppState, m: Material): void {
  const list = state.workbench.materials.value;
  state.workbench.materials.value = list.some((x) => x.id === m.id)
    ? list.map((x) => (x.id === m.id ? m : x))
    : [...list, m];
}

function restorePagesAndSignature(state: AppState, before: Material, existed: boolean): void {
  const latest = state.workbench.materials.value.find((x) => x.id === before.id);
  if (!latest) return;
  if (!existed && Object.keys(latest.data).length === 0) {
    state.workbench.materials.value = state.workbench.materials.value.filter((x) => x.id !== before.id);
    return;
  }
  const { signature: _s, signatures: _ss, ...rest } = latest;
  putMaterialInMemory(state, {
    ...rest,
    pages: before.pages,
    ...(before.signature && { signature: before.signature }),
    ...(before.signatures && { signatures: before.signatures }),
  });
  // Typed data of a material that was never stored must still reach storage.
  if (!existed) markMaterialDirty(state, before.id);
}

/**
 * Applies `change` to the requirement's material (created empty when missing) and stores the
 * result with the case, files and audit in one transaction. `change` returns undefined for "no
 * change". Resolves to the stored material.
 */
export function writeMaterial(
  state: AppState,
  requirementId: string,
  change: (m: Material) => Material | undefined,
  extras: MaterialWriteExtras = {},
): Promise<Material | undefined> {
  return queueSave(state, async () => {
    const wb = state.workbench;
    const c = wb.record.value;
    if (!c) throw new Error('办件没有打开');
    assertMaterialEditable(state, requirementId);
    const now = state.deps.now();
    const current = wb.materialByRequirement.value.get(requirementId);
    const before: Material = current ?? {
      id: uuidv7(now),
      caseId: c.id,
      requirementId,
      pages: [],
      data: {},
      updatedAt: now,
    };
    const changed = change(before);
    if (!changed) return current;
    const next: Material = { ...changed, updatedAt: now };
    const record = { ...c, updatedAt: now };
    // Memory first, synchronously: typing from now on edits this copy, with the new pages.
    putMaterialInMemory(state, next);
    wb.record.value = record;
    try {
      await saveCaseWithMaterials({ case: record, materials: [next], expectStatus: [record.status], ...extras });
    } catch (e) {
      restorePagesAndSignature(state, before, current !== undefined);
      throw e;
    }
    return next;
  });
}
