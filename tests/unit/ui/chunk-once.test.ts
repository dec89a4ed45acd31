// The lazy screens' chunk cache (src/ui/app/chunk-once.ts), shared by the idle preload and the
// screens' lazy wrappers: one load, its result readable at once afterwards, a failure retried.
import { describe, expect, it, vi } from 'vitest';
import { chunkOnce } from '../../../src/ui/app/chunk-once';

describe('chunkOnce', () => {
  it('loads once and is ready (synchronously) once the load has resolved', async () => {
    const load = vi.fn(() => Promise.resolve('screen'));
    const chunk = chunkOnce(load);
    expect(chunk.ready()).toBeNull();
    const first = chunk.load();
    expect(chunk.load()).toBe(first);
    expect(chunk.ready()).toBeNull(); // not before the import has settled
    await expect(first).resolves.toBe('screen');
    expect(chunk.ready()).toBe('screen');
    await chunk.load();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads again after a failure (e.g. offline after an update), and is not ready meanwhile', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce('screen');
    const chunk = chunkOnce<string>(load);
    await expect(chunk.load()).rejects.toThrow('offline');
    expect(chunk.ready()).toBeNull();
    await expect(chunk.load()).resolves.toBe('screen');
    expect(chunk.ready()).toBe('screen');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
