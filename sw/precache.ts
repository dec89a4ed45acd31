/// <reference lib="webworker" />
// The app shell: every built file (JS incl. the bundled catalogue and workers, CSS, HTML, icons,
// manifest) is precached, so the app reloads fully offline after the first visit — except the
// worker's own sw-sync.js, which its script store keeps (./sync-script-loader.ts). Where the
// browser can, it answers the start page and the built files without this worker (./static-routes).
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, PrecacheController, PrecacheRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { addStaticRoutes, copyShellForStaticRoute, dropOtherShellCopies, shellCopyOf } from './static-routes';

declare const self: ServiceWorkerGlobalScope;

const manifest = self.__WB_MANIFEST;
const precache = new PrecacheController();
precache.addToCacheList(manifest);
const shell = shellCopyOf(manifest, precache);

self.addEventListener('install', (event) => {
  event.waitUntil(precache.install(event).then(() => shell && copyShellForStaticRoute(shell)));
  // After the precache's waitUntil: whatever a browser's addRoutes does, the install still fills it.
  if (shell) addStaticRoutes(event, shell);
});
self.addEventListener('activate', (event) => {
  event.waitUntil(precache.activate(event).then(() => shell && dropOtherShellCopies(shell)));
});
cleanupOutdatedCaches();
registerRoute(new PrecacheRoute(precache));
// Any navigation (deep links, reloads of /#/cases/…) gets the cached shell; the API never does.
registerRoute(
  new NavigationRoute(precache.createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//, /^\/q\//] }),
);
// The first install takes control at once so the very first visit is already offline-ready.
// Later versions still wait in `installed` until the user agrees (see ./update).
clientsClaim();
