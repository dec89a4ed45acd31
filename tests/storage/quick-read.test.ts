// The first screen reads without Dexie (issue 13: Dexie loads after the first rows). The quick
// reads must answer exactly what the Dexie repositories answer, from the same sealed database, and
// must never create or open a database Dexie has not created at this app's version.
import { IDBIndex, IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/domain';
import {
  closeDb,
  countCases,
  createCase,
  DaibanDb,
  enqueue,
  getDb,
  getDeviceId,
  getLastSyncAt,
  getStoredSession,
  listCases,
  listProblems,
  markFailed,
  markRejected,
  pendingCount,
  pendingLogouts,
  personNames,
  putCatalogItems,
  rememberLogout,
  saveSession,
  savePerson,
  setLastSyncAt,
  writeTransaction,
} from '../../src/storage';
import * as first from '../../src/storage/first-reads';
import { DB_IDB_VERSION } from '../../src/storage/db-meta';
import { quickDb, quickReadFrom, retireQuickDb } from '../../src/storage/quick-read';
import { getSetting, lockStorage, unlockStorage, useDb } from '../../src/storage';
import { z } from 'zod';
import { CATALOG } from '../../src/catalog';
import { AGENT, caseAudit, DEVICE, freshDbPerTest, kase, person, T0, TEST_KEY, withdrawal } from './fixtures';

freshDbPerTest();
afterEach(() => retireQuickDb());

const SESSION = { token: 't0k3n', loggedInAt: T0, user: { id: 'agent-1', name: '王村代办', role: 'agent' } };

/** Everything the first screen reads, through the given functions. */
async function firstScreen(r: typeof first, applicants: string[]) {
  return {
    deviceId: await r.getDeviceId(),
    session: await r.getStoredSession(),
    logouts: await r.pendingLogouts(),
    lastSyncAt: await r.getLastSyncAt(),
    total: await r.countCases(),
    returned: await r.countCases({ returned: true }),
    page: (await r.listCases({ offset: 1, limit: 3 })).map((c) => ({ ...c })),
    // The list's filters: a status, an item, both; a later page of a status.
    returnedPage: (await r.listCases({ status: 'returned', limit: 100 })).map((c) => c.id),
    returnedLater: (await r.listCases({ status: ['returned'], offset: 1, limit: 1 })).map((c) => c.id),
    returnedCount: await r.countCases({ status: 'returned' }),
    ofItem: (await r.listCases({ itemCode: 'MZ-GLJT', limit: 100 })).map((c) => c.id),
    ofItemCount: await r.countCases({ itemCode: 'MZ-GLJT' }),
    ofItemReturned: (await r.listCases({ itemCode: 'MZ-GLJT', status: 'returned', limit: 100 })).map((c) => c.id),
    ofItemReturnedCount: await r.countCases({ itemCode: 'MZ-GLJT', status: 'returned' }),
    returnedList: (await r.listCases({ returned: true, limit: 100 })).map((c) => c.id),
    returnedAsStatus: await r.countCases({ returned: true, status: ['returned', 'draft'] }),
    all: (await r.listCases({ limit: 100 })).map((c) => c.id),
    names: [...(await r.personNames(applicants)).entries()].sort(),
    pending: await r.pendingCount(),
    problems: (await r.listProblems()).map((p) => ({ id: p.id, state: p.state, lastError: p.lastError })),
    catalog: (await r.storedCatalogItems()).map((i) => [i.code, i.version, i.name]),
  };
}

/** Every store and index of a database as IndexedDB holds it. */
function structureOf(name: string): Promise<{ version: number; stores: unknown[] }> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const names = [...db.objectStoreNames].sort();
      const tx = db.transaction(names, 'readonly');
      const stores = names.map((n) => {
        const s = tx.objectStore(n);
        const indexes = [...s.indexNames].sort().map((i) => {
          const x = s.index(i);
          return { name: x.name, keyPath: x.keyPath, unique: x.unique, multiEntry: x.multiEntry };
        });
        return { name: n, keyPath: s.keyPath, autoIncrement: s.autoIncrement, indexes };
      });
      db.close();
      resolve({ version: db.version, stores });
    };
  });
}

