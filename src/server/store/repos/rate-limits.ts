// Fixed-window request counters (http/shared-rate-limit.ts), one row per key. One UPSERT counts a
// request and starts a new window when the old one has ended: atomic in the database, so every
// server process on it counts into the same window.
import type { Sql } from '../sql';
import type { RateLimitRepo } from '../store';

interface Row {
  hits: number;
  window_end: number;
}
const out = (row: Row | undefined) => ({ hits: Number(row?.hits ?? 0), resetAt: Number(row?.window_end ?? 0) });

export function rateLimitRepo(sql: Sql): RateLimitRepo {
  return {
    async hit(key, now, windowMs) {
      // Every SET expression sees the row as it was: the CASEs agree on whether the window ended.
      const row = await sql.get<Row>(
        `INSERT INTO rate_limits (key, hits, window_end) VALUES (?, 1, ?)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN rate_limits.window_end <= ? THEN 1 ELSE rate_limits.hits + 1 END,
           window_end = CASE WHEN rate_limits.window_end <= ? THEN excluded.window_end ELSE rate_limits.window_end END
         RETURNING hits, window_end`,
        [key, now + windowMs, now, now],
      );
      return out(row);
    },
    async peek(key, now) {
      const row = await sql.get<Row>(`SELECT hits, window_end FROM rate_limits WHERE key = ? AND window_end > ?`, [
        key,
        now,
      ]);
      return out(row);
    },
    prune: (now) => sql.run(`DELETE FROM rate_limits WHERE window_end <= ?`, [now]),
  };
}
