// Service-worker registration with an update prompt (workbox-window). A new version waits until
// the user agrees: only then SKIP_WAITING is posted (./activate-waiting), and the page reloads once
// the new worker controls it. Never a silent skipWaiting: a half-filled form must not vanish under
// the agent.
import { Workbox } from 'workbox-window';
import { activateWaiting } from './activate-waiting';
import { flushBeforeReload } from './flush-before-reload';

export interface ServiceWorkerHooks {
  /** A new version is installed and waiting; call `apply` when the user agrees. */
  onUpdateReady: (apply: () => void) => void;
  /** `apply` asked the new version to take over until it gave up (≈ 1 minute): tell the user how. */
  onUpdateStuck?: () => void;
  /**
   * Offline readiness: 'ready' at once when a worker already controls the page (its install cached
   * the shell), else 'preparing' until the first install ends — 'just-ready', or 'failed' if the
   * download broke off (the worker turned redundant without activating).
   */
  onOffline?: (readiness: 'preparing' | 'just-ready' | 'ready' | 'failed') => void;
}

const UPDATE_CHECK_MS = 60 * 60 * 1000;
/** A page still here this long after its reload was asked for: the agent called the reload off. */
const RELOAD_CALLED_OFF_MS = 5_000;

export function registerServiceWorker(hooks: ServiceWorkerHooks, url = '/sw.js'): Workbox | undefined {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return undefined;
  // A classic worker (every browser with service workers). The bundle must stay free of ESM-only
  // syntax such as `import.meta` (a dynamic import on the SW's path brings Vite's preload helper):
  // tests/e2e/pwa.spec.ts fails if the worker no longer installs.
  const wb = new Workbox(url);
  hooks.onOffline?.(navigator.serviceWorker.controller ? 'ready' : 'preparing');
  let reloading = false;
  const reload = () => {
    if (reloading) return;
    reloading = true;
    window.location.reload();
    // The browser asks first while a save is under way (the workbench's unload guard), and the
    // agent may stay: then the banner offers the update again instead of waiting for a reload.
    setTimeout(() => {
      reloading = false;
      hooks.onUpdateReady(apply);
    }, RELOAD_CALLED_OFF_MS);
  };
  let applying = false;
  const apply = () => {
    if (applying || reloading) return;
    applying = true;
    wb.addEventListener('controlling', reload);
    // Typed input still waiting for its pause is written before the new version takes over.
    void flushBeforeReload()
      .then(() => navigator.serviceWorker.getRegistration())
      .then((registration) =>
        registration ? activateWaiting({ registration, reload, setTimeout: (fn, ms) => setTimeout(fn, ms) }) : false,
      )
      .then((tookOver) => {
        if (!tookOver) hooks.onUpdateStuck?.();
      })
      // Storage or the registration could not be read: the banner says how to take the update.
      .catch(() => hooks.onUpdateStuck?.())
      .finally(() => {
        applying = false; // not taken over: the banner's button tries again
      });
  };
  wb.addEventListener('waiting', () => hooks.onUpdateReady(apply));
  wb.addEventListener('activated', (event) => {
    if (!event.isUpdate) hooks.onOffline?.('just-ready');
  });
  wb.addEventListener('redundant', (event) => {
    if (!event.isUpdate && !navigator.serviceWorker.controller) hooks.onOffline?.('failed');
  });
  // An update check without a connection fails; the next one (hourly, or when shown) tries again.
  const checkQuietly = () => void wb.update().catch(() => undefined);
  wb.register().then(
    () => {
      // Tablets stay open for days: look for a new version now and then, and when shown again.
      setInterval(checkQuietly, UPDATE_CHECK_MS);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible' && navigator.onLine) checkQuietly();
      });
    },
    // The worker's script could not be fetched (a first visit that lost its connection): the
    // offline banner says the app is not ready offline and offers a reload.
    () => {
      if (!navigator.serviceWorker.controller) hooks.onOffline?.('failed');
    },
  );
  return wb;
}
