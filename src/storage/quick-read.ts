// Reads for the first screen straight from IndexedDB, without Dexie (~30 KB gzip, loaded once the
// case list's first rows are on screen): issue 13. Only a database Dexie already created at the
// version this app declares is read here; a new device or a pending schema upgrade gets `undefined`
// and the caller asks Dexie (which creates or upgrades). Writes always go through Dexie. Once
// Dexie is loaded (connection.ts), the quick path retires: every read is Dexie's again.
import { DB_IDB_VERSION, DB_NAME, DB_STORES } from './db-meta';
import { whenUnlocked } from './vault';

let factory: IDBFactory | undefined = typeof indexedDB === 'undefined' ? undefined : indexedDB;
let keyRanges: typeof IDBKeyRange | undefined = typeof IDBKeyRange === 'undefined' ? undefined : IDBKeyRange;
let name = DB_NAME;
let retired = false;
let opening: Promise<IDBDatabase | undefined> | undefined;

function open(): Promise<IDBDatabase | undefined> {
  return new Promise((resolve) => {
    let req: IDBOpenDBRequest;
    try {
      req = factory!.open(name);
    } catch {
      resolve(undefined);
      return;
    }
    // No database yet: abort, so that none is created here (Dexie creates it with its schema).
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onerror = (e) => {
      e.preventDefault();
      resolve(undefined);
    };
    req.onblocked = () => resolve(undefined);
    req.onsuccess = () => {
      const db = req.result;
      if (db.version !== DB_IDB_VERSION) {
        db.close();
        resolve(undefined);
        return;
      }
      // Another page or the service worker upgrades: let it, and read through Dexie from now on.
      db.onversionchange = () => {
        db.close();
        retired = true;
      };
      resolve(db);
    };
  });
}

/** Index specs in Dexie's syntax → IndexedDB: `&key`, `*multi`, `[a+b]` (compound). */
const keyPathOf = (spec: string): string | string[] => {
  const name = spec.replace(/^[&*]/, '');
  return name.startsWith('[') ? name.slice(1, -1).split('+') : name;
};

/**
 * A new device: creates the database as Dexie would (DB_STORES, no upgrade to run) with its first
 * rows written in the same transaction (the device id), and returns true. False when a database
 * already exists at any version (Dexie opens or upgrades it) or IndexedDB refuses.
 */
export function createQuickDb(seed: Record<string, Array<{ key: IDBValidKey; value: unknown }>>): Promise<boolean> {
  if (retired || !factory) return Promise.resolve(false);
  return new Promise((resolve) => {
    let created = false;
    let req: IDBOpenDBRequest;
    try {
      req = factory!.open(name, DB_IDB_VERSION);
    } catch {
      resolve(false);
      return;
    }
    req.onupgradeneeded = (e) => {
      const tx = req.transaction!;
      if (e.oldVersion !== 0) {
        tx.abort(); // an older database: Dexie's upgrades are needed
        return;
      }
      for (const [table, spec] of Object.entries(DB_STORES)) {
        const [primary, ...indexes] = spec.split(',').map((s) => s.trim());
        const store = req.result.createObjectStore(table, { keyPath: keyPathOf(primary!), autoIncrement: false });
        for (const index of indexes)
          store.createIndex(index.replace(/^[&*]/, ''), keyPathOf(index), {
            unique: index.startsWith('&'),
            multiEntry: index.startsWith('*'),
          });
      }
      for (const [table, rows] of Object.entries(seed)) for (const row of rows) tx.objectStore(table).put(row);
      created = true;
    };
    req.onerror = (e) => {
      e.preventDefault();
      resolve(false);
    };
    req.onblocked = () => resolve(false);
    req.onsuccess = () => {
      req.result.close(); // the next quick read opens it like any other
      resolve(created);
    };
  });
}

/** Puts rows in one strict read-write transaction; false when the quick path is closed. */
export async function quickPut(store: string, rows: unknown[]): Promise<boolean> {
  const db = await quickDb();
  if (!db) return false;
  let tx: IDBTransaction;
  try {
    tx = db.transaction(store, 'readwrite', { durability: 'strict' });
  } catch {
    return false; // closed under us (Dexie took over): the caller writes through Dexie
  }
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(true);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
    for (const row of rows) tx.objectStore(store).put(row);
  });
}

