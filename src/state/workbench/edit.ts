// Edits on the open case: form fields, typed material data, acknowledgements, tolerance promises.
// The signal changes at once (the report re-runs as the agent types); the write to storage is
// debounced for typing and immediate for clicks. Writes are serialised per case, and each write
// reads the signals when it runs (not when it was asked for), so a slow write never carries an
// older copy of the case or a material over newer input.
import { effect } from '@preact/signals';
import { type Case, type Material, uuidv7 } from '../../domain';
import { saveCaseWithMaterials } from '../../storage';
import type { AppState } from '../app-state';
import { assertFieldEditable, assertMaterialEditable } from './return-scope';

export const TYPING_SAVE_DELAY_MS = 400;

/** Runs `fn` after every earlier write of the workbench has finished. */
export function queueWrite<T>(state: AppState, fn: () => Promise<T>): Promise<T> {
  const w = state.workbench.writes;
  const run = w.chain.then(fn);
  w.chain = run.catch(() => undefined);
  return run;
}

/** Counts `work` in the workbench's `unsaved` until it has settled. */
function countUnsaved<T>(state: AppState, work: Promise<T>): Promise<T> {
  const { inFlight } = state.workbench.writes;
  inFlight.value++;
  return work.finally(() => {
    inFlight.value--;
  });
}

/** `fn` counted in `unsaved` from its call until it has settled (a photo or signature from the tap). */
export const counted =
  <A extends unknown[], T>(fn: (state: AppState, ...args: A) => Promise<T>) =>
  (state: AppState, ...args: A): Promise<T> =>
    countUnsaved(state, fn(state, ...args));

/** `queueWrite` for a save: counted in `unsaved` from now until it has committed or failed. */
export const queueSave = <T>(state: AppState, fn: () => Promise<T>): Promise<T> =>
  countUnsaved(state, queueWrite(state, fn));

const SAVE_FAILED = '保存失败';
/** Shown on the workbench; the change stays marked unsaved, so the next save tries it again. */
function saveFailed(state: AppState, e: unknown): void {
  const reason = String(e instanceof Error ? e.message : e);
  state.workbench.error.value = reason.startsWith(SAVE_FAILED) ? reason : `${SAVE_FAILED}：${reason}`;
}

function schedule(state: AppState, immediate: boolean): void | Promise<void> {
  const w = state.workbench.writes;
  clearTypingTimer(state);
  if (immediate) return flushCaseSave(state).catch((e: unknown) => saveFailed(state, e));
  w.typing.value = true;
  w.timer = setTimeout(() => {
    void flushCaseSave(state).catch((e: unknown) => saveFailed(state, e));
  }, TYPING_SAVE_DELAY_MS);
}

function clearTypingTimer(state: AppState): void {
  const w = state.workbench.writes;
  if (w.timer) clearTimeout(w.timer);
  w.timer = undefined;
  w.typing.value = false;
}

/** Marks a material as changed in memory (typed data); the next flush writes it. */
export function markMaterialDirty(state: AppState, materialId: string): void {
  const dirty = state.workbench.writes.dirtyMaterials;
  if (!dirty.value.has(materialId)) dirty.value = new Set([...dirty.value, materialId]);
}

/** Something typed is not in storage yet. */
export const hasPendingWrites = (state: AppState): boolean => state.workbench.writes.dirty.value;

/** Forgets unsaved changes (the open case was just re-read from storage). */
export function forgetPendingWrites(state: AppState): void {
  clearTypingTimer(state);
  takeDirty(state);
}

/** Clears the marks of what changed and returns them (the caller writes it, or puts them back). */
function takeDirty({ workbench: { writes } }: AppState) {
  const taken = { caseDirty: writes.dirtyCase.value, ids: writes.dirtyMaterials.value };
  writes.dirtyCase.value = false;
  writes.dirtyMaterials.value = new Set();
  return taken;
}

/** Writes whatever changed since the last save (also called before leaving or submitting). */
export async function flushCaseSave(state: AppState): Promise<void> {
  // Counted as a save only with something to write: a flush on leaving an unchanged case must not
  // flash 正在保存 (anything changed later schedules its own save).
  const queue = hasPendingWrites(state) ? queueSave : queueWrite;
  const save = queue(state, async () => {
    // Read at run time: the copy written is the newest, whatever was queued before this write.
    const c = state.workbench.record.value;
    if (!c || !hasPendingWrites(state)) return;
    // Counted again from the moment the marks are taken: this flush may have been queued while
    // nothing was changed yet, and the typing's own flush may already have run.
    const { inFlight } = state.workbench.writes;
    inFlight.value++;
    const { caseDirty, ids } = takeDirty(state);
    const materials = state.workbench.materials.value.filter((m) => ids.has(m.id) && m.caseId === c.id);
    try {
      await saveCaseWithMaterials({ case: c, materials, expectStatus: [c.status] });
      // Written now, with what an earlier failed save still held: its message is out of date.
      if (state.workbench.error.value?.startsWith(SAVE_FAILED)) state.workbench.error.value = null;
    } catch (e) {
      // Still unsaved: the next flush tries again.
      if (caseDirty) state.workbench.writes.dirtyCase.value = true;
      for (const id of ids) markMaterialDirty(state, id);
      throw e;
    } finally {
      inFlight.value--;
    }
  });
  clearTypingTimer(state); // after the save is counted: never "saved" in between
  await save;
}

/** Resolves once no save is under way, photos and signatures from their tap included. */
export function savesSettled(state: AppState): Promise<void> {
  return new Promise((resolve) => {
    const stop = effect(() => {
      if (state.workbench.saveState.value === 'saving') return;
      resolve();
      queueMicrotask(() => stop()); // the first run is synchronous: `stop` is not assigned yet
    });
  });
}

/** Changes the open case; `immediate` for clicks, debounced for typing. */
export function updateCase(state: AppState, change: (c: Case) => Case, immediate = false): void | Promise<void> {
  const wb = state.workbench;
  const c = wb.record.value;
  if (!c || !wb.editable.value) return;
  wb.record.value = { ...change(c), updatedAt: state.deps.now() };
  state.workbench.writes.dirtyCase.value = true;
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
  state.workbench.writes.dirtyCase.value = true;
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
