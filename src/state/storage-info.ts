// Quota and persistence as state: the settings panel shows them, capture warns when space is short.
import { estimateStorage, LOW_SPACE_BYTES, requestPersistentStorage, isStoragePersisted } from '../pwa/storage-quota';
import type { AppState } from './app-state';

export async function refreshStorageInfo(state: AppState): Promise<void> {
  state.storageInfo.value = await estimateStorage().catch(() => undefined);
  if (state.persisted.value === undefined) state.persisted.value = await isStoragePersisted().catch(() => undefined);
}

export async function requestPersistence(state: AppState): Promise<void> {
  state.persisted.value = await requestPersistentStorage().catch(() => undefined);
}

/** True when the free quota is known and below the warning line. */
export async function isSpaceLow(state: AppState): Promise<boolean> {
  await refreshStorageInfo(state);
  const info = state.storageInfo.value;
  return info !== undefined && info.quota > 0 && info.free < LOW_SPACE_BYTES;
}
