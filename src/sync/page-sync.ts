// The page's sync, wired: storage ports + drain + scheduler. The state layer calls this once at
// start-up, subscribes with onStatus, and calls requestSync('submit') after each local submit.
import { drain, type DrainOptions } from './drain';
import { createSyncScheduler, type SchedulerEnv, type SyncScheduler } from './scheduler';
import { createStoragePorts, type StoragePortsOptions } from './storage-ports';

export interface PageSyncOptions extends StoragePortsOptions {
  drainOptions?: DrainOptions;
  /** Browser surface; defaults to window, document and navigator. */
  env?: SchedulerEnv;
  pollMs?: number;
}

export function createPageSync(options: PageSyncOptions = {}): SyncScheduler {
  const ports = createStoragePorts(options);
  return createSyncScheduler({
    run: () => drain(ports, options.drainOptions),
    outbox: ports.outbox,
    env: options.env,
    pollMs: options.pollMs,
  });
}
