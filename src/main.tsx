// Entry: wires the app state to the browser (router, network, image worker, sync, service worker)
// and renders. Everything here is glue; the logic lives in src/state.
import { render } from 'preact';
import { effect } from '@preact/signals';
import { App } from './ui/app';
// Direct module imports, not the src/state barrel: the barrel also carries the workbench actions
// and the rules engine, which the first screen does not need (they load with the workbench).
import { createAppState } from './state/app-state';
import { createRouter } from './state/router';
import { bootSession } from './state/session-actions';
import { serveKeyToWorker, watchIdle } from './state/device-key';
import { connectSync } from './state/sync-wiring';
import { loadPulledCatalog } from './state/catalog-lookup';
import { loadHolidayCalendar } from './state/holiday-calendar';
import { refreshStorageInfo, requestPersistence } from './state/storage-info';
import { refreshSyncStatus } from './state/sync-status';
import { watchDeviceProblems } from './state/device-problems';
import { processImage } from './workers/image/bridge';
import { registerServiceWorker } from './pwa/register';
import { onAppInstalled } from './pwa/storage-quota';
import { chinaDate } from './domain/dates';
import './ui/theme.css';

const state = createAppState({
  router: createRouter(window),
  fetch: (input, init) => window.fetch(input, init),
  now: () => Date.now(),
  processImage,
});
const sync = connectSync(state);
state.deps.syncNow = () => sync.requestSync();

state.online.value = navigator.onLine;
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

const workbox = registerServiceWorker({
  onUpdateReady: (apply) => {
    state.updateReady.value = apply;
  },
});
state.deps.checkForUpdate = async () => {
  await workbox?.update();
};
watchDeviceProblems(state);
// Encryption at rest: the service worker gets the key from this page; idle pages lock.
serveKeyToWorker(state);
watchIdle(state, window);
// Chrome grants persistent storage to installed apps: ask again right after install.
onAppInstalled(() => void requestPersistence(state).then(() => refreshStorageInfo(state)));

void bootSession(state).then(() => {
  if (!state.session.value && state.router.route.value.name !== 'login')
    state.router.navigate({ name: 'login' }, { replace: true });
  void loadPulledCatalog().catch(() => undefined);
  void loadHolidayCalendar().catch(() => undefined);
  void refreshStorageInfo(state);
  // Sync runs while someone is signed in (it needs the token), and stops at logout.
  effect(() => {
    // Not while a one-time password awaits its change: the server refuses everything else.
    // Nor while the device is locked: the outbox is sealed (the lock screen says 解锁后同步).
    if (state.session.value && !state.session.value.user.mustChangePassword && !state.deviceLock.lock.value.locked) {
      void refreshSyncStatus(state).catch(() => undefined);
      sync.start();
    } else {
      sync.stop();
    }
  });
});

render(<App state={state} />, document.getElementById('app')!);