/** The database for a quick read, or undefined: then ask Dexie. Waits for the unlock, as Dexie does. */
export async function quickDb(): Promise<IDBDatabase | undefined> {
  if (retired || !factory) return undefined;
  // The connection opens at once (it reads nothing): on a locked start its opening overlaps the
  // lock screen and the PIN's key derivation instead of following the unlock (issue 13).
  const pending = (opening ??= open());
  await whenUnlocked();
  if (retired) return undefined;
  const db = await pending;
  if (!db && opening === pending) opening = undefined; // none yet: a later read looks again
  return retired ? undefined : db;
}

/** Dexie is loaded: it owns the database from now on (the quick connection closes when idle). */
export function retireQuickDb(): void {
  retired = true;
  const was = opening;
  opening = undefined;
  void was?.then((db) => db?.close());
}

/** Tests: read this factory's database `dbName` quickly (again), with its key ranges. */
export function quickReadFrom(idb: IDBFactory, dbName: string, ranges: typeof IDBKeyRange = keyRanges!): void {
  retireQuickDb();
  factory = idb;
  keyRanges = ranges;
  name = dbName;
  retired = false;
}

const done = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB read failed'));
  });

/**
 * Runs `read` in one read-only transaction of `store`; undefined when the quick path is closed
 * (the caller asks Dexie). A failing read (quota, a closed connection) also falls back to Dexie,
 * which reports it as the app always did.
 */
export async function quickRead<T>(store: string, read: (s: IDBObjectStore) => Promise<T>): Promise<T | undefined> {
  const db = await quickDb();
  if (!db) return undefined;
  try {
    return await read(db.transaction(store, 'readonly').objectStore(store));
  } catch {
    return undefined;
  }
}

/** Keys of a compound index [first+…] that start with `first`. */
export const startingWith = (first: IDBValidKey): IDBKeyRange => keyRanges!.bound([first], [first, []]);

export const getOne = (s: IDBObjectStore | IDBIndex, key: IDBValidKey): Promise<unknown> => done(s.get(key));
export const countOf = (s: IDBObjectStore | IDBIndex, key?: IDBValidKey | IDBKeyRange): Promise<number> =>
  done(s.count(key));
export const allOf = (s: IDBObjectStore | IDBIndex, key?: IDBValidKey | IDBKeyRange): Promise<unknown[]> =>
  done(s.getAll(key));

/** IndexedDB 3.0's getAllRecords (Chromium 141+): a batch read in either direction. */
type RecordsReader = (options: {
  query?: IDBKeyRange | null;
  count?: number;
  direction?: IDBCursorDirection;
}) => IDBRequest<Array<{ value: unknown }>>;

/** Rows of an index (within `range`) from its highest key down (ties: highest primary key first), paged. */
export function newestOf(
  index: IDBIndex,
  offset: number,
  limit: number,
  range: IDBKeyRange | null = null,
): Promise<unknown[]> {
  if (limit <= 0) return Promise.resolve([]);
  // A first page in one request where the browser reads backwards in batches: a cursor takes a
  // round trip to the main thread per row (100 on the case list's first page).
  const records = (index as IDBIndex & { getAllRecords?: RecordsReader }).getAllRecords;
  if (offset === 0 && typeof records === 'function')
    return done(records.call(index, { query: range, count: limit, direction: 'prev' })).then((rs) =>
      rs.map((r) => r.value),
    );
  return new Promise((resolve, reject) => {
    const rows: unknown[] = [];
    let skipped = offset === 0;
    const req = index.openCursor(range, 'prev');
    req.onerror = () => reject(req.error ?? new Error('IndexedDB read failed'));
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor) return resolve(rows);
      if (!skipped) {
        skipped = true;
        cursor.advance(offset);
        return;
      }
      rows.push(cursor.value);
      if (rows.length >= limit) resolve(rows);
      else cursor.continue();
    };
  });
}
