// Encryption at rest (sealing.ts, vault.ts): what IndexedDB holds is checked by opening the same
// database WITHOUT the app's middleware (Dexie in dynamic mode: no schema, no sealing).
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/domain';
import {
  clearUserData,
  closeDb,
  DaibanDb,
  forgetStorageKey,
  getBlob,
  getCase,
  getDb,
  getPerson,
  getSession,
  listCases,
  lockStorage,
  openRows,
  saveCaseWithMaterials,
  savePerson,
  saveSession,
  searchPersons,
  unlockStorage,
  useDb,
} from '../../src/storage';
import { clearDataKey, setDataKey } from '../../src/storage/vault';
import { z } from 'zod';
import { AGENT, caseAudit, DEVICE, kase, person, T0, TEST_KEY, withdrawal } from './fixtures';

const OTHER_KEY = new Uint8Array(32).fill(9);
const PHOTO = new Uint8Array(4096).map((_, i) => (i * 31 + 7) % 251);
const PHOTO_SHA = 'a'.repeat(64);

let n = 0;
const fresh = async () => {
  const name = `enc-${++n}-${uuidv7()}`;
  useDb(new DaibanDb(name, { indexedDB, IDBKeyRange }));
  await unlockStorage(TEST_KEY);
  return name;
};

afterEach(() => {
  closeDb();
  clearDataKey();
});

/** Every value of every object store, as the browser stores it (no middleware). */
async function rawDump(name: string): Promise<Record<string, unknown[]>> {
  const raw = new Dexie(name, { indexedDB, IDBKeyRange });
  await raw.open();
  const out: Record<string, unknown[]> = {};
  for (const t of raw.tables) out[t.name] = await t.toArray();
  raw.close();
  return out;
}

/** Text of a dump, with every byte array as hex too (to find photo bytes). */
function dumpText(dump: unknown): string {
  return JSON.stringify(dump, (_k, v: unknown) =>
    ArrayBuffer.isView(v) || v instanceof ArrayBuffer
      ? Buffer.from(v instanceof ArrayBuffer ? v : (v as Uint8Array).buffer).toString('hex')
      : v,
  );
}

async function seedOneOfEach() {
  const p = person({ name: '欧阳春花', idNumber: '330102195001010023', phone: '13655554444', sex: 'F' });
  await savePerson(p, AGENT, DEVICE);
  const c = kase({ applicantId: p.id!, fields: { note: '低保申请：家中困难' } });
  await saveCaseWithMaterials({
    case: c,
    materials: [
      {
        id: uuidv7(),
        caseId: c.id!,
        requirementId: 'id-card',
        pages: [{ sha256: PHOTO_SHA, mime: 'image/jpeg', bytes: PHOTO.length, capturedAt: T0 }],
        data: { 姓名: '欧阳春花' },
        updatedAt: T0,
      },
    ],
    blobs: [{ sha256: PHOTO_SHA, mime: 'image/jpeg', data: PHOTO.slice().buffer }],
    audit: caseAudit(c.id!),
    mutation: withdrawal(c.id!),
  });
  await saveSession({ token: 'secret-bearer-token-123', user: { id: 'u1' }, loggedInAt: T0 });
  return { p, c };
}

