// POST /api/auth/login · POST /api/auth/logout · POST /api/auth/revoke · GET /api/auth/me
import { z } from 'zod';
import { Role } from '../schemas/common';
import { route } from './route-spec';
import { LOGIN_ENDPOINT } from './auth-light';

export const LoginRequest = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64, '用户名过长'),
  password: z.string().min(1, '请输入密码').max(200, '密码过长'),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/**
 * A logout made offline, sent later: only the SHA-256 of the token, so a tablet lost before it
 * reconnects holds nothing that signs in. Knowing a hash lets one end that session, nothing more.
 */
export const RevokeRequest = z.object({ tokenHash: z.string().regex(/^[0-9a-f]{64}$/, '令牌摘要格式不正确') });
export type RevokeRequest = z.infer<typeof RevokeRequest>;

/** Who is logged in, with the names of their places; what the device keeps after login. */
export const SessionUser = z.object({
  id: z.string().min(1).max(64),
  username: z.string().max(64).optional(),
  name: z.string().min(1).max(40),
  role: Role,
  villageCode: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  villageName: z.string().max(60).optional(),
  townshipCode: z
    .string()
    .regex(/^\d{6,12}$/)
    .optional(),
  townshipName: z.string().max(60).optional(),
  countyCode: z.string().max(12).optional(),
  countyName: z.string().max(60).optional(),
  /** Logged in with a one-time password: the app asks for a new one before anything else. */
  mustChangePassword: z.literal(true).optional(),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** Checked by hand in the first screen's login (checkLoginResponse in answer-checks.ts, held equal by a test). */
export const LoginResponse = z.object({ token: z.string().min(1), user: SessionUser, expiresAt: z.number().int() });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const MeResponse = z.object({ user: SessionUser });
export type MeResponse = z.infer<typeof MeResponse>;

export { SESSION_TOKEN_HEADERS } from './auth-light';

export const AUTH_ROUTES = {
  login: route({ ...LOGIN_ENDPOINT, body: LoginRequest, response: LoginResponse }),
  logout: route({ method: 'POST', path: '/api/auth/logout', response: null }),
  revoke: route({ method: 'POST', path: '/api/auth/revoke', body: RevokeRequest, response: null, public: true }),
  me: route({ method: 'GET', path: '/api/auth/me', response: MeResponse }),
} as const;
