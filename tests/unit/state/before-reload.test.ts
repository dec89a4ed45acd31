// An update waits for pending form writes (before-reload.ts, pwa/register.ts), but never hangs.
import { describe, expect, it } from 'vitest';
import { onBeforeReload } from '../../../src/state/before-reload';
import { flushBeforeReload } from '../../../src/pwa/flush-before-reload';

describe('flush before reload', () => {
  it('runs every registered flush and waits for it; a removed one is not run', async () => {
    const page = new EventTarget();
    const done: string[] = [];
    const a = onBeforeReload(async () => {
      await new Promise((r) => setTimeout(r, 20));
      done.push('a');
    }, page);
    const b = onBeforeReload(async () => {
      done.push('b');
    }, page);
    b();
    await flushBeforeReload(page);
    expect(done).toEqual(['a']);
    a();
  });

  it('gives up on a flush that never ends, and survives one that fails', async () => {
    const page = new EventTarget();
    onBeforeReload(() => new Promise(() => undefined), page);
    onBeforeReload(() => Promise.reject(new Error('disk full')), page);
    const started = Date.now();
    await flushBeforeReload(page, 50);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
