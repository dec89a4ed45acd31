// What the page runs besides its first screen, loaded by main.tsx once that screen is up: sync,
// the pulled catalogue and holiday calendar, the device-problem watch, the agent's next screens
// (the service worker: background-sw.ts). Everything here is glue; the logic lives in src/state.
import { effect } from '@preact/signals';
import type { AppState } from './state/app-state';
import { connectSync } from './state/sync-wiring';
import { loadPulledCatalog } from './state/catalog-lookup';
import { loadHolidayCalendar } from './state/holiday-calendar';
import { refreshSyncStatus } from './state/sync-status';
import { watchDeviceProblems } from './state/device-problems';
import { preloadAgentScreens } from './ui/app/preload-screens';

/** Sync and what it keeps current; runs while someone is signed in (it needs the token). */
export function startSync(state: AppState): void {
  const sync = connectSync(state);
  state.deps.syncNow = () => sync.requestSync();
  watchDeviceProblems(state);
  void loadPulledCatalog().catch(() => undefined);
  void loadHolidayCalendar().catch(() => undefined);
  if (state.session.value?.user.role === 'agent') void preloadAgentScreens(state);
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
}