describe('sealed rows', () => {
  it('round-trips every table while IndexedDB holds no name, ID number, phone, token or photo bytes', async () => {
    const name = await fresh();
    const { p, c } = await seedOneOfEach();
    expect(await getPerson(p.id!)).toMatchObject({ name: '欧阳春花', idNumber: '330102195001010023' });
    expect((await getCase(c.id!))?.fields).toEqual({ note: '低保申请：家中困难' });
    expect(new Uint8Array((await getBlob(PHOTO_SHA))!.data)).toEqual(PHOTO);
    expect(await getSession(z.looseObject({ token: z.string() }))).toMatchObject({ token: 'secret-bearer-token-123' });
    expect((await getDb().outbox.toArray())[0]?.mutation.kind).toBe('case.withdraw');

    const text = dumpText(await rawDump(name));
    for (const secret of [
      '欧阳',
      '春花',
      '330102195001010023',
      '13655554444',
      '家中困难',
      'secret-bearer',
      '群众不办了',
    ])
      expect(text).not.toContain(secret);
    expect(text).not.toContain(Buffer.from(PHOTO.subarray(0, 64)).toString('hex'));
    // What stays readable is what the indexes need.
    expect(text).toContain(c.number!);
    expect(text).toContain(p.id!);
  });

  it('refuses to open with another key: a clear error, never wrong data', async () => {
    await fresh();
    const { p } = await seedOneOfEach();
    setDataKey(OTHER_KEY);
    await expect(getPerson(p.id!)).rejects.toMatchObject({ code: 'storage.corrupt' });
    // A file's bytes open when read (lazily): the read fails, nothing wrong comes out.
    const blob = await getBlob(PHOTO_SHA);
    expect(blob?.mime).toBe('image/jpeg');
    expect(() => blob!.data).toThrow(/已损坏/);
    expect(() => blob!.data).toThrow(/已损坏/); // still closed on a second try
  });

  it('detects a flipped ciphertext byte and a row copied onto another key', async () => {
    const name = await fresh();
    const { p } = await seedOneOfEach();
    const other = person({ name: '李四', idNumber: '110105194912310029' });
    await savePerson(other, AGENT, DEVICE);
    const raw = new Dexie(name, { indexedDB, IDBKeyRange });
    await raw.open();
    const row = (await raw.table('persons').get(p.id!)) as { sealed: Uint8Array };
    const flipped = row.sealed.slice();
    flipped[20]! ^= 1;
    await raw.table('persons').put({ ...row, sealed: flipped });
    // The other person's (valid) ciphertext under this person's id.
    const theirs = (await raw.table('persons').get(other.id!)) as { sealed: Uint8Array };
    const swapped = { ...row, id: uuidv7(), sealed: theirs.sealed };
    await raw.table('persons').put(swapped);
    raw.close();
    await expect(getPerson(p.id!)).rejects.toMatchObject({ code: 'storage.corrupt', message: /已损坏/ });
    await expect(getPerson(swapped.id)).rejects.toMatchObject({ code: 'storage.corrupt' });
    expect(await getPerson(other.id!)).toMatchObject({ name: '李四' });
  });

  it('without the key: writes are refused (nothing stored in clear) and reads wait for unlock', async () => {
    const name = await fresh();
    const { p } = await seedOneOfEach();
    clearDataKey();
    await expect(savePerson(person({ idNumber: '110105194912310029' }), AGENT, DEVICE)).rejects.toMatchObject({
      code: 'storage.locked',
    });
    await expect(getPerson(p.id!)).rejects.toMatchObject({ code: 'storage.locked' });
    expect((await rawDump(name)).persons).toHaveLength(1);

    // Locked the way the app does it: the database closes, the next query waits.
    setDataKey(TEST_KEY);
    lockStorage();
    let read: string | undefined;
    const pending = getPerson(p.id!).then((x) => (read = x?.name));
    await new Promise((r) => setTimeout(r, 50));
    expect(read).toBeUndefined();
    await unlockStorage(TEST_KEY);
    await pending;
    expect(read).toBe('欧阳春花');

    // A wipe while locked (logout, revoked device): forgetting the key releases the wait; the
    // wipe needs no key, a sealed read says it is locked.
    lockStorage();
    let wipeDone = false;
    const wiped = clearUserData().then(() => (wipeDone = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(wipeDone).toBe(false); // waiting for the unlock
    forgetStorageKey();
    await wiped;
    expect((await rawDump(name)).persons).toHaveLength(0);
  });
});

describe('lazy opening', () => {
  it('a read decrypts nothing until a sealed field is used; openRows opens many natively (WebCrypto)', async () => {
    await fresh();
    const { p } = await seedOneOfEach();
    const row = (await getDb().persons.get(p.id!)) as unknown as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(row, 'name')?.get).toBeTypeOf('function'); // still closed
    expect(row.villageCode).toBe(p.villageCode); // clear field, no decryption needed
    await openRows([row]);
    expect(Object.getOwnPropertyDescriptor(row, 'name')).toMatchObject({ value: '欧阳春花', writable: true });
    // Another key: openRows leaves the row closed, reading it says why.
    const other = (await getDb().persons.get(p.id!)) as unknown as Record<string, unknown>;
    setDataKey(OTHER_KEY);
    await openRows([other]);
    expect(() => other.name).toThrow(/已损坏/);
  });
});

describe('blind-index search', () => {
  it('finds by name, ID, phone and pinyin with no plaintext index', async () => {
    const name = await fresh();
    const zhang = person({ name: '张三丰', idNumber: '440524188001010014', phone: '13812345678' });
    const li = person({ name: '李小龙', idNumber: '11010519491231002X', phone: '13900001111' });
    for (const x of [zhang, li]) await savePerson(x, AGENT, DEVICE);
    const names = async (q: string) => (await searchPersons(q)).map((x) => x.name);
    expect(await names('张三')).toEqual(['张三丰']);
    expect(await names('丰')).toEqual(['张三丰']);
    expect(await names('zhangsanf')).toEqual(['张三丰']);
    expect(await names('lxl')).toEqual(['李小龙']);
    expect(await names('4405')).toEqual(['张三丰']);
    expect(await names('11010519491231002x')).toEqual(['李小龙']);
    expect(await names('1390000')).toEqual(['李小龙']);
    expect(await names('1381234567899')).toEqual([]); // longer than the bound: checked on the row
    expect(await names('李大')).toEqual([]);

    const raw = new Dexie(name, { indexedDB, IDBKeyRange });
    await raw.open();
    const indexes = raw.table('persons').schema.indexes.map((i) => i.name);
    expect(indexes.sort()).toEqual(['search', 'updatedAt', 'villageCode']);
    const row = (await raw.table('persons').get(zhang.id!)) as Record<string, unknown>;
    raw.close();
    expect(Object.keys(row).sort()).toEqual(
      ['id', 'schemaVersion', 'search', 'sealed', 'sealedKeys', 'updatedAt', 'villageCode'].sort(),
    );
    expect((row.search as string[]).every((t) => /^[0-9a-f]{16}$/.test(t))).toBe(true);
  });
});

// Version 3 exactly as shipped (copied, not imported: db.ts may only grow).
const V3_STORES = {
  catalog: '&code',
  persons: '&id, name, idNumber, phone, *initials, villageCode, updatedAt',
  cases: '&id, status, itemCode, applicantId, updatedAt, dueOn, number, [status+updatedAt]',
  materials: '&id, caseId, [caseId+requirementId]',
  blobs: '&sha256',
  outbox: '&id, createdAt, state, caseId, [state+createdAt]',
  audit: '&id, caseId, at',
  decisions: '&id, caseId',
  rectifications: '&id, caseId',
  settings: '&key',
  syncState: '&key',
};

describe('schema migration v3 → v4', () => {
  it('opens without a key, keeps rows readable, and seals every one at the first unlock', async () => {
    const name = `v3-${uuidv7()}`;
    const v3 = new Dexie(name, { indexedDB, IDBKeyRange });
    v3.version(3).stores(V3_STORES);
    const p = { ...person({ name: '王秀英', idNumber: '330102195001010023', phone: '13711112222' }), schemaVersion: 1 };
    await v3.table('persons').add({ ...p, initials: ['wxy', 'wangxiuying', 'xy', 'xiuying', '王', '秀', '英'] });
    const c = kase({ applicantId: p.id, updatedAt: T0 + 1, status: 'returned', fields: { note: '王秀英的低保' } });
    await v3.table('cases').add({ ...c, schemaVersion: 1 });
    await v3
      .table('blobs')
      .add({ sha256: PHOTO_SHA, mime: 'image/jpeg', bytes: PHOTO.length, data: PHOTO.slice().buffer, createdAt: T0 });
    await v3.table('settings').bulkPut([
      { key: 'deviceId', value: 'old-device' },
      { key: 'session', value: { token: 'legacy-token-xyz', user: { id: 'u1' }, loggedInAt: T0 } },
    ]);
    v3.close();

    // The app starts with no key (the user has not unlocked yet): the upgrade runs, nothing is lost.
    const db = new DaibanDb(name, { indexedDB, IDBKeyRange });
    useDb(db);
    await db.open();
    expect(db.verno).toBe(7);
    expect(await getPerson(p.id)).toMatchObject({ name: '王秀英' });
    expect(dumpText(await rawDump(name))).toContain('330102195001010023');

    await unlockStorage(TEST_KEY);
    const text = dumpText(await rawDump(name));
    for (const secret of ['王秀英', '330102195001010023', '13711112222', 'legacy-token', '低保'])
      expect(text).not.toContain(secret);
    expect(text).not.toContain(Buffer.from(PHOTO.subarray(0, 64)).toString('hex'));
    expect(await db.settings.get('migration.sealRows')).toBeUndefined();

    expect((await searchPersons('wxy')).map((x) => x.name)).toEqual(['王秀英']);
    expect((await searchPersons('3301')).map((x) => x.name)).toEqual(['王秀英']);
    expect((await listCases({ status: 'returned' })).map((x) => x.fields)).toEqual([{ note: '王秀英的低保' }]);
    expect(new Uint8Array((await getBlob(PHOTO_SHA))!.data)).toEqual(PHOTO);
    expect((await db.settings.get('deviceId'))?.value).toBe('old-device');
    expect(await getSession(z.looseObject({ token: z.string() }))).toMatchObject({ token: 'legacy-token-xyz' });
  });
});
