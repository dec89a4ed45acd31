// The agent's "即将到期" list, self-loading from the device: mount it on the case list screen.
// Its reading code (decisions, the catalogue for material names) loads after the list's first
// rows are drawn, in a long idle period: the panel is secondary to them and to the list's count
// (its ~20 module requests cost ≈ 50 ms of main thread at 4×, issue 13).
import { useEffect, useState } from 'preact/hooks';
import type { DueEntry } from '../../state/reviewer/due-soon';
import type { ServiceItem } from '../../domain/schemas/catalog';
import { firstRowsDrawn } from '../../state/first-rows';
import { useAppState } from '../app/context';
import { longIdle } from '../app/long-idle';
import { DueSoonList } from './due-soon-list';

interface Loaded {
  entries: DueEntry[];
  lookupItem: (code: string) => ServiceItem | undefined;
}

export function DueSoonPanel() {
  const state = useAppState();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const today = state.today.value;
  const lastSync = state.sync.lastSyncAt.value;
  useEffect(() => {
    let live = true;
    firstRowsDrawn()
      .then(() => longIdle())
      .then(() => Promise.all([import('../../state/reviewer/agent-side'), import('../../state/catalog-lookup')]))
      .then(async ([side, catalog]) => ({ entries: await side.loadDueSoon(state), lookupItem: catalog.lookupItem }))
      .then(
        (l) => live && setLoaded(l),
        () => live && setLoaded(null),
      );
    return () => {
      live = false;
    };
  }, [today, lastSync]);
  if (!loaded || loaded.entries.length === 0) return null;
  const { entries, lookupItem } = loaded;
  return (
    <div class="card">
      <DueSoonList
        entries={entries}
        onOpen={(id) => state.router.navigate({ name: 'case', id })}
        materialName={(caseId, requirementId) => {
          const code = entries.find((e) => e.caseId === caseId)?.itemCode;
          return (code && lookupItem(code)?.materials.find((m) => m.id === requirementId)?.name) || requirementId;
        }}
      />
    </div>
  );
}
