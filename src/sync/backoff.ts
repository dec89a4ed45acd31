// Exponential back-off with "equal jitter": the delay still grows with every attempt (never below
// half the cap) but tablets that lost the network together do not all come back in the same second.
// Pure: the random source is injected so tests can pin the bounds.

export interface BackoffOptions {
  /** Delay cap of the first retry (attempt 1). */
  baseMs: number;
  /** Largest delay ever returned. */
  maxMs: number;
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, maxMs: 15 * 60_000, factor: 2 };

/** Upper bound of the delay before retry number `attempt` (1 = first retry). */
export function backoffCap(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const n = Math.max(1, Math.floor(attempt));
  // Exponent clamped so a huge attempt count cannot overflow to Infinity before the min().
  const cap = options.baseMs * options.factor ** Math.min(n - 1, 60);
  return Math.min(options.maxMs, cap);
}

/** Delay in ms before retry number `attempt`: uniform in [cap / 2, cap]. */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const cap = backoffCap(attempt, options);
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(cap / 2 + (cap / 2) * r);
}

/**
 * Delay for a throttled or unavailable server: its Retry-After when it sent one (never shorter),
 * else the usual back-off.
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const own = backoffDelay(attempt, options, random);
  return retryAfterMs !== undefined && retryAfterMs > own ? Math.min(retryAfterMs, options.maxMs * 4) : own;
}
