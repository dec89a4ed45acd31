// Entry: renders the first screen (login, lock, or the case list) with only what it needs, then
// loads the rest in the background (background-sw.ts: the service worker; background.ts: sync,
// catalogue, calendar).
// Everything here is glue; the logic lives in src/state. Issue 13: the first screen's JavaScript
// has a gzip budget (tests/e2e/workbench-bundle.spec.ts): import state modules directly, never
// the src/state or src/storage barrels, and nothing that carries zod, the catalogue or the rules.
import { render } from 'preact';
import { effect } from '@preact/signals';
import { App } from './ui/app';
import { createAppState, showToast, type AppState } from './state/app-state';
import { createRouter } from './state/router';
import { bootSession } from './state/session-boot';
import { readFirstPageEarly, showFirstPageEarly } from './state/case-list';
import { serveKeyToWorker, watchIdle } from './state/device-key';
import { firstRowsDrawn } from './state/first-rows';
import { longIdle } from './ui/app/long-idle';
import { linkAtLoad, linkManifest } from './ui/app/manifest-link';
import { chinaDate } from './domain/dates';
import { onceUntilFailed } from './domain/once-until-failed';
import './ui/theme.css';

// Whatever page opened this window (window.open) loses its hold on it: with the link cut, that
// page can no longer send this window anywhere (to a look-alike login, say). The server sends no
// Cross-Origin-Opener-Policy, which would cut it too but costs every cold start a second renderer
// process (src/server/http/security.ts). Nothing here uses the opener.
if (window.opener) window.opener = null;

const state = createAppState({
  router: createRouter(window),
  fetch: (input, init) => window.fetch(input, init),
  now: () => Date.now(),
  // The image worker and its bridge load with the first photo.
  processImage: async (file, options, ctl) => (await import('./workers/image/bridge')).processImage(file, options, ctl),
});

state.online.value = navigator.onLine;
// A page no service worker controls will download the app for offline use (background-sw.ts, at
// the first idle time): its banner is there from the first paint instead of pushing the screen
// down later (issue 13: Lighthouse's layout shift of 0.117 on the login page).
const controlled = !!navigator.serviceWorker?.controller;
if ('serviceWorker' in navigator && !controlled && !import.meta.env.DEV) state.offline.value = 'preparing';
// The manifest's link: at once where this start needs it, else after the first screen (below).
const manifestLinked = !controlled || linkAtLoad(window, Date.now());
if (manifestLinked) linkManifest();
window.addEventListener('online', () => {
  state.online.value = true;
});
window.addEventListener('offline', () => {
  state.online.value = false;
});
// Cases stay open across midnight: keep "today" (rules, due dates) current.
setInterval(() => {
  state.today.value = chinaDate(Date.now());
}, 60_000);

// Encryption at rest: the service worker gets the key from this page; idle pages lock.
serveKeyToWorker(state);
watchIdle(state, window);

const idle = () =>
  new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 2_000 });
    else setTimeout(resolve, 200);
  });

/** The agent's case list will be the screen: it is drawn once its first rows are. */
const listIsNext = (s: AppState) =>
  s.session.value?.user.role === 'agent' &&
  !s.session.value.user.mustChangePassword &&
  !s.sessionEnd.ended.value &&
  s.router.route.value.name === 'cases';

/** Resolves when the signed-in first screen is up: the case list's first rows, or idle time on
 *  any other screen (a deep link, a reviewer's desk). Waits through login and the lock screen. */
function signedInScreenUp(): Promise<void> {
  return new Promise((resolve) => {
    let dispose = () => undefined as void;
    const up = () => {
      queueMicrotask(() => dispose()); // also when the effect's first run already decides
      resolve();
    };
    void firstRowsDrawn().then(up);
    dispose = effect(() => {
      // On the login route a fresh session is about to navigate to its home: not up yet.
      const route = state.router.route.value.name;
      if (state.session.value && !state.deviceLock.lock.value.locked && route !== 'login' && !listIsNext(state))
        void idle().then(up);
    });
  });
}

// A locked start reads the list's first page while the PIN is typed, and draws the shell with it.
const beforeFirstScreen = (s: AppState) => (listIsNext(s) ? showFirstPageEarly(s) : Promise.resolve());

void bootSession(state, { readEarly: readFirstPageEarly, beforeFirstScreen })
  // This device's storage could not be read (blocked, full or damaged): the login comes next, and
  // the agent is told why nothing stored shows.
  .catch((e: unknown) =>
    showToast(
      state,
      'danger',
      `无法读取本机数据（${e instanceof Error ? e.message : String(e)}）。请刷新页面再试；仍不行，请联系县里的管理员。`,
    ),
  )
  .then(async () => {
    if (!state.session.value && state.router.route.value.name !== 'login')
      state.router.navigate({ name: 'login' }, { replace: true });
    // The service worker installs the app shell for offline use: on the login screen at the first
    // idle time (the agent is typing), otherwise once the first screen is up, with sync.
    const startServiceWorker = onceUntilFailed(() =>
      import('./background-sw').then((m) => m.startServiceWorker(state)),
    );
    if (!state.session.value || state.router.route.value.name === 'login')
      void idle()
        .then(startServiceWorker)
        .catch(() => undefined); // tried again below, once signed in
    await signedInScreenUp();
    // The browser's manifest and icon work (≈ 100 ms at 4×) at the first idle time after it.
    if (!manifestLinked) void idle().then(() => linkManifest());
    // Then in a long, quiet idle period: importing sync and the worker's wiring issues ~25 module
    // requests (≈ 110 ms of main thread at 4×), which right after the first rows delayed the list's
    // count and the agent's first tap (issue 13). Within 10 s even on a page that never rests.
    await longIdle();
    await Promise.all([startServiceWorker(), import('./background').then((m) => m.startSync(state))]);
  })
  // A file of this version could not be loaded (a first visit that lost its signal, or an update
  // half taken): the offline copy or sync does not start until a reload where there is signal.
  .catch(() => showToast(state, 'warning', '离线或同步功能没能启动。请在有信号的地方刷新页面。'));

render(<App state={state} />, document.getElementById('app')!);
