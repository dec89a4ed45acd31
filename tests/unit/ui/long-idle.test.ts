// The background preload's idle wait (src/ui/app/long-idle.ts): it takes only an idle period with
// no frame due (a long one), never the few ms between a fling's frames, unless the page never
// rests for SHORT_IDLE_AFTER_MS. requestIdleCallback is faked: each call is answered by the test.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LONG_IDLE_MS, longIdle, noteActivity, QUIET_MS, SHORT_IDLE_AFTER_MS } from '../../../src/ui/app/long-idle';

type IdleCb = (deadline: { timeRemaining: () => number; didTimeout: boolean }) => void;

function fakeIdle() {
  const pending: IdleCb[] = [];
  vi.stubGlobal('requestIdleCallback', (cb: IdleCb) => pending.push(cb));
  /** Answers the one waiting callback with `ms` of idle time. */
  const give = (ms: number) => {
    const cb = pending.shift();
    if (!cb) throw new Error('nothing waits for idle time');
    cb({ timeRemaining: () => ms, didTimeout: false });
  };
  return { give, waiting: () => pending.length };
}

const settled = async (p: Promise<void>) => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 0));
  return done;
};

afterEach(() => vi.unstubAllGlobals());

describe('longIdle', () => {
  it('lets the short idle periods between frames pass and resolves in a long one', async () => {
    const idle = fakeIdle();
    const wait = longIdle(() => 0);
    for (const ms of [3, 12, 16, LONG_IDLE_MS - 1]) {
      idle.give(ms);
      expect(await settled(wait)).toBe(false);
    }
    expect(idle.waiting()).toBe(1);
    idle.give(49);
    expect(await settled(wait)).toBe(true);
  });

  it('waits until QUIET_MS after the agent last touched or scrolled', async () => {
    const idle = fakeIdle();
    let t = 50_000;
    const wait = longIdle(() => t);
    noteActivity(t - 10); // a scroll just now
    idle.give(49);
    expect(await settled(wait)).toBe(false);
    t += QUIET_MS - 20;
    idle.give(49);
    expect(await settled(wait)).toBe(false);
    t += 20;
    idle.give(49);
    expect(await settled(wait)).toBe(true);
  });

  it('takes any idle time once the page has not rested for SHORT_IDLE_AFTER_MS', async () => {
    const idle = fakeIdle();
    let t = 1_000;
    const wait = longIdle(() => t);
    idle.give(5);
    expect(await settled(wait)).toBe(false);
    t += SHORT_IDLE_AFTER_MS + 1;
    idle.give(5);
    expect(await settled(wait)).toBe(true);
  });
});
