// Writes that must land before the app reloads itself to apply an update (issue 14: tapping 更新
// wiped half-typed forms). Forms register their flush; the update waits for them, briefly.
const flushers = new Set<() => Promise<unknown>>();

/** Registers a flush; returns its removal. */
export function onBeforeReload(flush: () => Promise<unknown>): () => void {
  flushers.add(flush);
  return () => flushers.delete(flush);
}

/** Runs every registered flush; never waits longer than `timeoutMs` (an update must not hang). */
export async function flushBeforeReload(timeoutMs = 3_000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const all = Promise.allSettled([...flushers].map((f) => f()));
  await Promise.race([all, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
  clearTimeout(timer);
}
