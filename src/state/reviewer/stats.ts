// The statistics page: the report for a period, and the CSV of it.
import { signal } from '@preact/signals';
import type { StatsReport } from '../../domain/stats';
import { requestBlob, requestJson, type HttpDeps } from './http';
import { loadable } from './loadable';

/** Body of GET /api/stats (src/server/stats/routes.ts). */
export interface StatsResponse {
  period: { from: string; to: string };
  scope: { level: 'township' | 'county'; code: string };
  today: string;
  report: StatsReport;
  labels: { items: Record<string, string>; villages: Record<string, string>; statuses: Record<string, string> };
}

export function createStatsSlice(http: HttpDeps, today: () => string) {
  const t = today();
  const period = signal({ from: `${t.slice(0, 4)}-01-01`, to: t });
  const stats = loadable<StatsResponse>();
  const query = () => `from=${encodeURIComponent(period.value.from)}&to=${encodeURIComponent(period.value.to)}`;
  return {
    period,
    stats,
    load: () => stats.run(() => requestJson<StatsResponse>(http, `/api/stats?${query()}`)),
    setPeriod(from: string, to: string) {
      period.value = { from, to };
      return stats.run(() => requestJson<StatsResponse>(http, `/api/stats?${query()}`));
    },
    /** The CSV as a Blob; the UI saves it with a download link. */
    csv: () => requestBlob(http, `/api/stats.csv?${query()}`),
    csvName: () => `代办统计-${period.value.from}至${period.value.to}.csv`,
  };
}
export type StatsSlice = ReturnType<typeof createStatsSlice>;
