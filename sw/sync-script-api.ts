// The worker's second script, sw-sync.js (./sync-script.ts): what it offers the worker's own
// script (sw.js), and where sw.js finds it once imported.
import type { DrainOptions } from '../src/sync/drain';
import type { DrainReport } from '../src/sync/report';

/** Where sw-sync.js puts its `SyncScript` when it runs. */
export const SYNC_SCRIPT_GLOBAL = '__daibanSyncScript';

export interface SyncScript {
  /** One drain of the outbox with the data key (a copy: the worker's own stays its own). */
  drain(key: Uint8Array, options?: DrainOptions): Promise<DrainReport>;
  /** Drops the key (a page locked or logged out). */
  forget(): void;
}
