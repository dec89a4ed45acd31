// The device database's name and installed version, without Dexie: the first screen reads it
// directly (quick-read.ts) and must know the version Dexie (db.ts) would open.
// With every new `this.version(n)` in db.ts, raise DB_IDB_VERSION (Dexie installs version n × 10)
// and update DB_STORES: tests/storage/quick-read.test.ts holds them equal to what Dexie installs.

export const DB_NAME = 'daiban';

/** IndexedDB version of the newest schema in db.ts (Dexie's `verno` × 10). */
export const DB_IDB_VERSION = 70;

/**
 * The newest schema of every table in Dexie's syntax, as db.ts declares it (versions 1–7 merged):
 * a new device's database is created from it without Dexie (quick-read.ts), exactly as Dexie
 * would create it (tests/storage/quick-read.test.ts compares the two).
 */
export const DB_STORES: Readonly<Record<string, string>> = {
  catalog: '&code',
  persons: '&id, villageCode, updatedAt, *search',
  cases: '&id, status, itemCode, applicantId, updatedAt, dueOn, number, [status+updatedAt]',
  materials: '&id, caseId, [caseId+requirementId]',
  blobs: '&sha256',
  outbox: '&id, createdAt, state, caseId, [state+createdAt]',
  audit: '&id, caseId, at',
  decisions: '&id, caseId',
  settings: '&key',
  syncState: '&key',
  rectifications: '&id, caseId',
  catalogVersions: '&[code+version], code',
};
