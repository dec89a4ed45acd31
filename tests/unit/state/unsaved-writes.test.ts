// What the workbench shows is either in storage or marked unsaved (正在保存, and the browser asks
// before a reload): a signature, a photo or typing is never shown as saved while a reload would
// still lose it.
import { effect } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { getCase, listMaterials, saveCaseWithMaterials } from '../../../src/storage';
import {
  addPhotos,
  createNewCase,
  flushCaseSave,
  openCase,
  savesSettled,
  setField,
  signMaterial,
  type AppState,
} from '../../../src/state';
import { queueWrite } from '../../../src/state/workbench/edit';
import { guardUnsaved } from '../../../src/ui/screens/workbench/unsaved-guard';
import { SHARP, photo, saveApplicant, useHarness } from './harness';

const h = useHarness();
const ITEM = 'MZ-LNRYDZ'; // 老年人优待证: 1-inch photo and a signed 代办委托书
const PNG = () => new Blob([new Uint8Array([137, 80, 78, 71, 1, 2, 3])], { type: 'image/png' });

async function openNewCase(): Promise<AppState> {
  const { state } = h.get();
  const p = await saveApplicant(state);
  const c = await createNewCase(state, { itemCode: ITEM, applicantId: p.id });
  await openCase(state, c.id);
  return state;
}

/** Every time `unsaved` turns false, what storage holds for the requirement (read right then). */
function storedWhenSaved(state: AppState, requirementId: string) {
  const reads: Promise<unknown>[] = [];
  let was = state.workbench.unsaved.peek();
  const stop = effect(() => {
    const now = state.workbench.unsaved.value;
    if (was && !now) {
      const caseId = state.workbench.record.peek()!.id;
      reads.push(listMaterials(caseId).then((ms) => ms.find((m) => m.requirementId === requirementId)));
    }
    was = now;
  });
  return { reads, stop };
}

describe('unsaved work on the workbench', () => {
  it('is unsaved from the signature tap until the signature is in storage', async () => {
    const state = await openNewCase();
    expect(state.workbench.unsaved.value).toBe(false);
    const shownWhile: boolean[] = [];
    const stopShown = effect(() => {
      if (state.workbench.materialByRequirement.value.get('entrustment')?.signature)
        shownWhile.push(state.workbench.unsaved.peek());
    });
    const saved = storedWhenSaved(state, 'entrustment');
    const signing = signMaterial(state, 'entrustment', PNG(), '王秀英', 'applicant');
    expect(state.workbench.unsaved.value).toBe(true); // at the tap, before the PNG is even read
    await signing;
    stopShown();
    saved.stop();
    expect(shownWhile[0]).toBe(true); // first drawn while still unsaved
    expect(state.workbench.unsaved.value).toBe(false);
    const stored = (await Promise.all(saved.reads)) as { signature?: { signerName: string } }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]?.signature?.signerName).toBe('王秀英');
  });

  it('is unsaved while a photo is processed and stored, saved once the page is in storage', async () => {
    const state = await openNewCase();
    const saved = storedWhenSaved(state, 'photo');
    const adding = addPhotos(state, 'photo', [photo(SHARP)]);
    expect(state.workbench.unsaved.value).toBe(true);
    await adding;
    saved.stop();
    expect(state.workbench.unsaved.value).toBe(false);
    const stored = (await Promise.all(saved.reads)) as { pages: unknown[] }[];
    expect(stored.at(-1)?.pages).toHaveLength(1);
  });

  it('is unsaved while typing waits for its pause, and saved once the field is written', async () => {
    const state = await openNewCase();
    const caseId = state.workbench.record.value!.id;
    void setField(state, 'phone', '13800138000');
    expect(state.workbench.unsaved.value).toBe(true);
    await new Promise<void>((resolve) => {
      const stop = effect(() => {
        if (!state.workbench.unsaved.value) {
          queueMicrotask(() => stop());
          resolve();
        }
      });
    });
    expect((await getCase(caseId))?.fields.phone).toBe('13800138000');
  });

  it('is not left unsaved by a failed save: the failure is shown instead of a stuck 正在保存', async () => {
    const state = await openNewCase();
    // Another screen submitted the case meanwhile: the save's status check refuses this write.
    const c = state.workbench.record.value!;
    await saveCaseWithMaterials({ case: { ...c, status: 'queued' }, expectStatus: [c.status] });
    await expect(signMaterial(state, 'entrustment', PNG(), '王秀英', 'applicant')).rejects.toThrow('办件状态已变化');
    expect(state.workbench.unsaved.value).toBe(false);
    expect(state.workbench.materialByRequirement.value.get('entrustment')?.signature).toBeUndefined();
  });

  it('says 未保存 when typing could not be written, and stays unsaved until a save succeeds', async () => {
    const state = await openNewCase();
    const c = state.workbench.record.value!;
    await saveCaseWithMaterials({ case: { ...c, status: 'queued' }, expectStatus: [c.status] });
    void setField(state, 'phone', '13800138000');
    await expect(flushCaseSave(state)).rejects.toThrow('办件状态已变化');
    expect(state.workbench.saveState.value).toBe('failed');
    expect(state.workbench.unsaved.value).toBe(true);
    await saveCaseWithMaterials({ case: { ...c, status: 'draft' }, expectStatus: ['queued'] });
    await flushCaseSave(state);
    expect(state.workbench.saveState.value).toBe('saved');
    expect((await getCase(c.id))?.fields.phone).toBe('13800138000');
  });
});

