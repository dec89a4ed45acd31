// Opens a database written by app version 1 and checks the v2, v3 and v4 upgrades (tldraw-style
// migration test). The v3 → v4 upgrade (encryption at rest) has its own test in encryption.test.ts.
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, DaibanDb, getDb, getPerson, listCases, searchPersons, useDb } from '../../src/storage';
import { clearDataKey, setDataKey } from '../../src/storage/vault';
import { loadCipher } from '../../src/storage/cipher';
import { kase, person, T0, TEST_KEY } from './fixtures';

// setDataKey is called directly below: AES is loaded first, as unlockStorage does.
beforeAll(() => loadCipher());

// Version 1 exactly as shipped (copied, not imported: db.ts may only grow).
const V1_STORES = {
  catalog: '&code',
  persons: '&id, name, idNumber, phone, villageCode, updatedAt',
  cases: '&id, status, itemCode, applicantId, updatedAt, dueOn, number',
  materials: '&id, caseId, [caseId+requirementId]',
  blobs: '&sha256',
  outbox: '&id, createdAt, state, caseId, [state+createdAt]',
  audit: '&id, caseId, at',
  decisions: '&id, caseId',
  settings: '&key',
  syncState: '&key',
};

afterEach(() => {
  closeDb();
  clearDataKey();
});

describe('schema migration v1 → v2', () => {
  it('back-fills person search keys, adds the status+updatedAt index and keeps every row', async () => {
    const name = `migration-${Date.now()}`;
    const v1 = new Dexie(name, { indexedDB, IDBKeyRange });
    v1.version(1).stores(V1_STORES);
    const zhang = person({ name: '张三丰', idNumber: '440524188001010014' });
    const ouyang = person({ name: '欧阳修', idNumber: '110105194912310029' });
    await v1.table('persons').bulkAdd([zhang, ouyang]);
    const returned = [kase({ status: 'returned', updatedAt: T0 + 1 }), kase({ status: 'returned', updatedAt: T0 + 3 })];
    await v1.table('cases').bulkAdd([...returned, kase({ status: 'draft', updatedAt: T0 + 2 })]);
    await v1.table('settings').put({ key: 'deviceId', value: 'old-device' });
    await v1.table('catalog').put({ code: 'MZ-GLJT', version: 3, name: '高龄津贴' });
    expect(v1.verno).toBe(1);
    v1.close();

    const db = new DaibanDb(name, { indexedDB, IDBKeyRange });
    useDb(db);
    setDataKey(TEST_KEY);
    await db.open();
    expect(db.verno).toBe(7);
    expect(db.tables.map((t) => t.name)).toContain('rectifications');
    // v7: the stored newest version is also the first entry of the kept versions.
    expect(await db.catalogVersions.toArray()).toMatchObject([{ code: 'MZ-GLJT', version: 3 }]);

    const rows = await db.persons.toArray();
    const keysOf = (id: string) => rows.find((r) => r.id === id)!.initials;
    expect(keysOf(zhang.id!)).toEqual(expect.arrayContaining(['zsf', 'zhangsanfeng', 'sf', '张', '三', '丰']));
    expect(keysOf(ouyang.id!)).toEqual(expect.arrayContaining(['oyx', 'ouyangxiu', '欧']));
    expect((await searchPersons('zsf')).map((p) => p.name)).toEqual(['张三丰']);
    expect((await searchPersons('阳')).map((p) => p.name)).toEqual(['欧阳修']);
    expect(await getDb().settings.get('migration.pinyinBackfill')).toBeUndefined();
    expect((await getDb().settings.get('deviceId'))?.value).toBe('old-device');
    expect(await getPerson(zhang.id!)).toMatchObject({ name: '张三丰', idNumber: '440524188001010014' });

    // The new compound index answers the status list, newest first.
    const viaIndex = await db.cases
      .where('[status+updatedAt]')
      .between(['returned', Dexie.minKey], ['returned', Dexie.maxKey])
      .reverse()
      .toArray();
    expect(viaIndex.map((c) => c.id)).toEqual([returned[1]!.id, returned[0]!.id]);
    expect((await listCases({ status: 'returned' })).map((c) => c.id)).toEqual([returned[1]!.id, returned[0]!.id]);

    // v3: every record written by version 1 now says so.
    const stamped = [...(await db.cases.toArray()), ...(await db.persons.toArray())] as Array<{
      schemaVersion?: number;
    }>;
    expect(stamped.map((r) => r.schemaVersion)).toEqual([1, 1, 1, 1, 1]);
  });

  it('finishes the pinyin back-fill on a later open if the app stopped before it ran', async () => {
    const name = `migration-half-${Date.now()}`;
    // State right after the upgrade transaction committed: name-character keys only, flag set.
    const first = new DaibanDb(name, { indexedDB, IDBKeyRange });
    setDataKey(TEST_KEY);
    await first.open();
    await first.persons.add({ ...person({ name: '李四' }), initials: ['李', '四'] } as never);
    await first.settings.put({ key: 'migration.pinyinBackfill', value: true });
    first.close();

    const db = new DaibanDb(name, { indexedDB, IDBKeyRange });
    useDb(db);
    await db.open();
    expect((await db.persons.toArray())[0]?.initials).toEqual(expect.arrayContaining(['ls', 'lisi', '李', '四']));
    expect(await db.settings.get('migration.pinyinBackfill')).toBeUndefined();
  });
});
