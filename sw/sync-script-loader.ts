/// <reference lib="webworker" />
// Loads sw-sync.js (./sync-script.ts) into the worker. A worker may import a script after its
// first run only if it imported that script while installing (the service-worker spec; Chromium
// throws otherwise since 71), so it is imported once in `install`, then again — from the
// worker's own script store, no network — at the first drain of each later start of the worker.
import type { DrainOptions } from '../src/sync/drain';
import type { DrainReport } from '../src/sync/report';
import { exportDataKey } from '../src/storage/vault';
import { SYNC_SCRIPT_GLOBAL, type SyncScript } from './sync-script-api';

declare const __DAIBAN_SW_SYNC_URL__: string;
/** assets/sw-sync-<hash>.js, put in by the build (scripts/sw-sync-plugin.ts); never precached. */
const SYNC_SCRIPT_URL: string = __DAIBAN_SW_SYNC_URL__;

declare const self: ServiceWorkerGlobalScope;

const loaded = (): SyncScript | undefined =>
  (self as unknown as Record<string, SyncScript | undefined>)[SYNC_SCRIPT_GLOBAL];

/** Registers the install-time import (call at the top level of sw.js), where the browser has
 *  Background Sync at all (Safari and Firefox never fire `sync`). A failed import fails the
 *  install — the browser tries the update again later — instead of installing a worker that
 *  could never drain. */
export function importSyncScriptAtInstall(): void {
  if (!('sync' in self.registration)) return;
  self.addEventListener('install', (event) => {
    try {
      if (!loaded()) importScripts(SYNC_SCRIPT_URL);
    } catch (error) {
      console.error(`daiban: ${SYNC_SCRIPT_URL} could not be imported; the update is not installed`, error);
      event.waitUntil(Promise.reject(error instanceof Error ? error : new Error(String(error))));
    }
  });
}

/** One drain in sw-sync.js with this worker's key (the caller has checked it is here). */
export async function drainInSyncScript(options?: DrainOptions): Promise<DrainReport> {
  if (!loaded()) importScripts(SYNC_SCRIPT_URL);
  const script = loaded();
  if (!script) throw new Error(`${SYNC_SCRIPT_URL} did not register ${SYNC_SCRIPT_GLOBAL}`);
  return script.drain(exportDataKey(), options);
}

/** The key changed or was dropped here: sw-sync.js drops its copy (the next drain brings the
 *  current one). */
export function forgetKeyInSyncScript(): void {
  loaded()?.forget();
}
