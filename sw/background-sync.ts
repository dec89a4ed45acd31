// Background Sync (Chromium): when the network comes back, even with the app closed, the browser
// wakes the service worker with a `sync` event tagged `daiban-sync`, and it runs the same drain
// as the page, over the same IndexedDB storage, under the same lock. Safari and Firefox never fire
// this event; there the page's scheduler drains.
// The drain itself, its storage, schemas and AES-GCM (most of the worker's code) are another
// script, sw-sync.js, imported at install and at the first `sync` of each later start of the
// worker (./sync-script-loader.ts): the worker also answers the app's own navigation, and a cold
// offline start waits for it to start (issue 13).
import type { DrainOptions } from '../src/sync/drain';
import { BACKGROUND_SYNC_TAG, DEVICE_KEY_REQUEST, SYNC_LOCKED_MESSAGE, SYNC_REPORT_MESSAGE } from '../src/sync/names';
import type { DrainReport } from '../src/sync/report';

/** The `sync` event (not in TypeScript's lib yet). */
export interface SyncEventLike {
  readonly tag: string;
  /** True when the browser will not retry this registration again. */
  readonly lastChance?: boolean;
  waitUntil(promise: Promise<unknown>): void;
}

/** What we use of ServiceWorkerGlobalScope: a structural type keeps this file testable. */
export interface BackgroundSyncScope {
  addEventListener(type: 'sync', listener: (event: SyncEventLike) => void): void;
  clients: {
    matchAll(options?: {
      type?: 'window';
      includeUncontrolled?: boolean;
    }): Promise<ReadonlyArray<{ postMessage(message: unknown): void }>>;
  };
}

export interface BackgroundSyncOptions {
  /** Runs one drain, with the key here (sw.js: in sw-sync.js; tests: over their own ports). */
  drain: (options: DrainOptions | undefined) => Promise<DrainReport>;
  drainOptions?: DrainOptions;
  /**
   * Whether the data key is here (encryption at rest). Without it the outbox is left exactly as
   * it is and pages are told "已锁定，解锁后同步"; the page drains after its unlock.
   */
  unlocked?: () => boolean;
  /** How long to wait for an unlocked page to send the key to a restarted worker (ms). */
  keyWaitMs?: number;
}

/** Link failures worth a browser retry: rejecting waitUntil makes Chromium try the tag again later. */
const RETRY_OUTCOMES = new Set<DrainReport['outcome']>(['offline', 'unavailable']);

export function registerBackgroundSync(scope: BackgroundSyncScope, options: BackgroundSyncOptions): void {
  const unlocked = options.unlocked ?? (() => true);
  scope.addEventListener('sync', (event) => {
    if (event.tag !== BACKGROUND_SYNC_TAG) return;
    event.waitUntil(
      (async () => {
        if (!(await keyArrives(scope, unlocked, options.keyWaitMs ?? 2_000))) {
          const pages = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
          for (const page of pages) page.postMessage({ type: SYNC_LOCKED_MESSAGE });
          return;
        }
        await runDrain(scope, options, event.lastChance === true);
      })(),
    );
  });
}

/** True once the key is here; asks open pages for it first (a restarted worker forgot it). */
async function keyArrives(scope: BackgroundSyncScope, unlocked: () => boolean, waitMs: number): Promise<boolean> {
  if (unlocked()) return true;
  const pages = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
  if (pages.length === 0) return false;
  for (const page of pages) page.postMessage({ type: DEVICE_KEY_REQUEST });
  for (let waited = 0; waited < waitMs && !unlocked(); waited += 100) await new Promise((r) => setTimeout(r, 100));
  return unlocked();
}

async function runDrain(
  scope: BackgroundSyncScope,
  options: BackgroundSyncOptions,
  lastChance: boolean,
): Promise<void> {
  const report = await options.drain(options.drainOptions);
  // Open pages update their sync status (pending count, problems, last success) from this.
  const pages = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const page of pages) page.postMessage({ type: SYNC_REPORT_MESSAGE, report });
  if (RETRY_OUTCOMES.has(report.outcome) && !lastChance) {
    throw new Error(`daiban-sync: ${report.outcome} (${report.error?.code ?? 'unknown'}), the browser retries later`);
  }
}
