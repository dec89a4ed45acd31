// The worker's second script, sw-sync.js (./sync-script.ts): what it offers the worker's own
// script, and where both find it.
import type { DrainOptions } from '../src/sync/drain';
import type { DrainReport } from '../src/sync/report';

/** Served beside sw.js, revalidated like it (src/server/http/static.ts), never precached. */
export const SYNC_SCRIPT_URL = '/sw-sync.js';
/** Where sw-sync.js puts its `SyncScript` when it runs. */
export const SYNC_SCRIPT_GLOBAL = '__daibanSyncScript';

export interface SyncScript {
  /** One drain of the outbox with the data key (a copy: the worker's own stays its own). */
  drain(key: Uint8Array, options?: DrainOptions): Promise<DrainReport>;
  /** Drops the key (a page locked or logged out). */
  forget(): void;
}
