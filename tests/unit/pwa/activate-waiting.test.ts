// The update's last step: the waiting worker is asked until it takes over, and the page reloads
// exactly once, whichever signal comes first.
import { describe, expect, it } from 'vitest';
import { activateWaiting, type WorkerLike } from '../../../src/pwa/activate-waiting';
import { SKIP_WAITING_MESSAGE } from '../../../src/sync/names';

/** A waiting worker that ignores the first `deaf` messages (a start that failed), then activates. */
class FakeWorker implements WorkerLike {
  state = 'installed';
  received: unknown[] = [];
  private listeners: Array<() => void> = [];
  constructor(
    private registration: { waiting: WorkerLike | null },
    private deaf: number,
  ) {}
  postMessage(message: unknown) {
    this.received.push(message);
    if (this.received.length > this.deaf) this.activate();
  }
  addEventListener(_type: 'statechange', listener: () => void) {
    this.listeners.push(listener);
  }
  activate() {
    this.registration.waiting = null;
    for (const state of ['activating', 'activated']) {
      this.state = state;
      for (const listener of this.listeners) listener();
    }
  }
}

/** A registration whose waiting worker ignores its first `deaf` messages. */
function waitingWorker(deaf: number) {
  const registration: { waiting: WorkerLike | null } = { waiting: null };
  const worker = new FakeWorker(registration, deaf);
  registration.waiting = worker;
  return { registration, worker };
}

/** Timers run by hand: `tick()` runs what is due next. */
function manualTimers() {
  const due: Array<() => void> = [];
  return {
    setTimeout: (fn: () => void) => due.push(fn),
    tick: () => due.shift()?.(),
    get pending() {
      return due.length;
    },
  };
}

describe('activateWaiting', () => {
  it('asks again when the first SKIP_WAITING is lost, and reloads once', async () => {
    const { registration, worker } = waitingWorker(2);
    const timers = manualTimers();
    let reloads = 0;
    const result = activateWaiting({ registration, reload: () => reloads++, setTimeout: timers.setTimeout });
    expect(worker.received).toEqual([{ type: SKIP_WAITING_MESSAGE }]);
    expect(reloads).toBe(0);
    timers.tick();
    expect(reloads).toBe(0);
    timers.tick(); // the third message is heard
    expect(worker.received).toHaveLength(3);
    expect(reloads).toBe(1);
    timers.tick(); // a timer still due does nothing more
    expect(worker.received).toHaveLength(3);
    expect(reloads).toBe(1);
    await expect(result).resolves.toBe(true);
  });

  it('reloads on the worker’s own state change, without any controllerchange', async () => {
    const { registration, worker } = waitingWorker(Infinity);
    const timers = manualTimers();
    let reloads = 0;
    const result = activateWaiting({ registration, reload: () => reloads++, setTimeout: timers.setTimeout });
    worker.activate(); // e.g. another tab's update took over
    expect(reloads).toBe(1);
    await expect(result).resolves.toBe(true);
  });

  it('reloads at once when nothing waits any more (it took over, or was replaced)', async () => {
    let reloads = 0;
    const timers = manualTimers();
    const result = activateWaiting({
      registration: { waiting: null },
      reload: () => reloads++,
      setTimeout: timers.setTimeout,
    });
    expect(reloads).toBe(1);
    expect(timers.pending).toBe(0);
    await expect(result).resolves.toBe(true);
  });

  it('gives up after maxAsks without reloading, and still reloads if the worker takes over later', async () => {
    const { registration, worker } = waitingWorker(Infinity);
    const timers = manualTimers();
    let reloads = 0;
    const result = activateWaiting({
      registration,
      reload: () => reloads++,
      setTimeout: timers.setTimeout,
      maxAsks: 3,
    });
    timers.tick();
    timers.tick();
    expect(timers.pending).toBe(0);
    expect(worker.received).toHaveLength(3);
    await expect(result).resolves.toBe(false);
    expect(reloads).toBe(0);
    worker.activate();
    expect(reloads).toBe(1);
  });
});
