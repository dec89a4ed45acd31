// What this device could not read (stored rows failing their schema, pulled changes of a kind
// this app does not know), for the sync screen, and the diagnostic the agent sends to the county
// (src/domain/api/diagnostics.ts: codes, tables, keys and schema paths; never the values).
import { API, APP_VERSION, MAX_DIAGNOSTIC_ITEMS, type DiagnosticItem } from '../domain/api';
import { errorMessage } from '../net';
import { clearDeviceProblems, listRowProblems, listSkippedChanges, onRowProblem, restoreRowProblems } from '../storage';
import { showToast, type AppState } from './app-state';

export async function refreshDeviceProblems(state: AppState): Promise<void> {
  const [skipped] = await Promise.all([listSkippedChanges(), restoreRowProblems()]);
  state.sync.deviceProblems.value = [...listRowProblems(), ...skipped];
}

/** Keeps the list current while the page runs (rows are found bad when some screen reads them). */
export function watchDeviceProblems(state: AppState): () => void {
  return onRowProblem(() => void refreshDeviceProblems(state).catch(() => undefined));
}

/** Sends the list to the township server; on success the device's list starts empty again. */
export async function sendDiagnostic(state: AppState): Promise<boolean> {
  const items: DiagnosticItem[] = state.sync.deviceProblems.value.slice(-MAX_DIAGNOSTIC_ITEMS);
  if (items.length === 0) return true;
  state.sync.sendingDiagnostic.value = true;
  try {
    await state.api.call(API.diagnostics, { body: { deviceId: state.deviceId.value || 'unknown', appVersion: APP_VERSION, items } });
    await clearDeviceProblems();
    await refreshDeviceProblems(state);
    showToast(state, 'success', `已发送 ${items.length} 条诊断信息给管理员`);
    return true;
  } catch (err) {
    showToast(state, 'danger', `诊断信息没有发出：${errorMessage(err)}`);
    return false;
  } finally {
    state.sync.sendingDiagnostic.value = false;
  }
}
