// Device storage: the ONLY module that touches IndexedDB (Dexie). Everything else imports from here.
// Exception (issue 13): the first screen's reads (first-reads.ts, quick-read.ts) go straight to
// IndexedDB until Dexie loads, after the first rows; the first screen imports them directly.
//
// Owns: the `daiban` IndexedDB database (db.ts: every schema version and upgrade), and the
// repositories below, which validate what they read with the domain zod schemas and return domain
// types. Rule: one user action = one transaction (writeTransaction); nothing is "saved" until it
// commits. Transactions use durability 'strict'. Files are ArrayBuffers (WebKit), keyed by SHA-256.
// Errors are StorageError { code: 'storage.not_found' | 'storage.conflict' | 'storage.invalid' |
// 'storage.quota' | 'storage.failed', message (Chinese) }.
//
// API (all async):
//  connection   getDb(): DaibanDb · useDb(db) (tests/benches) · closeDb()
//  persons      savePerson(person: PersonInput, actor: Actor, deviceId): Person   (person + audit)
//               getPerson(id) · getPersonByIdNumber(idNumber) · countPersons()
//               searchPersons(query, limit = 20): Person[]  name prefix | name char | pinyin
//                 initials / full pinyin prefix (zs, zhangs) | ID-number prefix | phone prefix
//               listPersons({ villageCode?, offset?, limit? }) · listHousehold(personId): { person, relation }[]
//  cases        createCase(case, audit) · saveCase(case, audit?) · getCase(id) · getCaseByNumber(n)
//               listCases({ status?, itemCode?, applicantId?, dueBefore?, returned?, offset?, limit? })
//                 newest updatedAt first · countCases(filter) · deleteDraftCase(caseId, audit)
//  case actions saveCaseWithMaterials({ case, materials?, deleteMaterialIds?, blobs?, audit?, mutation?,
//                 expectStatus? }): Case   — everything in one transaction
//               submitCase({ caseId, mutation, audit, status = 'queued', expectStatus?, now? }): Case
//                 — status change + audit + outbox row, atomically
//  materials    getMaterial(id) · listMaterials(caseId) · addMaterialPage({ caseId, requirementId,
//               page, blob: { sha256, mime, data }, audit? }) (page + file, one tx) ·
//               deleteMaterialPage(materialId, sha256, audit?) · moveMaterialPage(id, from, to)
//  blobs        putBlob(sha256, mime, data: ArrayBuffer) (idempotent) · getBlob(sha256): BlobRow ·
//               hasBlob · markBlobUploaded(sha256) · blobsToUpload(sha256s) · deleteOrphanBlobs() ·
//               blobUsage(): { count, bytes, notUploaded }
//  outbox       enqueue(mutation) — call INSIDE the caller's transaction · nextBatch(limit, now) ·
//               markSending(ids, now?, leaseMs?) · markDone(id, caseUpdate?) · markFailed(id,
//               { code, message }, nextAttemptAt) · markRejected(id, { code, message }) · retryNow(id) ·
//               dismissRejected(id) · pendingCount() · listProblems() · listCaseOutbox(caseId) ·
//               pruneDone(before) · mutationCaseId(mutation)
//  audit        makeAudit({ entity, entityId, caseId?, action, from?, to?, actor, deviceId?, detail?, at? })
//               · appendAudit(events) (joins a transaction) · listAudit(caseId) (oldest first)
//  decisions    listDecisions(caseId) · listRectifications(caseId)
//  pull         applyPullPage({ changes, cursor }): { caseIds, catalogItems, cursor } (one tx)
//  catalog      putCatalogItems(items) (keeps newer versions) · getCatalogItem(code) · listCatalog()
//  settings     getDeviceId() (generated once) · getSetting(key, schema) · putSetting · deleteSetting ·
//               getSession(schema) · saveSession(value) · clearSession() · getSyncCursor() ·
//               setSyncCursor(n) · getLastSyncAt() · setLastSyncAt()
//  logout       clearUserData() — wipes user tables + session; keeps catalogue and device id
//               adoptRotatedToken(token, issuedAt, expiresAt?) · rememberLogout · pendingLogouts · forgetLogout
//  unsent       unsentWork(): { cases, drafts } · exportUserData(meta): Blob (JSON, files as base64)
//  lock         encryption at rest (vault.ts, sealing.ts): unlockStorage(rawKey) · lockStorage() ·
//               forgetStorageKey() · hasDataKey() · requireUnlock() · createKeyring() (wrapped keys
//               in the idb-keyval store `daiban-keys`: enroll, password / PIN unlock, PIN window)
//  raw          writeTransaction(tables, fn) for a new multi-table action (await only Dexie inside).
//
// Service worker / sync: import './storage/sync-api' instead — the same functions minus person
// profiles, so pinyin-pro (~280 KB, loaded lazily by persons.ts) stays out of the SW bundle.
// Schema v2's pinyin back-fill runs once a page (which imports this index) opens the database.
export { DaibanDb } from './db';
export { closeDb, getDb, useDb } from './connection';
export { DuplicatePersonError, StorageError, toStorageError } from './errors';
export { writeTransaction } from './transaction';
export * from './audit';
export * from './persons';
export * from './cases';
export * from './case-rows';
export * from './person-names';
export * from './case-actions';
export * from './materials';
export * from './blobs';
export * from './outbox';
export * from './decisions';
export * from './unsent';
export * from './pull';
export * from './restore';
export * from './catalog';
export * from './holidays';
export * from './settings';
export * from './device-problems';
export * from './skipped-changes';
export * from './user-data';
export * from './device-lock';
