/// <reference types="vite/client" />
// (register.ts reads import.meta.env, which Vite types: the reference above.)
// The update prompt's registration (src/pwa/register.ts) with workbox-window replaced by a fake:
// a new version that never takes over, however often it is asked, ends in onUpdateStuck (the
// banner then says how to finish the update) and the button works again; one that does reloads.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const workbox = vi.hoisted(() => ({
  listeners: new Map<string, Array<(e: unknown) => void>>(),
  /** What register() and update() answer (a first visit that lost its connection rejects). */
  register: () => Promise.resolve(),
  update: () => Promise.resolve(),
  emit(type: string, event: unknown = {}) {
    for (const l of this.listeners.get(type) ?? []) l(event);
  },
}));
vi.mock('workbox-window', () => ({
  Workbox: class {
    addEventListener(type: string, l: (e: unknown) => void) {
      workbox.listeners.set(type, [...(workbox.listeners.get(type) ?? []), l]);
    }
    register = () => workbox.register();
    update = () => workbox.update();
  },
}));

const { registerServiceWorker } = await import('../../../src/pwa/register');

/** A waiting worker that activates on the `activateOnAsk`-th ask (never with 0). */
function waitingWorker(activateOnAsk: number) {
  const listeners: Array<() => void> = [];
  const worker = {
    state: 'installed',
    asks: 0,
    postMessage() {
      if (++worker.asks !== activateOnAsk) return;
      worker.state = 'activated';
      for (const l of listeners) l();
    },
    addEventListener: (_t: string, l: () => void) => listeners.push(l),
  };
  return worker;
}

describe('registerServiceWorker: applying an update', () => {
  const reload = vi.fn();
  let worker: ReturnType<typeof waitingWorker>;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubEnv('DEV', false);
    workbox.listeners.clear();
    reload.mockReset();
    vi.stubGlobal('navigator', {
      serviceWorker: { controller: {}, getRegistration: async () => ({ waiting: worker }) },
      onLine: true,
    });
    vi.stubGlobal('window', { location: { reload }, addEventListener: () => undefined, dispatchEvent: () => true });
    vi.stubGlobal('document', { addEventListener: () => undefined, visibilityState: 'visible' });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
    vi.unstubAllGlobals();
  });

  async function readyToApply() {
    let apply: (() => void) | undefined;
    const stuck = vi.fn();
    registerServiceWorker({ onUpdateReady: (a) => (apply = a), onUpdateStuck: stuck });
    workbox.emit('waiting');
    expect(apply).toBeDefined();
    return { apply: apply!, stuck };
  }

  it('a version that never takes over: asked about once in 5 s for a minute, then onUpdateStuck, and the button asks again', async () => {
    worker = waitingWorker(0);
    const { apply, stuck } = await readyToApply();
    apply();
    await vi.advanceTimersByTimeAsync(3_000); // the forms' flush (at most 3 s)
    await vi.advanceTimersByTimeAsync(50_000);
    expect(stuck).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(stuck).toHaveBeenCalledTimes(1);
    expect(worker.asks).toBe(12);
    expect(reload).not.toHaveBeenCalled();

    apply(); // 再试一次
    await vi.advanceTimersByTimeAsync(4_000);
    expect(worker.asks).toBe(13);
  });

  it('a version that takes over at the third ask reloads the page once, and nothing is stuck', async () => {
    worker = waitingWorker(3);
    const { apply, stuck } = await readyToApply();
    apply();
    await vi.advanceTimersByTimeAsync(70_000);
    expect(worker.asks).toBe(3);
    expect(reload).toHaveBeenCalledTimes(1);
    expect(stuck).not.toHaveBeenCalled();
  });

  it('a reload the agent calls off (the browser asked while a save ran): the banner offers the update again, and it reloads', async () => {
    worker = waitingWorker(1);
    let offers = 0;
    let apply: (() => void) | undefined;
    registerServiceWorker({ onUpdateReady: (a) => ((apply = a), offers++) });
    workbox.emit('waiting');
    apply!();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(reload).toHaveBeenCalledTimes(1); // the page stays: its reload was called off
    expect(offers).toBe(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(offers).toBe(2);
    worker = null as unknown as typeof worker; // the new version is in charge: nothing waits
    apply!();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(reload).toHaveBeenCalledTimes(2);
  });
});

describe('registerServiceWorker: without a connection', () => {
  const offline = () => Promise.reject(new TypeError('Failed to fetch'));
  let controller: object | null;
  let getRegistration: () => Promise<unknown>;
  let onVisible: (() => void) | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubEnv('DEV', false);
    workbox.listeners.clear();
    vi.stubGlobal('navigator', {
      serviceWorker: {
        get controller() {
          return controller;
        },
        getRegistration: () => getRegistration(),
      },
      onLine: true,
    });
    vi.stubGlobal('window', {
      location: { reload: vi.fn() },
      addEventListener: () => undefined,
      dispatchEvent: () => true,
    });
    vi.stubGlobal('document', {
      addEventListener: (_type: string, l: () => void) => (onVisible = l),
      visibilityState: 'visible',
    });
  });
  afterEach(() => {
    workbox.register = () => Promise.resolve();
    workbox.update = () => Promise.resolve();
    vi.useRealTimers();
    vi.unstubAllEnvs();
    vi.unstubAllGlobals();
  });

  it('a first visit whose worker script cannot be fetched says the app is not ready offline', async () => {
    controller = null;
    workbox.register = offline;
    const readiness: string[] = [];
    registerServiceWorker({ onUpdateReady: () => undefined, onOffline: (r) => readiness.push(r) });
    await vi.advanceTimersByTimeAsync(0);
    expect(readiness).toEqual(['preparing', 'failed']);
  });

  it('a page already controlled stays ready when the registration cannot reach the server', async () => {
    controller = {};
    workbox.register = offline;
    const readiness: string[] = [];
    registerServiceWorker({ onUpdateReady: () => undefined, onOffline: (r) => readiness.push(r) });
    await vi.advanceTimersByTimeAsync(0);
    expect(readiness).toEqual(['ready']);
  });

  it('update checks that cannot reach the server fail quietly and keep checking', async () => {
    controller = {};
    const update = vi.fn(offline);
    workbox.update = update;
    registerServiceWorker({ onUpdateReady: () => undefined });
    await vi.advanceTimersByTimeAsync(0);
    onVisible!();
    await vi.advanceTimersByTimeAsync(2 * 60 * 60 * 1000);
    // Any rejection left unhandled would fail this test file (vitest reports unhandled errors).
    expect(update).toHaveBeenCalledTimes(3);
  });

  it('an update that cannot read its registration ends in onUpdateStuck, and the button works again', async () => {
    controller = {};
    getRegistration = () => Promise.reject(new Error('storage unavailable'));
    let apply: (() => void) | undefined;
    const stuck = vi.fn();
    registerServiceWorker({ onUpdateReady: (a) => (apply = a), onUpdateStuck: stuck });
    workbox.emit('waiting');
    apply!();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(stuck).toHaveBeenCalledTimes(1);
    apply!();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(stuck).toHaveBeenCalledTimes(2);
  });
});
