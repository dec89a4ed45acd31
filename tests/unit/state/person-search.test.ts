// 群众档案's search (src/state/persons.ts) over real storage (fake-indexeddb): a read that fails is
// the screen's error — never an unhandled rejection, never "没有找到" — and the next search clears it.
import { describe, expect, it } from 'vitest';
import { getDb } from '../../../src/storage';
import { emptyPersonDraft, savePersonDraft } from '../../../src/state';
import { searchPersonsAction } from '../../../src/state/persons';
import { VILLAGE, useHarness } from './harness';

const h = useHarness();

describe('searching profiles', () => {
  it('says why when the profiles cannot be read, and finds them again once they can', async () => {
    const { state } = h.get();
    await savePersonDraft(state, { ...emptyPersonDraft(VILLAGE), name: '王秀英', idNumber: '11010519491231002X' });

    getDb().close(); // storage gone for a moment (the browser closed the database)
    await searchPersonsAction(state, '王'); // resolves: the failure is shown, not thrown
    expect(state.persons.error.value).toBeTruthy();
    expect(state.persons.loading.value).toBe(false);

    await getDb().open();
    await searchPersonsAction(state, '王');
    expect(state.persons.error.value).toBeNull();
    expect(state.persons.results.value.map((p) => p.name)).toEqual(['王秀英']);
  });
});
