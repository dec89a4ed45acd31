/// <reference lib="webworker" />
// The app shell: every built file (JS incl. the bundled catalogue and workers, CSS, HTML, icons,
// manifest) is precached, so the app reloads fully offline after the first visit — except the
// worker's own sw-sync.js, which its script store keeps (./sync-script-loader.ts).
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope;

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
// Any navigation (deep links, reloads of /#/cases/…) gets the cached shell; the API never does.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//, /^\/q\//] }));
// The first install takes control at once so the very first visit is already offline-ready.
// Later versions still wait in `installed` until the user agrees (see ./update).
clientsClaim();
