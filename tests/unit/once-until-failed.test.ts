// onceUntilFailed (src/domain/once-until-failed.ts): one load shared by every caller; a failed load
// is forgotten, so the next call loads again (a chunk fetched once there is signal).
import { describe, expect, it, vi } from 'vitest';
import { onceUntilFailed } from '../../src/domain/once-until-failed';

describe('onceUntilFailed', () => {
  it('shares one load between calls, even while it is under way', async () => {
    const load = vi.fn(async () => 'client');
    const get = onceUntilFailed(load);
    const [a, b] = [get(), get()];
    expect(await a).toBe('client');
    expect(await b).toBe('client');
    expect(await get()).toBe('client');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads again after a failure, and keeps the load that succeeded', async () => {
    const load = vi.fn().mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValue('client');
    const get = onceUntilFailed(load);
    await expect(get()).rejects.toThrow('Failed to fetch');
    expect(await get()).toBe('client');
    expect(await get()).toBe('client');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
