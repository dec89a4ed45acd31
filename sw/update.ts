/// <reference lib="webworker" />
// Updates wait for the user's consent: src/pwa/register asks, then posts SKIP_WAITING.
import { SKIP_WAITING_MESSAGE } from '../src/sync/names';
declare const self: ServiceWorkerGlobalScope;

self.addEventListener('message', (event) => {
  if (event.data?.type === SKIP_WAITING_MESSAGE) void self.skipWaiting();
});
