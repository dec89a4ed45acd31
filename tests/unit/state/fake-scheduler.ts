// A sync scheduler of the test's own: it reports whatever status the test hands it, so the state
// layer's reaction to each outcome can be checked without a drain.
import type { SyncScheduler, SyncStatus } from '../../../src/sync';

export function fakeScheduler() {
  let listener: ((s: SyncStatus) => void) | undefined;
  let status: SyncStatus = { pending: 0, running: false, problems: [], needsLogin: false, needsUpdate: false };
  const scheduler: SyncScheduler = {
    start: () => undefined,
    stop: () => undefined,
    requestSync: async () => undefined,
    refresh: async () => undefined,
    onStatus: (l) => {
      listener = l;
      l(status);
      return () => (listener = undefined);
    },
    getStatus: () => status,
  };
  const report = (patch: Partial<SyncStatus>) => {
    status = { ...status, ...patch };
    listener?.(status);
  };
  return { scheduler, report };
}
