// Persistent storage and quota (StorageManager). Chrome grants persist() to installed apps, so
// we ask after login and again after install; the settings panel shows the answer and usage.

/** Below this much free quota, the agent is warned before capturing photos. */
export const LOW_SPACE_BYTES = 50 * 1024 * 1024;

export interface StorageEstimateInfo {
  usage: number;
  quota: number;
  free: number;
}

export async function estimateStorage(): Promise<StorageEstimateInfo | undefined> {
  if (!globalThis.navigator?.storage?.estimate) return undefined;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  return { usage, quota, free: Math.max(0, quota - usage) };
}

/** true when the data is protected from eviction; undefined when the browser cannot tell. */
export async function requestPersistentStorage(): Promise<boolean | undefined> {
  if (!globalThis.navigator?.storage?.persist) return undefined;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}

export async function isStoragePersisted(): Promise<boolean | undefined> {
  if (!globalThis.navigator?.storage?.persisted) return undefined;
  return navigator.storage.persisted();
}

/** Calls back when the user installs the PWA (the moment Chrome grants persistence). */
export function onAppInstalled(cb: () => void): () => void {
  window.addEventListener('appinstalled', cb);
  return () => window.removeEventListener('appinstalled', cb);
}
