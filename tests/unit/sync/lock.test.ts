import { describe, expect, it } from 'vitest';
import { memoryLocks, withSyncLock, type LockManagerLike } from '../../../src/sync/lock';

describe('sync lock', () => {
  it('lets one task in and turns the others away at once', async () => {
    const locks = memoryLocks();
    let release!: () => void;
    const first = withSyncLock(
      () =>
        new Promise<string>((r) => {
          release = () => r('first');
        }),
      locks,
    );
    const second = await withSyncLock(async () => 'second', locks);
    expect(second).toEqual({ acquired: false });
    release();
    expect(await first).toEqual({ acquired: true, value: 'first' });
    expect(await withSyncLock(async () => 'third', locks)).toEqual({ acquired: true, value: 'third' });
  });

  it('releases the lock when the task throws', async () => {
    const locks = memoryLocks();
    await expect(
      withSyncLock(async () => {
        throw new Error('boom');
      }, locks),
    ).rejects.toThrow('boom');
    expect(await withSyncLock(async () => 1, locks)).toEqual({ acquired: true, value: 1 });
  });

  it('asks the Web Locks API for the daiban-sync lock without queueing', async () => {
    const calls: Array<{ name: string; options: { ifAvailable: boolean } }> = [];
    const webLocks: LockManagerLike = {
      request(name, options, callback) {
        calls.push({ name, options });
        return callback(null); // taken elsewhere
      },
    };
    expect(await withSyncLock(async () => 1, webLocks)).toEqual({ acquired: false });
    expect(calls).toEqual([{ name: 'daiban-sync', options: { ifAvailable: true } }]);
  });
});
