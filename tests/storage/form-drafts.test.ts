// Unsaved form input on the device (form-drafts.ts): sealed like the session, one user's only,
// gone at logout. The raw IndexedDB rows are read WITHOUT the app's middleware.
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/domain';
import { clearUserData, closeDb, DaibanDb, getDeviceId, saveSession, unlockStorage, useDb } from '../../src/storage';
import { deleteFormDraft, loadFormDraft, saveFormDraft } from '../../src/storage/form-drafts';
import { clearDataKey } from '../../src/storage/vault';
import { T0, TEST_KEY } from './fixtures';

let n = 0;
const fresh = async () => {
  const name = `drafts-${++n}-${uuidv7()}`;
  useDb(new DaibanDb(name, { indexedDB, IDBKeyRange }));
  await unlockStorage(TEST_KEY);
  return name;
};

afterEach(() => {
  closeDb();
  clearDataKey();
});

async function rawSettings(name: string): Promise<Array<Record<string, unknown>>> {
  const raw = new Dexie(name, { indexedDB, IDBKeyRange });
  await raw.open();
  const rows = (await raw.table('settings').toArray()) as Array<Record<string, unknown>>;
  raw.close();
  return rows;
}

const PROFILE = { name: '林秋菊', idNumber: '11010519491231002X', phone: '13912345678' };

describe('form drafts', () => {
  it('keeps a draft sealed: neither the typed name, ID number nor phone is in IndexedDB in clear', async () => {
    const name = await fresh();
    await saveFormDraft('user-a', 'person:new', PROFILE, T0);
    const rows = await rawSettings(name);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('林秋菊');
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('13912345678');
    expect(rows.find((r) => String(r.key).includes('person:new'))?.sealed).toBeInstanceOf(Uint8Array);
    expect(await loadFormDraft('user-a', 'person:new')).toEqual({
      userId: 'user-a',
      form: 'person:new',
      data: PROFILE,
      savedAt: T0,
    });
  });

  it('never offers one user’s draft to another user of the device', async () => {
    await fresh();
    await saveFormDraft('user-a', 'case-new', { query: '低保' }, T0);
    expect(await loadFormDraft('user-b', 'case-new')).toBeUndefined();
    expect(await loadFormDraft('user-a', 'person:new')).toBeUndefined();
    expect((await loadFormDraft('user-a', 'case-new'))?.data).toEqual({ query: '低保' });
  });

  it('deletes one draft, and every draft at logout (the device id stays)', async () => {
    const name = await fresh();
    await getDeviceId();
    await saveSession({ token: 't' });
    await saveFormDraft('user-a', 'person:new', PROFILE, T0);
    await saveFormDraft('user-a', 'case-new', { query: '医保' }, T0);
    await deleteFormDraft('user-a', 'case-new');
    expect(await loadFormDraft('user-a', 'case-new')).toBeUndefined();
    expect(await loadFormDraft('user-a', 'person:new')).toBeDefined();
    await clearUserData();
    expect(await loadFormDraft('user-a', 'person:new')).toBeUndefined();
    expect((await rawSettings(name)).map((r) => r.key)).toEqual(['deviceId']);
  });
});
