// What this device could not read (stored rows failing their schema, pulled changes of a kind
// this app does not know), for the sync screen, and the diagnostic the agent sends to the county
// (send-diagnostic.ts, loaded with the sync screen: codes, tables, keys and schema paths; never
// the values).
import { listRowProblems, listSkippedChanges, onRowProblem, restoreRowProblems } from '../storage';
import type { AppState } from './app-state';

/**
 * Reads the list again. `restore` also reads the rows found bad in earlier page lives (kept in
 * their own small store, opened on first use): the sync screen asks for it; the refresh after
 * every drain does not, so the first screen never loads that store.
 */
export async function refreshDeviceProblems(state: AppState, { restore = true } = {}): Promise<void> {
  const [skipped] = await Promise.all([listSkippedChanges(), restore ? restoreRowProblems() : undefined]);
  state.sync.deviceProblems.value = [...listRowProblems(), ...skipped];
}

/** Keeps the list current while the page runs (rows are found bad when some screen reads them). */
export function watchDeviceProblems(state: AppState): () => void {
  return onRowProblem(() => void refreshDeviceProblems(state, { restore: false }).catch(() => undefined));
}
