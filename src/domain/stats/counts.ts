// Cases by status and by service item.
import type { StatsCase } from './types';

/** Counts per key, sorted by count (then key) so tables and charts read largest first. */
export function countBy<T>(rows: readonly T[], key: (row: T) => string): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return [...counts]
    .map(([k, count]) => ({ key: k, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export const casesByStatus = (cases: readonly StatsCase[]) => countBy(cases, (c) => c.status);
export const casesByItem = (cases: readonly StatsCase[]) => countBy(cases, (c) => c.itemCode);
