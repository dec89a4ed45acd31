// Names for codes in the statistics: service items from the catalogue, villages from divisions.
import { STATUS_LABELS } from '../../domain/state-machine';
import type { StatsLabels } from '../../domain/stats';
import type { StatsLabelMaps } from '../../domain/api';
import type { Store } from '../store';

export async function loadLabels(store: Store): Promise<StatsLabelMaps> {
  const [items, divisions] = await Promise.all([store.catalog.list(), store.divisions.list()]);
  return {
    items: Object.fromEntries(items.map((i) => [i.code, i.name])),
    villages: Object.fromEntries(divisions.filter((d) => d.level === 'village').map((d) => [d.code, d.name])),
    statuses: { ...STATUS_LABELS },
  };
}

export const csvLabels = (m: StatsLabelMaps): StatsLabels => ({
  status: (s) => m.statuses[s] ?? s,
  item: (c) => m.items[c] ?? c,
  village: (c) => m.villages[c] ?? c,
});
