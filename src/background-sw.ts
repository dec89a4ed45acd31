// The service worker's registration (the app shell for offline use, the update prompt) and the
// storage figures, loaded by main.tsx at the first idle time. Glue only.
import type { AppState } from './state/app-state';
import { refreshStorageInfo, requestPersistence } from './state/storage-info';
import { registerServiceWorker } from './pwa/register';
import { onAppInstalled } from './pwa/storage-quota';

/** Registers the service worker (the app shell for offline use) with its update prompt. */
export function startServiceWorker(state: AppState): void {
  const workbox = registerServiceWorker({
    onUpdateReady: (apply) => {
      state.updateReady.value = () => {
        state.updateStuck.value = false;
        apply();
      };
    },
    onUpdateStuck: () => {
      state.updateStuck.value = true;
    },
    onOffline: (readiness) => {
      state.offline.value = readiness;
    },
  });
  state.deps.checkForUpdate = async () => {
    await workbox?.update();
  };
  // Chrome grants persistent storage to installed apps: ask again right after install.
  onAppInstalled(() => void requestPersistence(state).then(() => refreshStorageInfo(state)));
  void refreshStorageInfo(state);
}
