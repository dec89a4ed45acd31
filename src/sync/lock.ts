// One drain at a time across every tab and the service worker: the Web Locks API serialises them
// per origin. A drain that finds the lock taken does not queue behind it — the running drain
// already empties the outbox — it returns `acquired: false` and the scheduler looks again later.
// Where Web Locks are missing (old Safari, Node 20), an in-memory flag serialises this context only.

import { SYNC_LOCK_NAME } from './names';

/** The part of LockManager we use (navigator.locks in page and service worker). */
export interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

export type LockOutcome<T> = { acquired: true; value: T } | { acquired: false };

export function systemLocks(): LockManagerLike | undefined {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : undefined;
}

/** Fallback for runtimes without Web Locks: per-context, same "if available" semantics. */
export function memoryLocks(): LockManagerLike {
  const held = new Set<string>();
  return {
    async request(name, _options, callback) {
      if (held.has(name)) return callback(null);
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    },
  };
}

const fallback = memoryLocks();

/** Runs `task` holding the sync lock, or returns `acquired: false` at once if someone holds it. */
export async function withSyncLock<T>(
  task: () => Promise<T>,
  locks: LockManagerLike = systemLocks() ?? fallback,
): Promise<LockOutcome<T>> {
  return locks.request<LockOutcome<T>>(SYNC_LOCK_NAME, { ifAvailable: true }, async (lock) => {
    if (lock === null) return { acquired: false };
    return { acquired: true, value: await task() };
  });
}
