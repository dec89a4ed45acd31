// The slice of storage that sync and the service worker need: outbox, files, cases, pull,
// settings — everything except person profiles. Importing this instead of './index' keeps
// pinyin-pro (~280 KB, reachable only from persons.ts) out of the service worker bundle.
export { DaibanDb, DB_NAME } from './db';
export type { BlobRow, OutboxError, OutboxRow, OutboxState } from './db';
export { closeDb, getDb, useDb } from './connection';
export { StorageError, toStorageError, type StorageErrorCode } from './errors';
export * from './outbox';
export * from './blobs';
export * from './pull';
export * from './settings';
export { getCase, listCases, countCases } from './cases';
export { listMaterials } from './materials';
