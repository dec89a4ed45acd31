/// <reference lib="webworker" />
// Updates wait for the user's consent: src/pwa/register asks, then posts SKIP_WAITING.
export {};
declare const self: ServiceWorkerGlobalScope;

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
