// Login against the township server, without classic zod: the login answer is checked by hand
// (checkLoginResponse, held equal to the contract's LoginResponse schema by a test), so the first
// screen's login path stays small. The session (token + user) is then kept on the device so the
// agent keeps working offline; only the first login needs the network.
import { checkLoginResponse } from '../domain/api/answer-checks';
import { LOGIN_ENDPOINT } from '../domain/api/auth-light';
import type { LoginRequest } from '../domain/api/auth';
import { RequestError } from '../net/errors';
import type { ApiClient } from '../net/client';
import type { Session } from './session';

const OFFLINE = '连不上乡镇服务器。第一次登录需要联网，请到有信号的地方再试';

/**
 * Logs in; a failure is a RequestError whose Chinese message the login screen shows. The session
 * is the checked answer plus the login time: exactly what the Session schema accepts and returns
 * (tests/unit/net/answer-checks.test.ts).
 */
export async function requestLogin(api: ApiClient, username: string, password: string, now: number): Promise<Session> {
  if (!username.trim() || !password)
    throw new RequestError('refused', { code: 'login.empty', message: '请填写用户名和密码' });
  try {
    const body: LoginRequest = { username: username.trim(), password };
    const answer = await api.callChecked(LOGIN_ENDPOINT, { body }, checkLoginResponse);
    return { ...answer, loggedInAt: now };
  } catch (e) {
    if (e instanceof RequestError && e.kind === 'network')
      throw new RequestError('network', { code: 'login.offline', message: OFFLINE }, { cause: e });
    throw e;
  }
}