describe('the first screen read without Dexie', () => {
  it('the version it expects is the one Dexie installs', async () => {
    const db = getDb();
    await db.open();
    expect(db.verno * 10).toBe(DB_IDB_VERSION);
    expect(db.backendDB().version).toBe(DB_IDB_VERSION);
  });

  it('answers what the Dexie repositories answer, sealed rows opened, with Dexie closed', async () => {
    const zhang = person({ name: '张三丰' });
    await savePerson(zhang, AGENT, DEVICE);
    const cases = [
      kase({ applicantId: zhang.id!, updatedAt: T0 + 5 }),
      kase({ updatedAt: T0 + 1, status: 'returned' }),
      kase({ updatedAt: T0 + 3, status: 'returned', dueOn: '2025-07-01', itemCode: 'MZ-GLJT' }),
      kase({ updatedAt: T0 + 4, itemCode: 'MZ-GLJT' }),
      kase({ updatedAt: T0 + 3 }), // same time as cases[2]: the tie order matters too
      // Ties within a filter: the same status, item and time as cases[2] (the higher id first).
      kase({ updatedAt: T0 + 3, status: 'returned', itemCode: 'MZ-GLJT' }),
      kase({ updatedAt: T0 + 2, status: 'submitted' }),
    ];
    for (const c of cases) await createCase(c, caseAudit(c.id!));
    const queued = [];
    for (let i = 0; i < 4; i++) {
      const m = withdrawal(uuidv7(), T0 + 10 - i);
      await writeTransaction(['outbox'], () => enqueue(m, T0 + 10 - i));
      queued.push(m.id);
    }
    await markFailed(queued[0]!, { code: 'net.offline', message: '网络不通' }, T0 + 60_000);
    await markRejected(queued[1]!, { code: 'case.conflict', message: '已被修改' });
    await putCatalogItems(CATALOG.slice(0, 2));
    await getDeviceId();
    await saveSession(SESSION);
    await rememberLogout('a'.repeat(64));
    await setLastSyncAt(T0 + 99);
    const applicants = [zhang.id!, uuidv7()];

    const dexie = await firstScreen(
      {
        ...first,
        getDeviceId,
        getStoredSession,
        pendingLogouts,
        getLastSyncAt,
        countCases,
        listCases,
        personNames,
        pendingCount,
        listProblems,
        storedCatalogItems: async () => getDb().catalog.toArray(),
      },
      applicants,
    );
    expect(dexie.session).toEqual(SESSION);
    expect(dexie.total).toBe(7);
    expect(dexie.returned).toBe(3);
    const [tied1, tied2] = [cases[2]!.id, cases[5]!.id].sort().reverse(); // uuidv7: the later created is higher
    expect(dexie.returnedPage).toEqual([tied1, tied2, cases[1]!.id]);
    expect(dexie.returnedList).toEqual(dexie.returnedPage);
    expect(dexie.returnedLater).toEqual([tied2]);
    expect(dexie.returnedAsStatus).toBe(3);
    expect([dexie.ofItem, dexie.ofItemCount]).toEqual([[cases[3]!.id, tied1, tied2], 3]);
    expect([dexie.ofItemReturned, dexie.ofItemReturnedCount]).toEqual([[tied1, tied2], 2]);
    expect(dexie.names).toEqual([[zhang.id, '张三丰']]);
    expect(dexie.problems.map((p) => p.state).sort()).toEqual(['failed', 'rejected']);
    expect(dexie.pending).toBe(3);

    // Dexie closed: a read that fell back to it would fail (no IndexedDB in Node but the fake).
    const name = getDb().name;
    closeDb();
    quickReadFrom(indexedDB, name, IDBKeyRange);
    expect(await quickDb()).toBeDefined();
    expect(await firstScreen(first, applicants)).toEqual(dexie);
  });

  it("the boot's reads: the device id and the session in one transaction, as Dexie answers them", async () => {
    const id = await getDeviceId();
    await saveSession(SESSION);
    const name = getDb().name;
    closeDb();
    quickReadFrom(indexedDB, name, IDBKeyRange);
    expect(await first.bootReads()).toEqual({ deviceId: id, session: SESSION });

    // A new device: its database is created with its id, and there is no session. It is looked
    // for once before it is created (the id is not read again).
    const fresh = `boot-${uuidv7()}`;
    const opens: Array<number | undefined> = [];
    const counting = {
      open: (n: string, v?: number) => (opens.push(v), indexedDB.open(n, v)),
    } as unknown as IDBFactory;
    quickReadFrom(counting, fresh);
    const booted = await first.bootReads();
    expect(booted.session).toBeUndefined();
    expect(booted.deviceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      opens.slice(
        0,
        opens.findIndex((v) => v !== undefined),
      ),
    ).toEqual([undefined]);
    quickReadFrom(indexedDB, fresh);
    expect(await first.bootReads()).toEqual(booted);
  });

  it('a session row that cannot be opened boots as no session (the login asks again), the id still read', async () => {
    const id = await getDeviceId();
    await saveSession(SESSION);
    const name = getDb().name;
    closeDb();
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => {
        const tx = req.result.transaction('settings', 'readwrite');
        const store = tx.objectStore('settings');
        const got = store.get('session');
        got.onsuccess = () => {
          const row = got.result as { sealed: Uint8Array };
          const sealed = row.sealed.slice();
          sealed[sealed.length - 1]! ^= 1; // one bit of the tag: AES-GCM refuses it
          store.put({ ...row, sealed });
        };
        tx.oncomplete = () => {
          req.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    });
    quickReadFrom(indexedDB, name, IDBKeyRange);
    expect(await first.bootReads()).toEqual({ deviceId: id, session: undefined });
  });

  it('reads the first page in one getAllRecords where the browser has it, else by cursor: the same rows, ties too', async () => {
    const cases = [3, 1, 3, 2, 3, 5].map((t) => kase({ updatedAt: T0 + t }));
    for (const c of cases) await createCase(c, caseAudit(c.id!));
    const byDexie = (await listCases({ limit: 4 })).map((c) => c.id);
    const name = getDb().name;
    closeDb();
    quickReadFrom(indexedDB, name, IDBKeyRange);
    const proto = IDBIndex.prototype as { getAllRecords?: unknown };
    const batch = proto.getAllRecords;
    expect(typeof batch).toBe('function'); // as in Chromium 141+
    let batches = 0;
    proto.getAllRecords = function (this: IDBIndex, ...args: unknown[]) {
      batches++;
      return (batch as (...a: unknown[]) => unknown).apply(this, args);
    };
    try {
      expect((await first.listCases({ limit: 4 })).map((c) => c.id)).toEqual(byDexie);
      expect(batches).toBe(1);
      delete proto.getAllRecords; // an older browser: the cursor
      expect(proto.getAllRecords).toBeUndefined();
      expect((await first.listCases({ limit: 4 })).map((c) => c.id)).toEqual(byDexie);
      expect(batches).toBe(1);
    } finally {
      proto.getAllRecords = batch;
    }
  });

  it('a new device: the database is created as Dexie creates it, with the device id; the session is stored sealed', async () => {
    const byDexie = `dexie-${uuidv7()}`;
    const dexie = new DaibanDb(byDexie, { indexedDB, IDBKeyRange });
    await dexie.open();
    dexie.close();

    const fresh = `fresh-${uuidv7()}`;
    quickReadFrom(indexedDB, fresh);
    const id = await first.getDeviceId();
    expect(await structureOf(fresh)).toEqual(await structureOf(byDexie));
    await first.saveSession(SESSION);
    expect(await first.getDeviceId()).toBe(id); // read back, not generated again

    // Dexie opens it as its own (no schema patch) and reads what was written, the session sealed.
    retireQuickDb();
    const db = new DaibanDb(fresh, { indexedDB, IDBKeyRange });
    useDb(db);
    expect(await getDeviceId()).toBe(id);
    expect(await getStoredSession()).toEqual(SESSION);
    expect(await getSetting('session', z.unknown())).toEqual(SESSION);
    expect(db.backendDB().version).toBe(DB_IDB_VERSION);
    const raw = (await new Promise((resolve) => {
      const tx = db.backendDB().transaction('settings', 'readonly');
      const req = tx.objectStore('settings').get('session');
      req.onsuccess = () => resolve(req.result);
    })) as Record<string, unknown>;
    expect(raw.sealed).toBeInstanceOf(Uint8Array);
    expect(JSON.stringify(raw)).not.toContain('t0k3n');
  });

  it('opens its connection while the device is locked, and answers only after the unlock', async () => {
    const name = `locked-${uuidv7()}`;
    const made = new DaibanDb(name, { indexedDB, IDBKeyRange });
    await made.open();
    made.close();
    let opens = 0;
    const counting = { open: (n: string) => (opens++, indexedDB.open(n)) } as unknown as IDBFactory;
    quickReadFrom(counting, name);
    lockStorage();
    let answered = false;
    const db = quickDb().finally(() => (answered = true));
    await new Promise((ok) => setTimeout(ok, 50));
    // Issue 13: the open overlaps the lock screen (and the PIN's key derivation) …
    expect(opens).toBe(1);
    // … but nothing is answered before the unlock.
    expect(answered).toBe(false);
    await unlockStorage(TEST_KEY);
    expect((await db)?.name).toBe(name);
    expect(opens).toBe(1);
  });

  it('leaves a device without the database as it is (Dexie creates it) and skips an older version', async () => {
    const missing = `missing-${uuidv7()}`;
    quickReadFrom(indexedDB, missing);
    expect(await quickDb()).toBeUndefined();
    expect(await first.getStoredSession()).toBeUndefined();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(missing);

    const older = `older-${uuidv7()}`;
    const v4 = new DaibanDb(older, { indexedDB, IDBKeyRange });
    v4.close();
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(older, 40);
      req.onupgradeneeded = () => req.result.createObjectStore('cases', { keyPath: 'id' });
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    quickReadFrom(indexedDB, older);
    expect(await quickDb()).toBeUndefined();
  });
});
