import { describe, expect, it } from 'vitest';
import { emptyReport, type DrainOutcome, type DrainReport } from '../../../src/sync/report';
import { createSyncScheduler, type SchedulerEnv, type SyncStatus } from '../../../src/sync/scheduler';

/** A browser stand-in: event targets, a manual clock and timers, and a Background Sync registry. */
function fakeEnv() {
  const handlers = new Map<string, Set<() => void>>();
  const target = (prefix: string) => ({
    addEventListener: (t: string, fn: () => void) => {
      const key = `${prefix}:${t}`;
      if (!handlers.has(key)) handlers.set(key, new Set());
      handlers.get(key)!.add(fn);
    },
    removeEventListener: (t: string, fn: () => void) => handlers.get(`${prefix}:${t}`)?.delete(fn),
  });
  const timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let clock = 1_000_000;
  let nextId = 1;
  const registered: string[] = [];
  const document = { ...target('document'), visibilityState: 'visible' };
  const swListeners = new Set<(e: { data: unknown }) => void>();
  const navigator = {
    onLine: true,
    serviceWorker: {
      ready: Promise.resolve({
        sync: {
          register: async (tag: string) => {
            registered.push(tag);
          },
        },
      }),
      addEventListener: (_t: 'message', fn: (e: { data: unknown }) => void) => {
        swListeners.add(fn);
      },
      removeEventListener: (_t: 'message', fn: (e: { data: unknown }) => void) => {
        swListeners.delete(fn);
      },
    },
  };
  const env: SchedulerEnv = {
    window: target('window'),
    document,
    navigator,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: clock + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
    now: () => clock,
    random: () => 0.5,
  };
  return {
    env,
    document,
    navigator,
    registered,
    timers,
    fire: (key: string) => {
      for (const fn of handlers.get(key) ?? []) fn();
    },
    fromWorker: (data: unknown) => {
      for (const fn of swListeners) fn({ data });
    },
    listeners: (key: string) => handlers.get(key)?.size ?? 0,
    /** Moves the clock to the next timer and runs it. */
    tick: () => {
      timers.sort((a, b) => a.at - b.at);
      const t = timers.shift();
      if (!t) return undefined;
      clock = t.at;
      t.fn();
      return t.at;
    },
    get clock() {
      return clock;
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function scripted(outcomes: DrainOutcome[], extra: Partial<DrainReport> = {}) {
  const calls: number[] = [];
  let pending = 3;
  const run = async (): Promise<DrainReport> => {
    calls.push(calls.length);
    const outcome = outcomes.shift() ?? 'done';
    if (outcome === 'done') pending = 0;
    return {
      ...emptyReport(0),
      finishedAt: 42,
      outcome,
      ...(outcome === 'done' ? {} : { error: { code: `x.${outcome}`, message: '失败' } }),
      ...extra,
    };
  };
  const outbox = {
    pendingCount: async () => pending,
    listProblems: async () => [
      { mutationId: 'm', caseId: 'c', state: 'rejected' as const, code: 'rules.failed', message: '不符合条件' },
    ],
  };
  return { run, outbox, calls };
}

describe('sync scheduler', () => {
  it('drains on start and reports status through callbacks', async () => {
    const b = fakeEnv();
    const s = scripted(['done']);
    const scheduler = createSyncScheduler({ run: s.run, outbox: s.outbox, env: b.env });
    const seen: SyncStatus[] = [];
    scheduler.onStatus((st) => seen.push(st));
    scheduler.start();
    await flush();
    expect(s.calls).toHaveLength(1);
    expect(seen.some((st) => st.running)).toBe(true);
    expect(scheduler.getStatus()).toMatchObject({
      running: false,
      pending: 0,
      lastSuccessAt: 42,
      lastOutcome: 'done',
      needsLogin: false,
      problems: [{ caseId: 'c', code: 'rules.failed', message: '不符合条件' }],
    });
    // The next run is the periodic poll, 4–5 min away.
    const next = scheduler.getStatus().nextRunAt! - b.clock;
    expect(next).toBeGreaterThanOrEqual(4 * 60_000);
    expect(next).toBeLessThanOrEqual(5 * 60_000);
    scheduler.stop();
  });

  it('drains when the network comes back and when the page becomes visible', async () => {
    const b = fakeEnv();
    const s = scripted([]);
    const scheduler = createSyncScheduler({ run: s.run, outbox: s.outbox, env: b.env });
    scheduler.start();
    await flush();
    b.fire('window:online');
    await flush();
    b.document.visibilityState = 'visible';
    b.fire('document:visibilitychange');
    await flush();
    expect(s.calls).toHaveLength(3);
    scheduler.stop();
    expect(b.listeners('window:online')).toBe(0);
    expect(b.listeners('document:visibilitychange')).toBe(0);
  });

  it('backs off with growing delays while offline, and registers Background Sync', async () => {
    const b = fakeEnv();
    const s = scripted(['offline', 'offline', 'offline', 'offline', 'done']);
    const scheduler = createSyncScheduler({
      run: s.run,
      outbox: s.outbox,
      env: b.env,
      backoff: { baseMs: 1_000, maxMs: 600_000, factor: 2 },
    });
    scheduler.start();
    await flush();
    const gaps: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = b.clock;
      b.tick();
      gaps.push(b.clock - before);
      await flush();
    }
    // Equal jitter at random 0.5: 0.75 × cap, caps 1, 2, 4, 8 s.
    expect(gaps).toEqual([750, 1_500, 3_000, 6_000]);
    expect(scheduler.getStatus().lastOutcome).toBe('done');
    expect(b.registered).toContain('daiban-sync');
    scheduler.stop();
  });

  it('asks for a login after a 401 and does not retry on its own', async () => {
    const b = fakeEnv();
    const s = scripted(['auth']);
    const scheduler = createSyncScheduler({ run: s.run, outbox: s.outbox, env: b.env });
    scheduler.start();
    await flush();
    expect(scheduler.getStatus()).toMatchObject({ needsLogin: true, lastError: { code: 'x.auth' } });
    expect(b.timers).toHaveLength(0);
    await scheduler.requestSync('manual'); // after login
    expect(scheduler.getStatus().needsLogin).toBe(false);
    scheduler.stop();
  });

  it('coalesces requests during a drain into exactly one follow-up run', async () => {
    const b = fakeEnv();
    let release!: () => void;
    let runs = 0;
    const run = async () => {
      runs++;
      if (runs === 1)
        await new Promise<void>((r) => {
          release = r;
        });
      return emptyReport(0);
    };
    const scheduler = createSyncScheduler({
      run,
      outbox: { pendingCount: async () => 0, listProblems: async () => [] },
      env: b.env,
    });
    const first = scheduler.requestSync('submit');
    const followUps = [
      scheduler.requestSync('submit'),
      scheduler.requestSync('submit'),
      scheduler.requestSync('online'),
    ];
    await flush();
    release();
    await first;
    await Promise.all(followUps);
    expect(runs).toBe(2);
  });

  it('looks again shortly when another tab or the service worker holds the lock', async () => {
    const b = fakeEnv();
    const s = scripted(['busy', 'done']);
    const scheduler = createSyncScheduler({ run: s.run, outbox: s.outbox, env: b.env, busyRetryMs: 2_000 });
    scheduler.start();
    await flush();
    const before = b.clock;
    b.tick();
    await flush();
    expect(b.clock - before).toBe(2_000);
    expect(s.calls).toHaveLength(2);
    scheduler.stop();
  });

  it('keeps background triggers away until Retry-After, but not an explicit request', async () => {
    const b = fakeEnv();
    const s = scripted(['unavailable'], { retryAt: 1_000_000 + 300_000 });
    const scheduler = createSyncScheduler({ run: s.run, outbox: s.outbox, env: b.env });
    scheduler.start();
    await flush();
    expect(scheduler.getStatus().nextRunAt).toBe(1_300_000);
    b.fire('document:visibilitychange');
    await flush();
    expect(s.calls).toHaveLength(1);
    await scheduler.requestSync('submit');
    expect(s.calls).toHaveLength(2);
    scheduler.stop();
  });

  it('starting offline waits for the online event instead of failing at once', async () => {
    const b = fakeEnv();
    b.navigator.onLine = false;
    const s = scripted([]);
    const scheduler = createSyncScheduler({ run: s.run, outbox: s.outbox, env: b.env });
    scheduler.start();
    await flush();
    expect(s.calls).toHaveLength(0);
    b.fire('window:online');
    await flush();
    expect(s.calls).toHaveLength(1);
    scheduler.stop();
  });

  it('registers Background Sync when the page is hidden with work left', async () => {
    const b = fakeEnv();
    const s = scripted(['offline']);
    const scheduler = createSyncScheduler({ run: s.run, outbox: s.outbox, env: b.env });
    scheduler.start();
    await flush();
    b.registered.length = 0;
    b.document.visibilityState = 'hidden';
    b.fire('document:visibilitychange');
    await flush();
    expect(b.registered).toEqual(['daiban-sync']);
    scheduler.stop();
  });

  it('survives a drain that throws (storage failure) and retries later', async () => {
    const b = fakeEnv();
    const scheduler = createSyncScheduler({
      run: async () => {
        throw new Error('QuotaExceededError');
      },
      outbox: { pendingCount: async () => 1, listProblems: async () => [] },
      env: b.env,
    });
    scheduler.start();
    await flush();
    expect(scheduler.getStatus().lastError).toMatchObject({ code: 'sync.internal' });
    expect(b.timers).toHaveLength(1);
    scheduler.stop();
  });

  it('shows the result of a drain the service worker ran in the background', async () => {
    const b = fakeEnv();
    const s = scripted(['offline']);
    const scheduler = createSyncScheduler({ run: s.run, outbox: s.outbox, env: b.env });
    scheduler.start();
    await flush();
    expect(scheduler.getStatus().lastOutcome).toBe('offline');
    b.fromWorker({ type: 'something-else' });
    b.fromWorker({ type: 'daiban-sync-report', report: { ...emptyReport(0), outcome: 'done', finishedAt: 777 } });
    await flush();
    expect(scheduler.getStatus()).toMatchObject({ lastOutcome: 'done', lastSuccessAt: 777 });
    expect(s.calls).toHaveLength(1);
    scheduler.stop();
  });

  it("a failure the service worker reports does not push back the page's own retry", async () => {
    const b = fakeEnv();
    const s = scripted(['offline']);
    const scheduler = createSyncScheduler({ run: s.run, outbox: s.outbox, env: b.env });
    scheduler.start();
    await flush();
    const due = scheduler.getStatus().nextRunAt!;
    // The worker failed too (its link was still down): shown, but the page keeps its time.
    b.fromWorker({
      type: 'daiban-sync-report',
      report: { ...emptyReport(0), outcome: 'offline', error: { code: 'net.offline', message: '无网络' } },
    });
    await flush();
    expect(scheduler.getStatus().nextRunAt).toBe(due);
    expect(scheduler.getStatus().lastError).toMatchObject({ code: 'net.offline' });
    expect(b.tick()).toBe(due);
    await flush();
    expect(s.calls).toHaveLength(2);
    scheduler.stop();
  });

  it("the worker's auth failure (no key, or a wrong one) is checked by a drain of the page, not believed", async () => {
    const b = fakeEnv();
    const s = scripted(['done', 'done']);
    const scheduler = createSyncScheduler({ run: s.run, outbox: s.outbox, env: b.env });
    scheduler.start();
    await flush();
    b.fromWorker({
      type: 'daiban-sync-report',
      report: { ...emptyReport(0), outcome: 'auth', error: { code: 'auth.required', message: '登录已过期' } },
    });
    await flush();
    expect(s.calls).toHaveLength(2);
    expect(scheduler.getStatus()).toMatchObject({ needsLogin: false, lastOutcome: 'done' });
    scheduler.stop();
  });
});
