// Login, restore and logout. The session lives in storage settings so the app opens offline.
import { clearUserData, getDeviceId, getSession, pendingCount, saveSession } from '../storage';
import type { AppState } from './app-state';
import { RequestError } from '../net';
import { requestLogin, Session } from './session';
import { refreshStorageInfo, requestPersistence } from './storage-info';
import { resetCaseList } from './case-list';
import { resetPersons } from './persons';
import { closeWorkbench } from './workbench/open';
import { forgetPhotoQualities } from './photo-quality-memo';
import { revokeBlobUrls } from './blob-urls';
import { flushPendingLogouts, revokeOnServer } from './server-logout';
import { forgetDeviceKey, keyAfterLogin, requireEnrollment, restoreDeviceLock } from './device-key';

/** Reads the device id and any stored session; the app can then route. */
export async function bootSession(state: AppState): Promise<void> {
  try {
    // Encryption at rest: with a user's key on the device, the reads below wait for the unlock.
    await restoreDeviceLock(state);
    state.deviceId.value = await getDeviceId();
    state.session.value = (await getSession(Session).catch(() => undefined)) ?? null;
    if (state.session.value) requireEnrollment(state, state.session.value.user);
  } finally {
    state.booted.value = true;
  }
  void flushPendingLogouts(state).catch(() => undefined);
}

/**
 * Online login; throws a RequestError with a Chinese message. Also renews an expired token: the same
 * user logs in again and keeps the device's data. Another user is refused while the device still
 * holds the first user's work (it leaves only through logout, which warns about unsent cases).
 */
export async function login(state: AppState, username: string, password: string): Promise<void> {
  const session = await requestLogin(state.api, username, password, state.deps.now());
  const previous = state.session.value;
  if (previous && previous.user.id !== session.user.id) {
    throw new RequestError('refused', {
      code: 'login.other_user',
      message: `这台设备上保存着${previous.user.name}的办件。请${previous.user.name}先同步并在“设置”中退出登录，再换人登录`,
    });
  }
  await keyAfterLogin(state, session.user, password); // the session is stored sealed
  await saveSession(session);
  state.session.value = session;
  void flushPendingLogouts(state).catch(() => undefined);
  // Chrome grants persistence to engaged/installed apps: ask now that the agent is committed.
  void requestPersistence(state).then(() => refreshStorageInfo(state));
}

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
