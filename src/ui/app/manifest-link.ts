// The web app manifest's link (installing the app; the installed app's update check). Not in
// index.html: with it there, every start had the browser fetch the manifest and decode its icon on
// the page's main thread (≈ 100 ms at 4× CPU, traced, issue 13), which landed between the PIN and
// the list. main.tsx links it at load where a start needs it then:
// - a page no service worker controls (a first visit): the install offer needs it;
// - an installed app's window, for a week after this device first ran with a new revision of the
//   manifest (or its icons): the browser checks an installed app's manifest for updates as its
//   page finishes loading, at most once a day, and gives up on a page without the link.
// Otherwise at the first idle time once the signed-in first screen (the list, a desk) is up.

const MANIFEST_HREF = '/manifest.webmanifest';
/** The revision this device last ran with, and since when: { revision, since } (ms). */
const SEEN_KEY = 'daiban:manifest-seen';
/** How long an installed app links a new manifest at load: a tablet off for days still catches it. */
export const LINK_AT_LOAD_FOR_MS = 7 * 86_400_000;

/** Put in by the build (vite.config.ts, scripts/manifest-revision.ts); absent in unit tests. */
declare const __MANIFEST_REVISION__: string | undefined;
const REVISION = typeof __MANIFEST_REVISION__ === 'string' ? __MANIFEST_REVISION__ : 'unbuilt';

type StartWindow = Pick<Window, 'matchMedia' | 'localStorage'>;

/** An installed app's window (display-mode from the manifest), not a browser tab. */
const installedApp = (win: StartWindow): boolean =>
  win.matchMedia('(display-mode: standalone), (display-mode: fullscreen), (display-mode: minimal-ui)').matches;

/** Whether a start a service worker controls links the manifest at load (see above). */
export function linkAtLoad(win: StartWindow, now: number, revision: string = REVISION): boolean {
  if (!installedApp(win)) return false;
  try {
    const seen = JSON.parse(win.localStorage.getItem(SEEN_KEY) ?? 'null') as { revision?: unknown; since?: unknown };
    if (seen?.revision === revision && typeof seen.since === 'number') return now - seen.since < LINK_AT_LOAD_FOR_MS;
    win.localStorage.setItem(SEEN_KEY, JSON.stringify({ revision, since: now }));
  } catch {
    // Storage blocked or full: link at load, as before this was deferred.
  }
  return true;
}

/** Adds the manifest's link to the page (once). */
export function linkManifest(doc: Document = document): void {
  if (doc.querySelector('link[rel="manifest"]')) return;
  const link = doc.createElement('link');
  link.rel = 'manifest';
  link.href = MANIFEST_HREF;
  doc.head.append(link);
}
