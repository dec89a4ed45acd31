// The agent's "即将到期" list, self-loading from the device: mount it on the case list screen.
import { useEffect, useState } from 'preact/hooks';
import { loadDueSoon } from '../../state/reviewer/agent-side';
import type { DueEntry } from '../../state/reviewer/due-soon';
import { lookupItem } from '../../state/catalog-lookup';
import { useAppState } from '../app/context';
import { DueSoonList } from './due-soon-list';

export function DueSoonPanel() {
  const state = useAppState();
  const [entries, setEntries] = useState<DueEntry[] | null>(null);
  const today = state.today.value;
  const lastSync = state.sync.lastSyncAt.value;
  useEffect(() => {
    let live = true;
    loadDueSoon(state).then(
      (e) => live && setEntries(e),
      () => live && setEntries([]),
    );
    return () => {
      live = false;
    };
  }, [today, lastSync]);
  if (!entries || entries.length === 0) return null;
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
