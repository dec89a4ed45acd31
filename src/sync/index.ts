// Device sync: drains the outbox to the township server and pulls what changed. Runs in the page
// (scheduler) and the service worker (sw/background-sync.ts); both call the same drain, serialised
// by the Web Locks API. Pure of the DOM: everything browser-specific comes in through ports/env.
//
// API
//  page         createPageSync({ baseUrl?, fetch?, onPulled?, drainOptions?, env?, pollMs? }): SyncScheduler
//                 .start() · .stop() · .requestSync(reason?) · .refresh() · .onStatus(cb) · .getStatus()
//                 SyncStatus { pending, running, lastSuccessAt?, lastOutcome?, problems, lastError?,
//                              needsLogin, needsUpdate, nextRunAt? }
//  drain        drain(ports: SyncPorts, options?: DrainOptions): Promise<DrainReport>
//  ports        createStoragePorts(options?) — the real adapter over src/storage; SyncPorts for fakes
//  http         createSyncClient({ baseUrl, token, fetch?, timeoutMs? }): push · pull · blobStatus · blobPatch
//  blobs        uploadBlob(client, { sha256, mime, data }, { chunkSize?, signal?, onProgress? })
//  back-off     backoffDelay(attempt, options?, random?) · backoffCap · retryDelay · parseRetryAfter
//  lock         withSyncLock(task, locks?) · memoryLocks() · systemLocks()
//  errors       RequestError { kind, code, message, status?, retryAfterMs? } (Chinese messages)
export * from './backoff';
export * from './blob-refs';
export * from './blob-upload';
export * from './drain';
export * from './errors';
export * from './http';
export * from './lock';
export * from './names';
export * from './page-sync';
export * from './ports';
export * from './report';
export * from './scheduler';
export * from './storage-ports';
