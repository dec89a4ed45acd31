// A @fastify/rate-limit `store` that counts in the database (store/repos/rate-limits.ts), so every
// server process on one PostgreSQL database counts into the same window: a limit of 60 a minute
// stays 60 a minute whether the requests reach one process or three. Same semantics as the
// plugin's in-memory store (fixed window from the first request; a route with its own limit has
// its own buckets), without `continueExceeding` or exponential back-off, which we do not use.
import type { RateLimitRepo } from '../store';

interface Counted {
  current: number;
  ttl: number;
}
type Callback = (error: Error | null, result?: Counted) => void;

/** Ended windows are removed at most this often per process. */
const PRUNE_EVERY_MS = 60_000;

interface RouteOptions {
  routeInfo?: { method?: string | string[]; url?: string };
}

export function sharedRateLimitStore(repo: RateLimitRepo, now: () => number) {
  let prunedAt = 0;
  const prune = (t: number) => {
    if (t - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = t;
    repo.prune(t).catch(() => (prunedAt = 0));
  };
  const answer = (t: number, cb: Callback) => (r: { hits: number; resetAt: number }) =>
    cb(null, { current: r.hits, ttl: Math.max(0, r.resetAt - t) });

  return class SharedRateLimitStore {
    /** Keys of a route with its own limit are prefixed by the route (its own buckets). */
    prefix = '';

    incr(key: string, cb: Callback, timeWindow: number): void {
      const t = now();
      prune(t);
      repo.hit(this.prefix + key, t, timeWindow).then(answer(t, cb), (error: Error) => cb(error));
    }

    read(key: string, cb: Callback): void {
      const t = now();
      repo.peek(this.prefix + key, t).then(answer(t, cb), (error: Error) => cb(error));
    }

    /** `options`: the route's merged limit settings, its route as `routeInfo` (the typings say otherwise). */
    child(options: object): SharedRateLimitStore {
      const store = new SharedRateLimitStore();
      const route = (options as RouteOptions).routeInfo;
      store.prefix = route?.url ? `${[route.method ?? ''].flat().join(',')} ${route.url}|` : this.prefix;
      return store;
    }
  };
}
