// The page's sync, wired: storage ports + drain + scheduler, and the live channel whose hints
// ("changed in your scope") make the page drain within seconds of a reviewer's decision. The
// state layer calls this once at start-up, subscribes with onStatus, and calls
// requestSync('submit') after each local submit.
import { drain, type DrainOptions } from './drain';
import { createLiveChannel, type LiveEnv } from './live';
import { createSyncScheduler, type SchedulerEnv, type SyncScheduler } from './scheduler';
import { createStoragePorts, type StoragePortsOptions } from './storage-ports';

export interface PageSyncOptions extends StoragePortsOptions {
  drainOptions?: DrainOptions;
  /** Browser surface; defaults to window, document and navigator. */
  env?: SchedulerEnv;
  pollMs?: number;
  /** The live stream (default on); its browser surface for tests. */
  live?: boolean;
  liveEnv?: LiveEnv;
}

/** With the live stream open, a poll is only the fallback: every 60 s while the page is visible. */
export const PAGE_POLL_MS = 60_000;

export function createPageSync(options: PageSyncOptions = {}): SyncScheduler {
  const ports = createStoragePorts(options);
  const scheduler = createSyncScheduler({
    run: () => drain(ports, options.drainOptions),
    outbox: ports.outbox,
    env: options.env,
    pollMs: options.pollMs ?? PAGE_POLL_MS,
  });
  if (options.live === false) return scheduler;
  const live = createLiveChannel({
    baseUrl: ports.net.baseUrl,
    fetch: ports.net.fetch,
    token: () => ports.session.token(),
    onToken: ports.session.rotate && ((rotated) => ports.session.rotate?.(rotated)),
    deviceId: () => ports.session.deviceId(),
    onHint: () => void scheduler.requestSync('live'),
    env: options.liveEnv,
  });
  return {
    ...scheduler,
    start() {
      scheduler.start();
      live.start();
    },
    stop() {
      live.stop();
      scheduler.stop();
    },
  };
}
