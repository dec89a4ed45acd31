// An update waits for pending form writes (before-reload.ts), but never hangs on one.
import { describe, expect, it } from 'vitest';
import { flushBeforeReload, onBeforeReload } from '../../../src/state/before-reload';

describe('flush before reload', () => {
  it('runs every registered flush and waits for it; a removed one is not run', async () => {
    const done: string[] = [];
    const a = onBeforeReload(async () => {
      await new Promise((r) => setTimeout(r, 20));
      done.push('a');
    });
    const b = onBeforeReload(async () => {
      done.push('b');
    });
    b();
    await flushBeforeReload();
    expect(done).toEqual(['a']);
    a();
  });

  it('gives up on a flush that never ends, and survives one that fails', async () => {
    const stuck = onBeforeReload(() => new Promise(() => undefined));
    const failing = onBeforeReload(() => Promise.reject(new Error('disk full')));
    const started = Date.now();
    await flushBeforeReload(50);
    expect(Date.now() - started).toBeLessThan(1_000);
    stuck();
    failing();
  });
});
