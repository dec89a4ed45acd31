/// <reference lib="webworker" />
// Static routes (Chromium 123+, the tablets' and desks' browser): the browser answers the start
// page and the built files from Cache Storage by itself, without first starting this worker — on a
// cold start the HTML and the first screen's script no longer wait for the worker's thread and
// script (issue 13). Browsers without `addRoutes` ask the fetch handler (./precache), which answers
// the same bytes. Routes belong to the version that added them, so the start page is copied into a
// cache named after its revision: a page reloaded before the user accepts an update still gets the
// HTML of the version that controls it.
import type { PrecacheController, PrecacheEntry } from 'workbox-precaching';

declare const self: ServiceWorkerGlobalScope;

const SHELL_CACHE_PREFIX = 'daiban-shell-';

type RouterCondition = { urlPattern: { pathname: string; search?: string; baseURL: string }; requestMode?: string };
type RouterRule = { condition: RouterCondition; source: { cacheName: string } };
type InstallEventWithRoutes = ExtendableEvent & { addRoutes?: (rules: RouterRule[]) => Promise<void> };

export type ShellCopy = {
  /** The precache's own key for index.html (it carries the revision). */
  htmlCacheKey: string;
  /** The revision of index.html: names this version's shell cache. */
  revision: string;
  /** Workbox's precache. */
  precacheName: string;
  /**
   * Every built file under assets/ is stored under its own URL (hashed names: no revision), so a
   * route can send /assets/* to the precache; a revisioned one would miss there, offline too.
   */
  assetsUnderOwnURL: boolean;
};

/** What the routes need from this version's precache manifest; none without an index.html. */
export function shellCopyOf(manifest: (string | PrecacheEntry)[], precache: PrecacheController): ShellCopy | undefined {
  const entries = manifest.filter((e) => typeof e !== 'string');
  const html = entries.find((e) => e.url === 'index.html');
  const htmlCacheKey = precache.getCacheKeyForURL('/index.html');
  if (!html?.revision || !htmlCacheKey) return undefined;
  return {
    htmlCacheKey,
    revision: html.revision,
    precacheName: precache.strategy.cacheName,
    assetsUnderOwnURL: entries.every((e) => !e.url.startsWith('assets/') || !e.revision),
  };
}

const shellCacheName = (revision: string) => `${SHELL_CACHE_PREFIX}${revision}`;

/** Called synchronously in `install`: the routes are part of the version being installed. */
export function addStaticRoutes(event: ExtendableEvent, shell: ShellCopy): void {
  const addRoutes = (event as InstallEventWithRoutes).addRoutes;
  if (!addRoutes) return;
  const baseURL = self.registration.scope;
  const start = new URL(baseURL).pathname;
  const rules: RouterRule[] = [
    // Only the bare start page ("/", every hash route): a query string would miss the copy.
    {
      condition: { urlPattern: { pathname: start, search: '', baseURL }, requestMode: 'navigate' },
      source: { cacheName: shellCacheName(shell.revision) },
    },
  ];
  // A file not in the cache goes on to the network, as through the fetch handler.
  if (shell.assetsUnderOwnURL)
    rules.push({
      condition: { urlPattern: { pathname: `${start}assets/*`, baseURL } },
      source: { cacheName: shell.precacheName },
    });
  // A browser that refuses the rules keeps the fetch handler for everything: nothing is lost.
  addRoutes.call(event, rules).catch((e: unknown) => console.warn('static routes refused; the worker answers', e));
}

/** After the precache is filled: the start page, stored under its own URL for the static route. */
export async function copyShellForStaticRoute(shell: ShellCopy): Promise<void> {
  const html = await (await caches.open(shell.precacheName)).match(shell.htmlCacheKey);
  if (!html) throw new Error('index.html is missing from the precache');
  await (await caches.open(shellCacheName(shell.revision))).put(self.registration.scope, html);
}

/** In `activate`: earlier versions' start pages are no longer routed to. */
export async function dropOtherShellCopies(shell: ShellCopy): Promise<void> {
  const current = shellCacheName(shell.revision);
  const names = await caches.keys();
  await Promise.all(
    names.filter((n) => n.startsWith(SHELL_CACHE_PREFIX) && n !== current).map((n) => caches.delete(n)),
  );
}
