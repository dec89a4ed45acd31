// Background Sync (Chromium): when the network comes back, even with the app closed, the browser
// wakes the service worker with a `sync` event tagged `daiban-sync`, and it runs the same drain
// as the page, over the same IndexedDB storage, under the same lock. Safari and Firefox never fire
// this event; there the page's scheduler drains.
import { drain, type DrainOptions } from '../src/sync/drain';
import { BACKGROUND_SYNC_TAG, SYNC_REPORT_MESSAGE } from '../src/sync/names';
import type { SyncPorts } from '../src/sync/ports';
import type { DrainReport } from '../src/sync/report';
import { createStoragePorts } from '../src/sync/storage-ports';

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
  ports?: () => SyncPorts;
  drainOptions?: DrainOptions;
}

/** Link failures worth a browser retry: rejecting waitUntil makes Chromium try the tag again later. */
const RETRY_OUTCOMES = new Set<DrainReport['outcome']>(['offline', 'unavailable']);

export function registerBackgroundSync(scope: BackgroundSyncScope, options: BackgroundSyncOptions = {}): void {
  const ports = options.ports ?? (() => createStoragePorts());
  scope.addEventListener('sync', (event) => {
    if (event.tag !== BACKGROUND_SYNC_TAG) return;
    event.waitUntil(runDrain(scope, ports(), options.drainOptions, event.lastChance === true));
  });
}

async function runDrain(
  scope: BackgroundSyncScope,
  ports: SyncPorts,
  drainOptions: DrainOptions | undefined,
  lastChance: boolean,
): Promise<void> {
  const report = await drain(ports, drainOptions);
  // Open pages update their sync status (pending count, problems, last success) from this.
  const pages = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const page of pages) page.postMessage({ type: SYNC_REPORT_MESSAGE, report });
  if (RETRY_OUTCOMES.has(report.outcome) && !lastChance) {
    throw new Error(`daiban-sync: ${report.outcome} (${report.error?.code ?? 'unknown'}), the browser retries later`);
  }
}
