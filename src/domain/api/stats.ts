// GET /api/stats (JSON) and GET /api/stats.csv (the same report for Excel), for the caller's
// scope: a reviewer sees the township, an admin the county. The report (shapes.ts) has a share's
// rate null when there is nothing to divide, and `weekly`: the last 12 Monday–Sunday weeks up to
// the period's end (or today), whatever the period's start.
import { z } from 'zod';
import { IsoDate } from '../schemas/common';
import { isIsoDate } from '../dates';
import { StatsReport } from './shapes';
import { route } from './route-spec';

export const StatsQuery = z.object({
  from: IsoDate.refine(isIsoDate, '不是有效日期').optional(),
  to: IsoDate.refine(isIsoDate, '不是有效日期').optional(),
});
export type StatsQuery = z.infer<typeof StatsQuery>;

const Names = z.record(z.string(), z.string());

export const StatsLabelMaps = z.object({ items: Names, villages: Names, statuses: Names });
export type StatsLabelMaps = z.infer<typeof StatsLabelMaps>;

export const StatsResponse = z.object({
  period: z.object({ from: IsoDate, to: IsoDate }),
  scope: z.object({ level: z.enum(['township', 'county']), code: z.string() }),
  today: IsoDate,
  report: StatsReport,
  labels: StatsLabelMaps,
  /** Years the figures reach into without a holiday arrangement (counted Monday–Friday). */
  uncoveredYears: z.array(z.number().int()),
});
export type StatsResponse = z.infer<typeof StatsResponse>;

export const STATS_ROUTES = {
  json: route({ method: 'GET', path: '/api/stats', query: StatsQuery, response: StatsResponse }),
  csv: route({ method: 'GET', path: '/api/stats.csv', query: StatsQuery, response: null }),
} as const;
