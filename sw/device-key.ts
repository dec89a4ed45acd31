/// <reference lib="webworker" />
// The service worker's copy of the data key: posted by an unlocked page, kept in memory only,
// dropped when a page locks or logs out (src/state/device-key.ts). A worker the browser restarted
// has forgotten it and asks open pages (see ./background-sync).
import { receiveDataKey } from '../src/storage/worker-key';
import { DEVICE_KEY_MESSAGE } from '../src/sync/names';
import { forgetKeyInSyncScript } from './sync-script-loader';

declare const self: ServiceWorkerGlobalScope;

self.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown; key?: unknown } | null;
  if (data?.type !== DEVICE_KEY_MESSAGE) return;
  const key = data.key instanceof Uint8Array ? data.key : undefined;
  forgetKeyInSyncScript();
  receiveDataKey(key);
});
