// The statistics page: the report for a period, and the CSV of it.
import { signal } from '@preact/signals';
import { STATS_ROUTES, type StatsResponse } from '../../domain/api/stats';
import type { ApiClient } from '../../net';
import { loadable } from './loadable';

export function createStatsSlice(api: ApiClient, today: () => string) {
  const t = today();
  const period = signal({ from: `${t.slice(0, 4)}-01-01`, to: t });
  const stats = loadable<StatsResponse>();
  const fetchStats = () => api.call(STATS_ROUTES.json, { query: period.value });
  return {
    period,
    stats,
    load: () => stats.run(fetchStats),
    setPeriod(from: string, to: string) {
      period.value = { from, to };
      return stats.run(fetchStats);
    },
    /** The CSV as a Blob; the UI saves it with a download link. */
    async csv(): Promise<Blob> {
      const res = await api.raw(STATS_ROUTES.csv, { query: period.value });
      if (!res.ok) throw await api.failure(res);
      return res.blob();
    },
    csvName: () => `代办统计-${period.value.from}至${period.value.to}.csv`,
  };
}
export type StatsSlice = ReturnType<typeof createStatsSlice>;
