// The bearer-token check in front of every /api route not marked `config: { public: true }`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Store } from '../store';
import { ApiFailure, unauthorized } from '../http/errors';
import { bearerToken, hashToken } from './tokens';
import { toAuthUser, type AuthUser } from './user';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a token (login, health). */
    public?: boolean;
    /** Reachable while the user still holds a one-time password (me, logout, change password). */
    beforePasswordChange?: boolean;
  }
}

export async function userForToken(
  store: Store,
  token: string | undefined,
  now: number,
): Promise<AuthUser | undefined> {
  if (!token) return undefined;
  const session = await store.sessions.get(hashToken(token));
  if (!session) return undefined;
  if (session.expiresAt <= now) {
    await store.sessions.delete(session.tokenHash);
    return undefined;
  }
  const user = await store.users.get(session.userId);
  // A disabled account's sessions are deleted when it is disabled; this check covers a token
  // that raced the disabling.
  return user && user.disabledAt === null ? toAuthUser(user) : undefined;
}

export function installAuthentication(app: FastifyInstance, store: Store, now: () => number): void {
  app.decorateRequest('authUser', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    // Unknown routes fall through to the 404 handler; the static PWA needs no token.
    if (!request.url.startsWith('/api/') || !request.routeOptions.url || request.routeOptions.config.public) return;
    const user = await userForToken(store, bearerToken(request.headers.authorization), now());
    if (!user) throw unauthorized();
    if (user.mustChangePassword && !request.routeOptions.config.beforePasswordChange)
      throw new ApiFailure(403, 'auth.password_change_required', '请先修改初始密码');
    request.authUser = user;
  });
}
