// The diagnostic the agent sends from the sync screen: what this device could not read, as codes,
// tables, keys and schema paths (src/domain/api/diagnostics.ts), never the values.
import { DIAGNOSTIC_ROUTES, MAX_DIAGNOSTIC_ITEMS, type DiagnosticItem } from '../domain/api/diagnostics';
import { APP_VERSION } from '../domain/api/version';
import { errorMessage } from '../net';
import { clearDeviceProblems } from '../storage';
import { showToast, type AppState } from './app-state';
import { refreshDeviceProblems } from './device-problems';

/** Sends the list to the township server; on success the device's list starts empty again. */
export async function sendDiagnostic(state: AppState): Promise<boolean> {
  const items: DiagnosticItem[] = state.sync.deviceProblems.value.slice(-MAX_DIAGNOSTIC_ITEMS);
  if (items.length === 0) return true;
  state.sync.sendingDiagnostic.value = true;
  try {
    await state.api.call(DIAGNOSTIC_ROUTES.send, {
      body: { deviceId: state.deviceId.value || 'unknown', appVersion: APP_VERSION, items },
    });
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
