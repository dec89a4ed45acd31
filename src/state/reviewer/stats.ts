// The statistics page: the report for a period, and the CSV of it.
import { signal } from '@preact/signals';
import { API, type StatsResponse } from '../../domain/api';
import type { ApiClient } from '../../net';
import { loadable } from './loadable';

export function createStatsSlice(api: ApiClient, today: () => string) {
  const t = today();
  const period = signal({ from: `${t.slice(0, 4)}-01-01`, to: t });
  const stats = loadable<StatsResponse>();
  const fetchStats = () => api.call(API.stats, { query: period.value });
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
      const res = await api.raw(API.statsCsv, { query: period.value });
      if (!res.ok) throw await api.failure(res);
      return res.blob();
    },
    csvName: () => `代办统计-${period.value.from}至${period.value.to}.csv`,
  };
}
export type StatsSlice = ReturnType<typeof createStatsSlice>;
