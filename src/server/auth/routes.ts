// POST /api/auth/login, POST /api/auth/logout, POST /api/auth/revoke, POST /api/auth/logout-all, GET /api/auth/me,
// POST /api/auth/password.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API, type SessionUser } from '../../domain/api';
import type { Store } from '../store';
import { loginPerIp, type ServerConfig } from '../config';
import { ApiFailure, badRequest } from '../http/errors';
import { serve } from '../http/route';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../seed/demo-county';
import { auditAdmin } from '../admin/audit';
import { hashPassword, verifyPassword } from './password';
import { checkPassword } from './password-policy';
import { accountKey, admitLogin, FORGET_FAILURES_MS, tooManyLogins } from './login-delay';
import { hashToken, newToken, SESSION_DAYS } from './tokens';
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
  if (u.mustChangePassword) out.mustChangePassword = true;
  return out;
}

export async function registerAuthRoutes(app: FastifyInstance, store: Store, config: ServerConfig): Promise<void> {
  // Unknown usernames still pay for one hash so response time does not reveal which names exist.
  const decoyHash = await hashPassword('decoy-password', config.passwordCost);
  // Login attempts per IP over all accounts (every URL form: the limiter keys on the matched route).
  const ipLimit = app.createRateLimit({
    max: loginPerIp(config.rateLimits),
    timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) => `login-ip:${req.ip}`,
  });

  serve(
    app,
    API.login,
    async ({ body, request }) => {
      const perIp = await ipLimit(request);
      if (!perIp.isAllowed && perIp.isExceeded) throw tooManyLogins(perIp.ttlInSeconds);
      const account = accountKey(body.username);
      await admitLogin(store, account, config.now(), config.loginDelay);
      const user = await store.users.byUsername(body.username);
      const ok = await verifyPassword(body.password, user?.passwordHash ?? decoyHash);
      if (!user || !ok) throw new ApiFailure(401, 'auth.bad_credentials', '用户名或密码不正确');
      // Only after the password matched, so neither answer tells which usernames exist.
      if (user.disabledAt !== null) throw new ApiFailure(403, 'auth.disabled', '该账号已停用，请联系县级管理员');
      if (
        config.refuseDemoLogins &&
        body.password === DEMO_PASSWORD &&
        DEMO_LOGINS.some((l) => l.username === user.username)
      )
        throw new ApiFailure(403, 'auth.demo_refused', '正式环境不允许使用演示账号登录，请使用管理员分配的账号');
      const now = config.now();
      await store.loginFailures.clear(account);
      const token = newToken();
      const expiresAt = now + SESSION_DAYS * 86_400_000;
      await store.sessions.insert({
        tokenHash: hashToken(token),
        userId: user.id,
        createdAt: now,
        expiresAt,
        device: request.headers['user-agent']?.slice(0, 200) ?? null,
        ip: request.ip.slice(0, 64),
      });
      await store.sessions.deleteExpired(now, now - config.sessions.idleMs, now - config.sessions.rotateGraceMs);
      await store.loginFailures.prune(now - FORGET_FAILURES_MS);
      return { token, user: await sessionUser(store, toAuthUser(user)), expiresAt };
    },
    {
      config: {
        // Per IP and account: after the body is parsed, so one account guessed from a township's
        // NAT does not use up its colleagues' attempts (the per-IP limit above is for spraying).
        rateLimit: {
          max: config.rateLimits.loginPerMinute,
          timeWindow: 60_000,
          hook: 'preHandler',
          keyGenerator: (req: FastifyRequest) =>
            `login:${req.ip}:${accountKey(String((req.body as { username?: unknown } | undefined)?.username ?? ''))}`,
        },
      },
    },
  );

  const beforePasswordChange = { config: { beforePasswordChange: true } };
  serve(
    app,
    API.logout,
    async ({ request, reply }) => {
      currentUser(request);
      // The whole sign-in of this device, with any token that rotation left in its grace.
      if (request.authSession) await store.sessions.revoke(request.authSession.sessionId, config.now(), 'logout');
      return reply.code(204).send();
    },
    beforePasswordChange,
  );

  // Public: the device is signed out already and sends only the token's hash (see RevokeRequest).
  // The same answer whether or not the hash names a session.
  serve(app, API.revokeSession, async ({ body, reply }) => {
    const session = await store.sessions.get(body.tokenHash);
    if (session) await store.sessions.revoke(session.sessionId, config.now(), 'logout');
    return reply.code(204).send();
  });

  serve(
    app,
    API.logoutAll,
    async ({ request }) => {
      const me = currentUser(request);
      const now = config.now();
      const ended = await store.transaction(async (tx) => {
        const n = await tx.sessions.revokeForUser(me.id, now, 'logout-all');
        await auditAdmin(
          tx,
          { role: me.role, id: me.id },
          { entity: 'session', entityId: me.id, action: 'logout-all', detail: `结束会话 ${n} 个` },
          now,
        );
        return n;
      });
      return { ended };
    },
    beforePasswordChange,
  );

  serve(
    app,
    API.me,
    async ({ request }) => ({ user: await sessionUser(store, currentUser(request)) }),
    beforePasswordChange,
  );

  serve(
    app,
    API.changePassword,
    async ({ body, request }) => {
      const me = currentUser(request);
      const stored = await store.users.get(me.id);
      if (!stored || !(await verifyPassword(body.currentPassword, stored.passwordHash)))
        throw badRequest('password.wrong_current', '当前密码不正确');
      checkPassword(body.newPassword, stored.username);
      if (body.newPassword === body.currentPassword) throw badRequest('password.unchanged', '新密码不能与当前密码相同');
      const passwordHash = await hashPassword(body.newPassword, config.passwordCost);
      const keep = request.authSession?.sessionId;
      const now = config.now();
      const updated = await store.transaction(async (tx) => {
        const u = await tx.users.get(me.id);
        if (!u) throw badRequest('password.wrong_current', '当前密码不正确');
        const next = { ...u, passwordHash, mustChangePassword: false };
        await tx.users.update(next);
        // Other devices logged in with the old password must log in again.
        const ended = await tx.sessions.revokeForUser(u.id, now, 'password', keep);
        await auditAdmin(
          tx,
          { role: u.role, id: u.id },
          { entity: 'user', entityId: u.id, action: 'password-change', detail: `结束其他会话 ${ended} 个` },
          now,
        );
        return next;
      });
      return { user: await sessionUser(store, toAuthUser(updated)) };
    },
    beforePasswordChange,
  );
}