describe('saves that overlap', () => {
  it('a flush queued before anything changed counts itself once it takes the changes: never "saved" before they are stored', async () => {
    const state = await openNewCase();
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    void queueWrite(state, () => gate); // an earlier, slow write
    const first = flushCaseSave(state); // nothing changed yet (as on leaving the page and back)
    void setField(state, 'phone', '13800138000');
    open();
    // The first flush takes the change (microtasks only: its storage write cannot finish meanwhile).
    for (let i = 0; i < 100 && state.workbench.writes.dirty.value; i++) await Promise.resolve();
    expect(state.workbench.writes.dirty.value).toBe(false);
    const second = flushCaseSave(state); // the typing's own flush: nothing left to take
    expect(state.workbench.saveState.value).toBe('saving');
    await Promise.all([first, second]);
    expect(state.workbench.saveState.value).toBe('saved');
    expect((await getCase(state.workbench.record.value!.id))?.fields.phone).toBe('13800138000');
  });

  it('savesSettled waits for a signature from its tap until it is stored (an update reload waits for it)', async () => {
    const state = await openNewCase();
    const signing = signMaterial(state, 'entrustment', PNG(), '王秀英', 'applicant');
    await savesSettled(state);
    const stored = (await listMaterials(state.workbench.record.value!.id)).find(
      (m) => m.requirementId === 'entrustment',
    );
    expect(stored?.signature?.signerName).toBe('王秀英');
    await signing;
  });
});

describe('the unload guard', () => {
  /** Node has no BeforeUnloadEvent: its legacy returnValue is settable there. */
  class BeforeUnload extends Event {
    override returnValue = true;
  }
  const unload = (target: EventTarget) => {
    const e = new BeforeUnload('beforeunload', { cancelable: true });
    target.dispatchEvent(e);
    return e.defaultPrevented;
  };

  it('asks before leaving only while something is unsaved, and installs once', async () => {
    const state = await openNewCase();
    const win = new EventTarget() as Window;
    guardUnsaved(state.workbench.unsaved, win);
    guardUnsaved(state.workbench.unsaved, win);
    expect(unload(win)).toBe(false);
    const signing = signMaterial(state, 'entrustment', PNG(), '王秀英', 'applicant');
    expect(unload(win)).toBe(true);
    await signing;
    expect(unload(win)).toBe(false);
  });
});
