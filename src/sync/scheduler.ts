// Page-side triggers for the drain: app start, `online`, the page becoming visible, a timer with
// back-off and jitter, and an explicit request after each local submit. Where the browser has
// Background Sync (Chromium) it also registers the `daiban-sync` tag so the service worker
// drains after the page is gone; Safari and Firefox have none, so the page always drains too.
// Status goes out through plain callbacks: the state layer turns it into signals.
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import type { SyncIssue } from './errors';
import { BACKGROUND_SYNC_TAG, SYNC_REPORT_MESSAGE } from './names';
import type { OutboxPort, SyncProblem } from './ports';
import type { DrainOutcome, DrainReport } from './report';

export interface SyncStatus {
  /** Outbox entries not yet accepted or rejected by the server. */
  pending: number;
  running: boolean;
  lastSuccessAt?: number;
  lastOutcome?: DrainOutcome;
  /** Refused or repeatedly failing mutations, shown next to their case. */
  problems: SyncProblem[];
  lastError?: SyncIssue;
  /** The session expired: ask the user to log in again (nothing is lost meanwhile). */
  needsLogin: boolean;
  /** The server refused this app's protocol (426): the app must be updated; the outbox waits intact. */
  needsUpdate: boolean;
  /** When the timer will drain next, if set. */
  nextRunAt?: number;
}

export type TriggerReason = 'start' | 'online' | 'visible' | 'timer' | 'submit' | 'manual' | 'busy-retry' | 'live';

