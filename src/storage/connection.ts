// The one open database of this page, worker or service worker. Tests and benches swap it.
import { DaibanDb } from './db';
import { registerLoadedDb } from './lazy-db';
import { retireQuickDb } from './quick-read';

let current: DaibanDb | undefined;

// Dexie is here: the first screen's direct reads (quick-read.ts) stop, Dexie answers them all.
retireQuickDb();
registerLoadedDb(() => current);

/** The database, opened lazily on first query (Dexie opens on demand). */
export function getDb(): DaibanDb {
  current ??= new DaibanDb();
  return current;
}

/** Makes every repository use this database (tests: a fresh fake-indexeddb one; benches). */
export function useDb(db: DaibanDb): void {
  current = db;
}

/** Closes the connection; the next `getDb()` opens a new one. */
export function closeDb(): void {
  current?.close();
  current = undefined;
}
