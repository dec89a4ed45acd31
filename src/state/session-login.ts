// Online login, loaded when the agent submits the login form (the API client and the contract's
// schemas are not on the first screen). The session is validated here, when it is stored (the
// login answer checked by hand, login-request.ts): the app's start reads it as it is
// (session-boot.ts).
import type { AppState } from './app-state';
import { RequestError } from '../net/errors';
import { requestLogin } from './login-request';
// Without Dexie when it is not loaded yet (a first login): issue 13.
import { saveSession } from '../storage/first-reads';
import { refreshStorageInfo, requestPersistence } from './storage-info';
import { keyAfterLogin } from './device-key';
import { flushLogoutsIfAny } from './session-boot';

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
  await saveSession(session); // checked when written (the login answer): boot reads it as it is
  state.session.value = session;
  void flushLogoutsIfAny(state).catch(() => undefined);
  // Chrome grants persistence to engaged/installed apps: ask now that the agent is committed.
  void requestPersistence(state).then(() => refreshStorageInfo(state));
}
