// POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API, type SessionUser } from '../../domain/api';
import type { Store } from '../store';
import type { ServerConfig } from '../config';
import { ApiFailure } from '../http/errors';
import { serve } from '../http/route';
import { hashPassword, verifyPassword } from './password';
import { bearerToken, hashToken, newToken, SESSION_DAYS } from './tokens';
import { currentUser, toAuthUser, type AuthUser } from './user';

export async function sessionUser(store: Store, u: AuthUser): Promise<SessionUser> {
  const name = async (code: string | null) => (code ? (await store.divisions.get(code))?.name : undefined);
  const out: SessionUser = { id: u.id, username: u.username, name: u.name, role: u.role, countyCode: u.countyCode };
  const countyName = await name(u.countyCode);
  if (countyName) out.countyName = countyName;
  if (u.townshipCode) {
    out.townshipCode = u.townshipCode;
    const n = await name(u.townshipCode);
    if (n) out.townshipName = n;
  }
  if (u.villageCode) {
    out.villageCode = u.villageCode;
    const n = await name(u.villageCode);
    if (n) out.villageName = n;
  }
  return out;
}

export async function registerAuthRoutes(app: FastifyInstance, store: Store, config: ServerConfig): Promise<void> {
  // Unknown usernames still pay for one hash so response time does not reveal which names exist.
  const decoyHash = await hashPassword('decoy-password', config.passwordCost);

  serve(
    app,
    API.login,
    async ({ body }) => {
      const user = await store.users.byUsername(body.username);
      const ok = await verifyPassword(body.password, user?.passwordHash ?? decoyHash);
      if (!user || !ok) throw new ApiFailure(401, 'auth.bad_credentials', '用户名或密码不正确');
      const now = config.now();
      const token = newToken();
      const expiresAt = now + SESSION_DAYS * 86_400_000;
      await store.sessions.insert({ tokenHash: hashToken(token), userId: user.id, createdAt: now, expiresAt });
      await store.sessions.deleteExpired(now);
      return { token, user: await sessionUser(store, toAuthUser(user)), expiresAt };
    },
    {
      config: {
        rateLimit: {
          max: config.rateLimits.loginPerMinute,
          timeWindow: 60_000,
          keyGenerator: (req: FastifyRequest) => `login:${req.ip}`,
        },
      },
    },
  );

  serve(app, API.logout, async ({ request, reply }) => {
    currentUser(request);
    const token = bearerToken(request.headers.authorization);
    if (token) await store.sessions.delete(hashToken(token));
    return reply.code(204).send();
  });

  serve(app, API.me, async ({ request }) => ({ user: await sessionUser(store, currentUser(request)) }));
}
