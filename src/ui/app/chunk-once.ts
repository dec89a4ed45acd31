/** A module loaded at most once (retried after a failure), and whether it has arrived. */
export interface Chunk<T> {
  load: () => Promise<T>;
  /** What the load resolved to, or null before then: a screen whose chunk is here draws at once. */
  ready: () => T | null;
}

export function chunkOnce<T>(load: () => Promise<T>): Chunk<T> {
  let loaded: T | null = null;
  let pending: Promise<T> | null = null;
  return {
    load: () =>
      (pending ??= load().then(
        (value) => (loaded = value),
        (e: unknown) => {
          pending = null;
          throw e;
        },
      )),
    ready: () => loaded,
  };
}
