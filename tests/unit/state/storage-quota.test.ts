import { afterEach, describe, expect, it, vi } from 'vitest';
import { estimateStorage, LOW_SPACE_BYTES, requestPersistentStorage } from '../../../src/pwa/storage-quota';

const MB = 1024 * 1024;
function stubStorage(storage: Partial<StorageManager> | undefined) {
  vi.stubGlobal('navigator', storage ? { storage } : {});
}

describe('storage quota', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reports usage, quota and what is left', async () => {
    stubStorage({ estimate: async () => ({ usage: 30 * MB, quota: 70 * MB }) });
    expect(await estimateStorage()).toEqual({ usage: 30 * MB, quota: 70 * MB, free: 40 * MB });
    expect(40 * MB).toBeLessThan(LOW_SPACE_BYTES); // this device would be warned before capture
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
