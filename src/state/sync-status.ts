// What the agent sees about sync: unsent count, last successful sync, problems. The sync module
// does the sending; this only reads storage (refreshed after writes and by the sync module).
import { dismissRejected, retryNow } from '../storage';
import { showToast, type AppState } from './app-state';
import { refreshSyncStatus } from './sync-slice';
export { refreshSyncStatus } from './sync-slice';

/** The agent retries a failed entry now (the sync module picks it up on its next drain). */
export async function retrySyncEntry(state: AppState, id: string): Promise<void> {
  await retryNow(id, state.deps.now());
  await refreshSyncStatus(state);
  await state.deps.syncNow?.();
}

/** The agent has read a rejection and will fix the case: hide it from the problem list. */
export async function dismissSyncProblem(state: AppState, id: string): Promise<void> {
  await dismissRejected(id, state.deps.now());
  await refreshSyncStatus(state);
}

export async function syncNow(state: AppState): Promise<void> {
  if (!state.deps.syncNow) return;
  state.sync.running.value = true;
  try {
    await state.deps.syncNow();
    if (state.online.value && state.sync.unreachable.value)
      showToast(state, 'warning', '这次没有同步成功：连不上乡镇服务器。办件都保存在本机，连上后会自动同步。');
  } finally {
    state.sync.running.value = false;
    await refreshSyncStatus(state);
  }
}
