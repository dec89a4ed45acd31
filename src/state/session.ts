// Login against the township server. The session (token + user) is then kept on the device so
// the agent keeps working offline; only the first login needs the network.
import { z } from 'zod';
import { AUTH_ROUTES, SessionUser } from '../domain/api/auth';
import { RequestError } from '../net/errors';
import type { ApiClient } from '../net/client';

export const Session = z.object({
  token: z.string().min(1),
  user: SessionUser,
  loggedInAt: z.number().int().nonnegative(),
  /** When the server stops accepting the token (the agent keeps working offline; sync asks to log in). */
  expiresAt: z.number().int().optional(),
  /** Server time the token was issued by rotation (X-Session-Token); a newer one replaces it. */
  tokenIssuedAt: z.number().int().optional(),
});
export type Session = z.infer<typeof Session>;

const OFFLINE = '连不上乡镇服务器。第一次登录需要联网，请到有信号的地方再试';

/** Logs in; a failure is a RequestError whose Chinese message the login screen shows. */
export async function requestLogin(api: ApiClient, username: string, password: string, now: number): Promise<Session> {
  if (!username.trim() || !password)
    throw new RequestError('refused', { code: 'login.empty', message: '请填写用户名和密码' });
  try {
    const answer = await api.call(AUTH_ROUTES.login, { body: { username: username.trim(), password } });
    return { ...answer, loggedInAt: now };
  } catch (e) {
    if (e instanceof RequestError && e.kind === 'network')
      throw new RequestError('network', { code: 'login.offline', message: OFFLINE }, { cause: e });
    throw e;
  }
}
