import { afterEach, describe, expect, it, vi } from 'vitest';
import { estimateStorage, requestPersistentStorage } from '../../../src/pwa/storage-quota';
import { createAppState } from '../../../src/state';
import { isSpaceLow, refreshStorageInfo, requestPersistence } from '../../../src/state/storage-info';
import { memoryRouter, NOW } from './harness';

const MB = 1024 * 1024;
function stubStorage(storage: Partial<StorageManager> | undefined) {
  vi.stubGlobal('navigator', storage ? { storage } : {});
}

function appState() {
  return createAppState({
    router: memoryRouter(),
    now: () => NOW,
    fetch: () => Promise.reject(new Error('no network in this test')),
    processImage: () => Promise.reject(new Error('no images in this test')),
  });
}

/** What isSpaceLow says for a browser that reports this usage and quota. */
async function lowWith(estimate: StorageEstimate) {
  stubStorage({ estimate: async () => estimate, persisted: async () => false });
  return isSpaceLow(appState());
}

describe('storage quota', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reports usage, quota and what is left', async () => {
    stubStorage({ estimate: async () => ({ usage: 30 * MB, quota: 70 * MB }) });
    expect(await estimateStorage()).toEqual({ usage: 30 * MB, quota: 70 * MB, free: 40 * MB });
  });

  it('never reports negative free space (usage can exceed the quota after it shrank)', async () => {
    stubStorage({ estimate: async () => ({ usage: 90 * MB, quota: 80 * MB }) });
    expect(await estimateStorage()).toEqual({ usage: 90 * MB, quota: 80 * MB, free: 0 });
  });

  it('warns before capture when less than 50 MB is free', async () => {
    // The warning banners say "不足 50 MB": the line is 50 MiB of free quota, strictly below.
    expect(await lowWith({ usage: 30 * MB, quota: 70 * MB })).toBe(true); // 40 MB free
    expect(await lowWith({ usage: 0, quota: 50 * MB - 1 })).toBe(true);
    expect(await lowWith({ usage: 100 * MB, quota: 100 * MB })).toBe(true); // full
    expect(await lowWith({ usage: 0, quota: 50 * MB })).toBe(false); // exactly 50 MB free
    expect(await lowWith({ usage: 10 * MB, quota: 2048 * MB })).toBe(false);
  });

  it('does not warn when the quota is unknown', async () => {
    // Browsers that answer without a quota (0) or without a StorageManager at all.
    expect(await lowWith({ usage: 10 * MB })).toBe(false);
    expect(await lowWith({})).toBe(false);
    stubStorage(undefined);
    expect(await isSpaceLow(appState())).toBe(false);
    stubStorage({ estimate: () => Promise.reject(new Error('SecurityError')) });
    expect(await isSpaceLow(appState())).toBe(false);
  });

  it('keeps the latest estimate and the persistence answer in the app state', async () => {
    const state = appState();
    stubStorage({
      estimate: async () => ({ usage: 5 * MB, quota: 500 * MB }),
      persisted: async () => false,
      persist: async () => true,
    });
    await refreshStorageInfo(state);
    expect(state.storageInfo.value).toEqual({ usage: 5 * MB, quota: 500 * MB, free: 495 * MB });
    expect(state.persisted.value).toBe(false);
    await requestPersistence(state);
    expect(state.persisted.value).toBe(true);
  });

  it('is unknown where the browser has no StorageManager', async () => {
    stubStorage(undefined);
    expect(await estimateStorage()).toBeUndefined();
    expect(await requestPersistentStorage()).toBeUndefined();
  });

  it('asks for persistence only when not yet persistent', async () => {
    const persist = vi.fn(async () => true);
    stubStorage({ persisted: async () => true, persist });
    expect(await requestPersistentStorage()).toBe(true);
    expect(persist).not.toHaveBeenCalled();
    stubStorage({ persisted: async () => false, persist });
    expect(await requestPersistentStorage()).toBe(true);
    expect(persist).toHaveBeenCalledOnce();
  });
});
