// The web app manifest's link (installing the app; the installed app's update check). Not in
// index.html: with it there, every start had the browser fetch the manifest and decode its icon on
// the page's main thread (≈ 100 ms at 4× CPU, traced, issue 13) between the first paint and the
// list (it landed behind the PIN, in the unlock's wait). main.tsx links it at once on a first
// visit (the install offer needs it) and, on an everyday start, when it starts the service worker:
// at the first idle time on the login screen, in a long idle time once the list is up.

const MANIFEST_HREF = '/manifest.webmanifest';

/** Adds the manifest's link to the page (once). */
export function linkManifest(doc: Document = document): void {
  if (doc.querySelector('link[rel="manifest"]')) return;
  const link = doc.createElement('link');
  link.rel = 'manifest';
  link.href = MANIFEST_HREF;
  doc.head.append(link);
}