interface Listenable {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** The browser surface the scheduler touches, injectable for tests (this file compiles without DOM types). */
export interface SchedulerEnv {
  window?: Listenable;
  document?: Listenable & { visibilityState: string };
  navigator?: {
    onLine?: boolean;
    serviceWorker?: {
      ready: Promise<{ sync?: { register(tag: string): Promise<void> } }>;
      addEventListener?(type: 'message', listener: (event: { data: unknown }) => void): void;
      removeEventListener?(type: 'message', listener: (event: { data: unknown }) => void): void;
    };
  };
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
  random(): number;
}

export interface SchedulerOptions {
  /** The drain, bound to its ports (drain(ports, options)). */
  run: () => Promise<DrainReport>;
  outbox: Pick<OutboxPort, 'pendingCount' | 'listProblems'>;
  env?: SchedulerEnv;
  /** Pull period while all is well and the page is visible. */
  pollMs?: number;
  /** Pull period while the page is hidden (the live stream is closed then). */
  hiddenPollMs?: number;
  /** Back-off after failed drains (offline, server unavailable). */
  backoff?: BackoffOptions;
  /** Wait before looking again when another tab or the service worker holds the lock. */
  busyRetryMs?: number;
}

export interface SyncScheduler {
  /** Adds the listeners and drains once (app start). */
  start(): void;
  stop(): void;
  /** Drains now (or right after the running drain); resolves with that drain's report. */
  requestSync(reason?: TriggerReason): Promise<DrainReport | undefined>;
  /** Re-reads pending count and problems after a local write, without draining. */
  refresh(): Promise<void>;
  /** Called at once with the current status, then on every change. Returns an unsubscribe. */
  onStatus(listener: (status: SyncStatus) => void): () => void;
  getStatus(): SyncStatus;
}

function browserEnv(): SchedulerEnv {
  const g = globalThis as unknown as {
    window?: Listenable;
    document?: Listenable & { visibilityState: string };
    navigator?: SchedulerEnv['navigator'];
  };
  return {
    window: g.window,
    document: g.document,
    navigator: g.navigator,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    now: () => Date.now(),
    random: () => Math.random(),
  };
}

export function createSyncScheduler(options: SchedulerOptions): SyncScheduler {
  const env = options.env ?? browserEnv();
  const pollMs = options.pollMs ?? 5 * 60_000;
  const hiddenPollMs = Math.max(pollMs, options.hiddenPollMs ?? 5 * 60_000);
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const busyRetryMs = options.busyRetryMs ?? 3_000;
  const listeners = new Set<(s: SyncStatus) => void>();
  let status: SyncStatus = { pending: 0, running: false, problems: [], needsLogin: false, needsUpdate: false };
  let started = false;
  let timer: unknown;
  let failures = 0;
  /** After a 429/503 with Retry-After, background triggers wait until then. */
  let notBefore = 0;
  let current: Promise<DrainReport | undefined> | undefined;
  let again: Promise<DrainReport | undefined> | undefined;

  const emit = (patch: Partial<SyncStatus>) => {
    status = { ...status, ...patch };
    for (const l of listeners) l(status);
  };

  const hidden = () => env.document?.visibilityState === 'hidden';
  const offline = () => env.navigator?.onLine === false;

  function schedule(at: number) {
    if (!started) return;
    if (timer !== undefined) env.clearTimeout(timer);
    timer = env.setTimeout(
      () => {
        timer = undefined;
        void requestSync('timer');
      },
      Math.max(0, at - env.now()),
    );
    emit({ nextRunAt: at });
  }

  /** Asks for a Background Sync so the service worker drains once the network is back. */
  async function registerBackgroundSync() {
    try {
      const registration = await env.navigator?.serviceWorker?.ready;
      await registration?.sync?.register(BACKGROUND_SYNC_TAG);
    } catch {
      // Not supported, or refused (e.g. permission): the page drains on its own triggers.
    }
  }

  async function refresh() {
    const [pending, problems] = await Promise.all([options.outbox.pendingCount(), options.outbox.listProblems()]);
    emit({ pending, problems });
  }

  function afterRun(report: DrainReport) {
    const now = env.now();
    const patch: Partial<SyncStatus> = { lastOutcome: report.outcome };
    if (report.outcome === 'done') {
      failures = 0;
      notBefore = 0;
      patch.lastSuccessAt = report.finishedAt;
      patch.lastError = undefined;
      patch.needsLogin = false;
      patch.needsUpdate = false;
      // Entries the server asked to retry come back when due; otherwise poll for changes.
      const period = hidden() ? hiddenPollMs : pollMs;
      const jitter = period * 0.2 * env.random();
      schedule(Math.min(report.retryAt ?? Infinity, now + period - jitter));
    } else if (report.outcome === 'busy') {
      schedule(now + busyRetryMs * (0.5 + env.random()));
    } else if (report.outcome === 'auth') {
      // No timer: draining again cannot succeed before the user logs in (requestSync after login).
      patch.needsLogin = true;
      patch.lastError = report.error;
    } else if (report.outcome === 'update') {
      // No timer either: only an updated app can speak to this server (the update reloads the page).
      patch.needsUpdate = true;
      patch.lastError = report.error;
    } else {
      failures++;
      patch.lastError = report.error;
      const own = now + backoffDelay(failures, backoff, env.random);
      if (report.retryAt !== undefined) notBefore = report.retryAt;
      schedule(Math.max(own, report.retryAt ?? 0));
    }
    emit(patch);
  }

  async function runOnce(): Promise<DrainReport | undefined> {
    emit({ running: true });
    try {
      const report = await options.run();
      afterRun(report);
      return report;
    } catch (e) {
      // Storage or programming failure: keep the page alive, show it, retry with back-off.
      failures++;
      emit({ lastError: { code: 'sync.internal', message: `同步出错：${(e as Error)?.message ?? String(e)}` } });
      schedule(env.now() + backoffDelay(failures, backoff, env.random));
      return undefined;
    } finally {
      await refresh().catch(() => undefined);
      emit({ running: false });
      if (status.pending > 0 && (status.lastOutcome === 'offline' || status.lastOutcome === 'unavailable')) {
        void registerBackgroundSync();
      }
    }
  }

  function requestSync(reason: TriggerReason = 'manual'): Promise<DrainReport | undefined> {
    const background = reason === 'timer' || reason === 'visible' || reason === 'busy-retry' || reason === 'live';
    if (background && env.now() < notBefore) {
      schedule(notBefore);
      return Promise.resolve(undefined);
    }
    // One drain at a time in this page; requests during a drain share exactly one follow-up run.
    if (again) return again;
    if (current) {
      again = current.then(() => {
        again = undefined;
        return begin();
      });
      return again;
    }
    return begin();
  }

  function begin(): Promise<DrainReport | undefined> {
    current = runOnce().finally(() => {
      current = undefined;
    });
    return current;
  }

  /**
   * The service worker drained in the background. Its success counts as ours (status, next poll).
   * Its failures only show: they must not push back a retry this page has already timed (the
   * worker may have failed on a link that is back by now), and an `auth` of the worker's (it has
   * no key, or a wrong one) is checked by a drain of this page rather than believed.
   */
  const onWorkerMessage = (event: { data: unknown }) => {
    const data = event.data as { type?: unknown; report?: DrainReport } | null;
    if (data?.type !== SYNC_REPORT_MESSAGE || !data.report) return;
    const report = data.report;
    if (report.outcome === 'done') afterRun(report);
    else if (report.outcome === 'auth') {
      if (started && !offline()) void requestSync('busy-retry');
    } else if (report.outcome !== 'busy') emit({ lastOutcome: report.outcome, lastError: report.error });
    void refresh().catch(() => undefined);
  };

  const onOnline = () => {
    failures = 0;
    void requestSync('online');
  };
  const onVisibility = () => {
    if (hidden()) {
      // Leaving: let the service worker finish what is left, where Background Sync exists.
      if (status.pending > 0) void registerBackgroundSync();
    } else {
      void requestSync('visible');
    }
  };

  return {
    start() {
      if (started) return;
      started = true;
      env.window?.addEventListener('online', onOnline);
      env.document?.addEventListener('visibilitychange', onVisibility);
      env.navigator?.serviceWorker?.addEventListener?.('message', onWorkerMessage);
      void refresh().catch(() => undefined);
      if (!offline()) void requestSync('start');
      else schedule(env.now() + backoffDelay(1, backoff, env.random));
    },
    stop() {
      started = false;
      env.window?.removeEventListener('online', onOnline);
      env.document?.removeEventListener('visibilitychange', onVisibility);
      env.navigator?.serviceWorker?.removeEventListener?.('message', onWorkerMessage);
      if (timer !== undefined) env.clearTimeout(timer);
      timer = undefined;
      emit({ nextRunAt: undefined });
    },
    requestSync,
    refresh,
    onStatus(listener) {
      listeners.add(listener);
      listener(status);
      return () => listeners.delete(listener);
    },
    getStatus: () => status,
  };
}
