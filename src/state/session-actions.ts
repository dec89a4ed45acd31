// Logout (login: session-login.ts, start-up: session-boot.ts). The session lives in storage settings so the app opens offline.
import { clearUserData, pendingCount } from '../storage';
import type { AppState } from './app-state';
export { login } from './session-login';
import { resetCaseList } from './case-list';
import { resetPersons } from './persons';
import { closeWorkbench } from './workbench/open';
import { forgetPhotoQualities } from './photo-quality-memo';
import { revokeBlobUrls } from './blob-urls';
import { revokeOnServer } from './server-logout';
import { forgetDeviceKey } from './device-key';

/** Work not yet accepted by the server: lost if the agent logs out now. */
export const unsentCount = () => pendingCount();

/**
 * Ends the session on the server (or remembers to, when offline), then wipes this user's data from
 * the device (after the UI asked) and returns to the login screen.
 */
export async function logout(state: AppState): Promise<void> {
  await revokeOnServer(state);
  await endLocalSession(state);
}

/** Wipes this user's data from the device and returns to the login screen (no server call). */
export async function endLocalSession(state: AppState): Promise<void> {
  await clearUserData();
  await forgetDeviceKey(state);
  await forgetPhotoQualities();
  revokeBlobUrls();
  closeWorkbench(state);
  resetCaseList(state);
  resetPersons(state);
  state.session.value = null;
  state.router.navigate({ name: 'login' }, { replace: true });
}
