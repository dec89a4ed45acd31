// Typing into a material's data fields while its photos are processed and saved: nothing typed is
// lost, in memory or in storage, and the page is never overwritten by an older copy either.
// The image pipeline is deliberately slow and the test keeps typing, one keystroke per tick,
// until the capture has finished.
import { describe, expect, it } from 'vitest';
import { listMaterials } from '../../../src/storage';
import {
  addPhotos,
  createNewCase,
  flushCaseSave,
  openCase,
  replacePage,
  setMaterialData,
  signMaterial,
  type AppState,
} from '../../../src/state';
import { SHARP, photo, saveApplicant, useHarness } from './harness';

const h = useHarness();
const ITEM = 'MZ-LSJZ'; // 临时救助: the 户口簿 (hukou) has data fields read off the page
const tick = () => new Promise<void>((r) => setTimeout(r, 0));

async function openHukouCase() {
  const { state } = h.get();
  const p = await saveApplicant(state);
  const c = await createNewCase(state, { itemCode: ITEM, applicantId: p.id });
  await openCase(state, c.id);
  const hukou = state.workbench.item.value!.materials.find((m) => m.id === 'hukou')!;
  const key = hukou.dataFields[0]!.key;
  return { state, caseId: c.id, key };
}

/** The pipeline takes `ms` per photo, reporting progress on the way. */
function slowPipeline(state: AppState, ms: number): void {
  const real = state.deps.processImage;
  state.deps.processImage = async (file, o, ctl) => {
    ctl.onProgress?.(0.1);
    await new Promise((r) => setTimeout(r, ms));
    return real(file, o, ctl);
  };
}

/** Types `text` one character per tick until `work` settles; returns the last value typed. */
async function typeDuring(state: AppState, key: string, text: string, work: Promise<unknown>): Promise<string> {
  let done = false;
  void work.finally(() => {
    done = true;
  });
  let typed = '';
  for (let i = 0; !done; i++) {
    typed = i < text.length ? text.slice(0, i + 1) : `${text}${i}`;
    setMaterialData(state, 'hukou', key, typed);
    await tick();
  }
  await work;
  return typed;
}

const hukouIn = (state: AppState) => state.workbench.materialByRequirement.value.get('hukou');

describe('typing while photos of the same material are saved', () => {
  it('keeps every keystroke typed while the photo is processed and stored', async () => {
    const { state, caseId, key } = await openHukouCase();
    slowPipeline(state, 30);
    const typed = await typeDuring(state, key, '张桂兰', addPhotos(state, 'hukou', [photo(SHARP), photo(SHARP)]));
    expect(hukouIn(state)?.data[key]).toBe(typed);
    expect(hukouIn(state)?.pages).toHaveLength(2);
    await flushCaseSave(state);
    const stored = (await listMaterials(caseId)).filter((m) => m.requirementId === 'hukou');
    expect(stored).toHaveLength(1); // one material, not one from typing and one from the photo
    expect(stored[0]!.data[key]).toBe(typed);
    expect(stored[0]!.pages).toHaveLength(2);
  });

  it('keeps typing during a retake, and a flush racing the retake does not undo the new page', async () => {
    const { state, caseId, key } = await openHukouCase();
    await addPhotos(state, 'hukou', [photo(SHARP)]);
    const old = hukouIn(state)!.pages[0]!.sha256;
    slowPipeline(state, 20);
    const retake = replacePage(state, 'hukou', 0, photo(SHARP));
    const flushes: Promise<void>[] = [];
    let done = false;
    void retake.finally(() => {
      done = true;
    });
    let typed = '';
    for (let i = 0; !done; i++) {
      typed = `张${i}`;
      setMaterialData(state, 'hukou', key, typed);
      if (i % 3 === 0) flushes.push(flushCaseSave(state)); // the typing timer firing mid-save
      await tick();
    }
    await Promise.all([retake, ...flushes, flushCaseSave(state)]);
    const stored = (await listMaterials(caseId)).find((m) => m.requirementId === 'hukou')!;
    expect(stored.pages).toHaveLength(1);
    expect(stored.pages[0]!.sha256).not.toBe(old);
    expect(stored.data[key]).toBe(typed);
    expect(hukouIn(state)?.data[key]).toBe(typed);
  });

  it('keeps typing while a signature of another material and a photo are stored together', async () => {
    const { state, caseId, key } = await openHukouCase();
    slowPipeline(state, 10);
    const png = new Blob([new Uint8Array([137, 80, 78, 71, 9])], { type: 'image/png' });
    const work = Promise.all([
      addPhotos(state, 'hukou', [photo(SHARP)]),
      signMaterial(state, 'application', png, '张桂兰', 'applicant'),
    ]);
    const typed = await typeDuring(state, key, '11010519491231002X', work);
    await flushCaseSave(state);
    const stored = await listMaterials(caseId);
    expect(stored.find((m) => m.requirementId === 'hukou')?.data[key]).toBe(typed);
    expect(stored.find((m) => m.requirementId === 'hukou')?.pages).toHaveLength(1);
    expect(stored.find((m) => m.requirementId === 'application')?.signature?.signerName).toBe('张桂兰');
  });

  it('re-reading the open case (after a pull) keeps what was just typed', async () => {
    const { state, caseId, key } = await openHukouCase();
    setMaterialData(state, 'hukou', key, '张桂兰');
    await openCase(state, caseId); // sync reloads the open case before the typing timer fired
    expect(hukouIn(state)?.data[key]).toBe('张桂兰');
    expect((await listMaterials(caseId)).find((m) => m.requirementId === 'hukou')?.data[key]).toBe('张桂兰');
  });
});

describe('capture progress', () => {
  it('shows the label while the slow pipeline runs and clears it when the page is stored', async () => {
    const { state } = await openHukouCase();
    slowPipeline(state, 20);
    const work = addPhotos(state, 'hukou', [photo(SHARP)]);
    await tick();
    expect(state.workbench.captures.value['hukou']?.map((c) => c.label)).toEqual(['正在处理照片']);
    await work;
    expect(state.workbench.captures.value['hukou']).toBeUndefined();
    expect(hukouIn(state)?.pages).toHaveLength(1);
  });

  it('clears the label when the pipeline fails', async () => {
    const { state } = await openHukouCase();
    state.deps.processImage = async (_f, _o, ctl) => {
      ctl.onProgress?.(1);
      throw new Error('无法读取这张照片');
    };
    await expect(addPhotos(state, 'hukou', [photo(SHARP)])).rejects.toThrow('无法读取');
    expect(state.workbench.captures.value['hukou']).toBeUndefined();
  });
});
