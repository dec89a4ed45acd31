// Issue 14 item 3: the person screen's draft is keyed by the route. Opening #/persons/new after a
// person must give an empty draft with a fresh id, and saving it must leave that person unchanged.
import { describe, expect, it } from 'vitest';
import { getPerson, countPersons } from '../../../src/storage';
import { editForRoute, emptyPersonDraft, openPersonEdit, savePersonDraft } from '../../../src/state';
import { VILLAGE, useHarness } from './harness';

const h = useHarness();

describe('person edit keyed by route', () => {
  it('opens #/persons/new empty with a fresh id after a person, and saving creates a second person', async () => {
    const { state } = h.get();
    const old = await savePersonDraft(state, {
      ...emptyPersonDraft(VILLAGE),
      name: '王秀英',
      idNumber: '11010519491231002X',
      phone: '13812345678',
    });
    const existing = await openPersonEdit(state, old.id);
    expect(existing).toMatchObject({ routeKey: old.id, kind: 'existing' });

    const fresh = await openPersonEdit(state, undefined);
    if (fresh.kind === 'missing') throw new Error('new form must open');
    expect(fresh.routeKey).toBe('new');
    expect(fresh.draft.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.draft.id).not.toBe(old.id);
    expect(fresh.draft).toMatchObject({ name: '', idNumber: '', phone: '', divisionCode: VILLAGE, household: [] });
    expect(fresh.draft.createdAt).toBeUndefined();

    const added = await savePersonDraft(state, { ...fresh.draft, name: '李芳', idNumber: '110105199506010024' });
    expect(added.id).toBe(fresh.draft.id);
    expect(await countPersons()).toBe(2);
    expect(await getPerson(old.id)).toMatchObject({
      name: '王秀英',
      idNumber: '11010519491231002X',
      phone: '13812345678',
    });
  });

  it('never shows an edit opened for another route', async () => {
    const { state } = h.get();
    const old = await savePersonDraft(state, {
      ...emptyPersonDraft(VILLAGE),
      name: '王秀英',
      idNumber: '11010519491231002X',
    });
    const opened = await openPersonEdit(state, old.id);
    expect(editForRoute(opened, old.id)).toBe(opened);
    expect(editForRoute(opened, undefined)).toBeNull();
    expect(editForRoute(opened, 'another-id')).toBeNull();
    expect(await openPersonEdit(state, '01900000-0000-7000-8000-000000000000')).toMatchObject({ kind: 'missing' });
  });
});
