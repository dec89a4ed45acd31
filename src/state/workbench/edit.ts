// Edits on the open case: form fields, typed material data, acknowledgements, tolerance promises.
// The signal changes at once (the report re-runs as the agent types); the write to storage is
// debounced for typing and immediate for clicks. Writes are serialised per case, and each write
// reads the signals when it runs (not when it was asked for), so a slow write never carries an
// older copy of the case or a material over newer input.
import { type Case, type Material, uuidv7 } from '../../domain';
import { saveCaseWithMaterials } from '../../storage';
import type { AppState } from '../app-state';
import { assertFieldEditable, assertMaterialEditable } from './return-scope';

export const TYPING_SAVE_DELAY_MS = 400;

const dirtyCases = new WeakMap<AppState, boolean>();
const dirtyMaterials = new WeakMap<AppState, Set<string>>();

/** Runs `fn` after every earlier write of the workbench has finished. */
export function queueWrite<T>(state: AppState, fn: () => Promise<T>): Promise<T> {
  const w = state.workbench.writes;
  const run = w.chain.then(fn);
  w.chain = run.catch(() => undefined);
  return run;
}

const SAVE_FAILED = '保存失败';
/** Shown on the workbench; the change stays marked unsaved, so the next save tries it again. */
function saveFailed(state: AppState, e: unknown): void {
  const reason = String(e instanceof Error ? e.message : e);
  state.workbench.error.value = reason.startsWith(SAVE_FAILED) ? reason : `${SAVE_FAILED}：${reason}`;
}

function schedule(state: AppState, immediate: boolean): void | Promise<void> {
  const w = state.workbench.writes;
  if (w.timer) clearTimeout(w.timer);
  w.timer = undefined;
  if (immediate) return flushCaseSave(state).catch((e: unknown) => saveFailed(state, e));
  w.timer = setTimeout(() => {
    void flushCaseSave(state).catch((e: unknown) => saveFailed(state, e));
  }, TYPING_SAVE_DELAY_MS);
}

/** Marks a material as changed in memory (typed data); the next flush writes it. */
export function markMaterialDirty(state: AppState, materialId: string): void {
  const set = dirtyMaterials.get(state) ?? new Set<string>();
  set.add(materialId);
  dirtyMaterials.set(state, set);
}

/** Something typed is not in storage yet. */
export const hasPendingWrites = (state: AppState): boolean =>
  (dirtyCases.get(state) ?? false) || (dirtyMaterials.get(state)?.size ?? 0) > 0;

/** Forgets unsaved changes (the open case was just re-read from storage). */
export function forgetPendingWrites(state: AppState): void {
  const w = state.workbench.writes;
  if (w.timer) clearTimeout(w.timer);
  w.timer = undefined;
  dirtyCases.set(state, false);
  dirtyMaterials.set(state, new Set());
}

/** Writes whatever changed since the last save (also called before leaving or submitting). */
export async function flushCaseSave(state: AppState): Promise<void> {
  const w = state.workbench.writes;
  if (w.timer) clearTimeout(w.timer);
  w.timer = undefined;
  await queueWrite(state, async () => {
    // Read at run time: the copy written is the newest, whatever was queued before this write.
    const c = state.workbench.record.value;
    const caseDirty = dirtyCases.get(state) ?? false;
    const ids = dirtyMaterials.get(state) ?? new Set<string>();
    if (!c || (!caseDirty && ids.size === 0)) return;
    dirtyCases.set(state, false);
    dirtyMaterials.set(state, new Set());
    const materials = state.workbench.materials.value.filter((m) => ids.has(m.id) && m.caseId === c.id);
    try {
      await saveCaseWithMaterials({ case: c, materials, expectStatus: [c.status] });
      // Written now, with what an earlier failed save still held: its message is out of date.
      if (state.workbench.error.value?.startsWith(SAVE_FAILED)) state.workbench.error.value = null;
    } catch (e) {
      // Still unsaved: the next flush tries again.
      if (caseDirty) dirtyCases.set(state, true);
      for (const id of ids) markMaterialDirty(state, id);
      throw e;
    }
  });
}

/** Changes the open case; `immediate` for clicks, debounced for typing. */
export function updateCase(state: AppState, change: (c: Case) => Case, immediate = false): void | Promise<void> {
  const wb = state.workbench;
  const c = wb.record.value;
  if (!c || !wb.editable.value) return;
  wb.record.value = { ...change(c), updatedAt: state.deps.now() };
  dirtyCases.set(state, true);
  return schedule(state, immediate);
}

/** A form field (typing: saved after a pause). On a returned case, only a flagged field. */
export function setField(state: AppState, key: string, value: string): void | Promise<void> {
  if (!state.workbench.record.value || !state.workbench.editable.value) return;
  assertFieldEditable(state, key);
  return updateCase(state, (c) => ({ ...c, fields: { ...c.fields, [key]: value } }));
}

/** Data typed from a document (e.g. the name on the 户口簿 page), checked against the profile. */
export function setMaterialData(state: AppState, requirementId: string, key: string, value: string): void {
  const wb = state.workbench;
  const c = wb.record.value;
  if (!c || !wb.editable.value) return;
  assertMaterialEditable(state, requirementId);
  const now = state.deps.now();
  const existing = wb.materialByRequirement.value.get(requirementId);
  const m: Material = existing
    ? { ...existing, data: { ...existing.data, [key]: value }, updatedAt: now }
    : { id: uuidv7(now), caseId: c.id, requirementId, pages: [], data: { [key]: value }, updatedAt: now };
  wb.materials.value = existing ? wb.materials.value.map((x) => (x.id === m.id ? m : x)) : [...wb.materials.value, m];
  markMaterialDirty(state, m.id);
  wb.record.value = { ...c, updatedAt: now };
  dirtyCases.set(state, true);
  void schedule(state, false);
}

/** The agent has read a warning and accepts it (recorded by its stable key). */
export const setAcknowledged = (state: AppState, key: string, on: boolean) =>
  updateCase(
    state,
    (c) => ({
      ...c,
      acknowledged: on ? [...new Set([...c.acknowledged, key])] : c.acknowledged.filter((k) => k !== key),
    }),
    true,
  );

/** 容缺: the date the applicant promises to supply a missing material; null withdraws the claim. */
export function setTolerance(state: AppState, requirementId: string, promisedBy: string | null): void | Promise<void> {
  if (!state.workbench.record.value || !state.workbench.editable.value) return;
  assertMaterialEditable(state, requirementId);
  return updateCase(
    state,
    (c) => {
      const others = c.tolerance.filter((t) => t.requirementId !== requirementId);
      return { ...c, tolerance: promisedBy === null ? others : [...others, { requirementId, promisedBy }] };
    },
    true,
  );
}
