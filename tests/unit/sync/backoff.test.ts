import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backoffCap, backoffDelay, DEFAULT_BACKOFF, retryDelay } from '../../../src/sync/backoff';
import { parseRetryAfter } from '../../../src/net';

const opts = { baseMs: 1_000, maxMs: 60_000, factor: 2 };

describe('backoff', () => {
  it('doubles the cap with every attempt until the maximum', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffCap(n, opts))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000,
    ]);
    expect(backoffCap(10_000, opts)).toBe(60_000);
    expect(backoffCap(0, opts)).toBe(1_000);
  });

  it('stays within [cap/2, cap] for any random value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const cap = backoffCap(attempt, opts);
        const d = backoffDelay(attempt, opts, () => r);
        return d >= cap / 2 && d <= cap && Number.isFinite(d);
      }),
    );
  });

  it('spreads retries: jitter gives different delays for different random draws', () => {
    expect(backoffDelay(5, opts, () => 0)).toBe(8_000);
    expect(backoffDelay(5, opts, () => 1)).toBe(16_000);
    const draws = new Set(Array.from({ length: 50 }, () => backoffDelay(5, opts)));
    expect(draws.size).toBeGreaterThan(10);
  });

  it('grows on average: the lowest delay of attempt n+1 is at least the cap of attempt n, below the maximum', () => {
    for (let n = 1; n < 6; n++) expect(backoffDelay(n + 1, opts, () => 0)).toBeGreaterThanOrEqual(backoffCap(n, opts));
  });

  it('defaults to 2 s growing to 15 min', () => {
    expect(backoffCap(1)).toBe(2_000);
    expect(backoffCap(50)).toBe(DEFAULT_BACKOFF.maxMs);
  });

  it('honours a longer Retry-After, never a shorter one', () => {
    expect(retryDelay(1, 30_000, opts, () => 0)).toBe(30_000);
    expect(retryDelay(6, 1_000, opts, () => 0)).toBe(16_000);
    expect(retryDelay(1, undefined, opts, () => 0)).toBe(500);
  });

  it('parses Retry-After in seconds or as an HTTP date', () => {
    const now = Date.parse('2025-10-10T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Fri, 10 Oct 2025 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
