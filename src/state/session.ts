// Login against the township server. The session (token + user) is then kept on the device so
// the agent keeps working offline; only the first login needs the network.
import { z } from 'zod';
import { Role } from '../domain';

export const SessionUser = z.object({
  id: z.string().min(1).max(64),
  username: z.string().max(64).optional(),
  name: z.string().min(1).max(40),
  role: Role,
  villageCode: z.string().regex(/^\d{12}$/).optional(),
  villageName: z.string().max(60).optional(),
  townshipCode: z.string().regex(/^\d{6,12}$/).optional(),
  townshipName: z.string().max(60).optional(),
  countyCode: z.string().max(12).optional(),
  countyName: z.string().max(60).optional(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const Session = z.object({
  token: z.string().min(1),
  user: SessionUser,
  loggedInAt: z.number().int().nonnegative(),
  /** When the server stops accepting the token (the agent keeps working offline; sync asks to log in). */
  expiresAt: z.number().int().optional(),
});
export type Session = z.infer<typeof Session>;

const LoginResponse = z.object({ token: z.string().min(1), user: SessionUser, expiresAt: z.number().int().optional() });

/** A login failure with a stable code and a Chinese message for the agent. */
export class LoginError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'LoginError';
  }
}

export async function requestLogin(fetchFn: typeof fetch, username: string, password: string, now: number): Promise<Session> {
  if (!username.trim() || !password) throw new LoginError('login.empty', '请填写用户名和密码');
  let res: Response;
  try {
    res = await fetchFn('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: username.trim(), password }),
    });
  } catch {
    throw new LoginError('login.offline', '连不上乡镇服务器。第一次登录需要联网，请到有信号的地方再试');
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const err = z.object({ code: z.string(), message: z.string() }).safeParse(body);
    if (res.status === 401 || res.status === 403) throw new LoginError(err.success ? err.data.code : 'login.denied', err.success ? err.data.message : '用户名或密码不正确');
    throw new LoginError(err.success ? err.data.code : 'login.server', err.success ? err.data.message : `服务器出错（${res.status}），请稍后再试`);
  }
  const parsed = LoginResponse.safeParse(body);
  if (!parsed.success) throw new LoginError('login.response', '服务器返回的登录信息不完整，请联系管理员');
  return { ...parsed.data, loggedInAt: now };
}
