// A load done once (a module fetched on demand, a client built from it): every call shares the
// same promise, and a failed one is forgotten, so the next call tries again — a chunk that could not
// be fetched offline is fetched once there is signal, instead of failing for the page's life.

export function onceUntilFailed<T>(load: () => Promise<T>): () => Promise<T> {
  let shared: Promise<T> | undefined;
  return () =>
    (shared ??= load().catch((e: unknown) => {
      shared = undefined;
      throw e;
    }));
}
