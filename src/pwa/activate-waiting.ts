// Applying an update once the user agreed: the waiting worker is asked to take over (SKIP_WAITING)
// and the page reloads under it. Asked again every few seconds until it does: the message wakes a
// worker the browser stopped after its install, and on a loaded tablet that start can fail and the
// message is dropped without a word (CI once sat 60 s on an update that never came). The reload
// also follows the new worker's own `activated`, not only the page's `controllerchange`.
// What asking again cannot mend: a request of the page's that lands while the browser stops the old
// worker to hand over starts it again, and Chromium then parks the new worker until the old one
// idles (≈ 30 s; never while DevTools is attached) or the page goes — asked again, it starts
// nothing new (tests/e2e/pwa.spec.ts, marked fixme). The banner's stuck message says to close the app.
import { SKIP_WAITING_MESSAGE } from '../sync/names';

/** What we use of a ServiceWorker. */
export interface WorkerLike {
  readonly state: string;
  postMessage(message: unknown): void;
  addEventListener(type: 'statechange', listener: () => void): void;
}

/** What we use of a ServiceWorkerRegistration. */
export interface RegistrationLike {
  readonly waiting: WorkerLike | null;
}

export interface ActivateWaitingPorts {
  registration: RegistrationLike;
  /** Called once: the new worker is in charge (or no longer waiting: a reload shows what is). */
  reload: () => void;
  setTimeout: (fn: () => void, ms: number) => unknown;
  /** Between two asks (ms). */
  retryMs?: number;
  /** Asks at most this many times; then resolves `false` and the banner's button is there again. */
  maxAsks?: number;
}

/** Asks the waiting worker to activate until it does; resolves `true` once `reload` was called. */
export function activateWaiting(ports: ActivateWaitingPorts): Promise<boolean> {
  const retryMs = ports.retryMs ?? 5_000;
  const maxAsks = ports.maxAsks ?? 12;
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      ports.reload();
      resolve(true);
    };
    const watched = new WeakSet<WorkerLike>();
    let asks = 0;
    const ask = () => {
      if (done) return;
      const waiting = ports.registration.waiting;
      // Nothing waits any more: it took over (its controllerchange may never reach this page), or
      // it was replaced; either way the reload shows the version now in charge.
      if (!waiting) return finish();
      if (!watched.has(waiting)) {
        watched.add(waiting);
        waiting.addEventListener('statechange', () => {
          if (waiting.state === 'activating' || waiting.state === 'activated') finish();
        });
      }
      waiting.postMessage({ type: SKIP_WAITING_MESSAGE });
      if (++asks >= maxAsks) return resolve(false);
      ports.setTimeout(ask, retryMs);
    };
    ask();
  });
}
