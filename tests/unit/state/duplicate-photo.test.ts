// Issue 14 item 9: picking the same photo twice must not be silent. The material keeps one page
// and the agent is told where the photo already is; in another material it is added with a note.
import { describe, expect, it } from 'vitest';
import { addPhotos, createNewCase, emptyPersonDraft, openCase, savePersonDraft } from '../../../src/state';
import { SHARP, VILLAGE, photo, useHarness } from './harness';

const h = useHarness();

async function openLsjzCase() {
  const { state } = h.get();
  const p = await savePersonDraft(state, {
    ...emptyPersonDraft(VILLAGE),
    name: '张桂兰',
    idNumber: '11010519491231002X',
  });
  const c = await createNewCase(state, { itemCode: 'MZ-LSJZ', applicantId: p.id });
  await openCase(state, c.id);
  return state;
}

describe('the same photo picked twice', () => {
  it('keeps one page and says where the photo already is', async () => {
    const state = await openLsjzCase();
    const hukou = state.workbench.item.value!.materials.find((m) => m.id === 'hukou')!;
    const same = photo(SHARP);
    await addPhotos(state, 'hukou', [same]);
    expect(state.toast.value?.text ?? '').not.toContain('已经添加过');
    await addPhotos(state, 'hukou', [same]);
    expect(state.workbench.materialByRequirement.value.get('hukou')!.pages).toHaveLength(1);
    expect(state.toast.value).toMatchObject({ tone: 'warning' });
    expect(state.toast.value!.text).toBe(`这张照片已经添加过：在「${hukou.name}」第 1 页，没有重复添加`);
  });

  it('says so when the photo is already in another material of the case', async () => {
    const state = await openLsjzCase();
    const hukou = state.workbench.item.value!.materials.find((m) => m.id === 'hukou')!;
    const other = state.workbench.item.value!.materials.find((m) => m.id !== 'hukou' && m.kind === 'document-photo')!;
    const same = photo(SHARP);
    await addPhotos(state, 'hukou', [same]);
    await addPhotos(state, other.id, [same]);
    expect(state.workbench.materialByRequirement.value.get(other.id)!.pages).toHaveLength(1);
    expect(state.toast.value!.text).toContain(`这张照片也在「${hukou.name}」第 1 页中`);
  });
});
