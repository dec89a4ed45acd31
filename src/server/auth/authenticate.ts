// The bearer-token check in front of every /api route not marked `config: { public: true }`, with
// the session's lifetime: idle expiry, token rotation (a fresh token in X-Session-Token; the old one
// keeps working for a grace after the new one is first used), and revocation, which the device is
// told as its own 401 code so it can push what it still holds and then wipe.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API, ERROR_CODE_HEADER, SESSION_TOKEN_HEADERS } from '../../domain/api';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from '../config';
import type { RevokeReason, StoredSession, Store } from '../store';
import { ApiFailure, unauthorized } from '../http/errors';
import { bearerToken, hashToken, newToken, SESSION_DAYS } from './tokens';
import { toAuthUser, type AuthUser } from './user';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a token (login, health). */
    public?: boolean;
    /** Reachable while the user still holds a one-time password (me, logout, change password). */
    beforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    /** The session of the request's token (null on public routes). */
    authSession: StoredSession | null;
  }
}

const TOKEN_HEADERS = SESSION_TOKEN_HEADERS;

/** A new token is not re-sent more often than this while the previous one is still unused. */
const RESEND_AFTER_MS = 60_000;
/** last_used_at is written at most this often per token. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Routes a revoked session may still use during its push grace: delivering the mutations and files
 * already queued on the device (never reading anything), so revoking a device loses no work.
 */
const FINAL_PUSH_ROUTES = new Set([API.push, API.blobHead, API.blobPatch].map((spec) => `${spec.method} ${spec.path}`));

/** A 401 whose code is also in a header, for answers without a body (HEAD). */
const authFailure = (code: string, message: string) =>
  new ApiFailure(401, code, message, undefined, { [ERROR_CODE_HEADER]: code });

export const expired = () => authFailure('auth.expired', '登录已超时，请重新登录');

/** The 401 a revoked session gets, by reason. */
export function revokedFailure(reason: RevokeReason | null): ApiFailure {
  if (reason === 'disabled') return authFailure('auth.disabled', '该账号已停用，请联系县级管理员');
  if (reason === 'admin' || reason === 'logout-all')
    return authFailure('auth.revoked', '本设备的登录已被取消（管理员操作或“退出所有设备”），请重新登录');
  if (reason === 'password') return authFailure('auth.password_changed', '密码已修改，请用新密码重新登录');
  return unauthorized();
}

export interface TokenCheck {
  user: AuthUser;
  session: StoredSession;
  /** Set when the session is revoked (or the account disabled) but still in its push grace. */
  finalPush?: boolean;
}

/** The user of a token, or the 401 to answer; `finalPush` = the route delivers queued work. */
export async function checkToken(
  store: Store,
  token: string | undefined,
  now: number,
  policy: SessionPolicy,
  finalPush = false,
): Promise<TokenCheck> {
  if (!token) throw unauthorized();
  const found = await store.sessions.withUser(hashToken(token));
  if (!found) throw unauthorized();
  const { session, user } = found;
  const inPushGrace = (since: number) => finalPush && now < since + policy.revokedPushGraceMs;
  if (session.revokedAt !== null) {
    const graced = session.revokedReason !== 'logout' && session.revokedReason !== 'password';
    if (!graced || !inPushGrace(session.revokedAt)) throw revokedFailure(session.revokedReason);
  } else {
    const idleSince = session.lastUsedAt ?? session.createdAt;
    const over =
      session.expiresAt <= now ||
      idleSince + policy.idleMs <= now ||
      (session.replacedAt !== null && session.replacedAt + policy.rotateGraceMs <= now);
    if (over) {
      await store.sessions.delete(session.tokenHash);
      throw expired();
    }
  }
  if (!user) throw unauthorized();
  // Disabling revokes the sessions; this covers a token that raced it.
  if (user.disabledAt !== null && !inPushGrace(user.disabledAt)) throw revokedFailure('disabled');
  const check: TokenCheck = { user: toAuthUser(user), session };
  if (session.revokedAt !== null || user.disabledAt !== null) check.finalPush = true;
  return check;
}

/** Issues the session's next token and puts it in the answer's headers. */
async function issueSuccessor(
  store: Store,
  reply: FastifyReply,
  request: FastifyRequest,
  s: StoredSession,
  now: number,
) {
  const token = newToken();
  const expiresAt = now + SESSION_DAYS * 86_400_000;
  await store.sessions.insert({
    tokenHash: hashToken(token),
    sessionId: s.sessionId,
    userId: s.userId,
    createdAt: now,
    expiresAt,
    device: s.device,
    ip: request.ip.slice(0, 64),
  });
  reply.header(TOKEN_HEADERS.token, token);
  reply.header(TOKEN_HEADERS.issuedAt, String(now));
  reply.header(TOKEN_HEADERS.expiresAt, String(expiresAt));
}

/** Records the use and rotates the token when it is old (or its successor was apparently lost). */
async function keepAlive(
  store: Store,
  request: FastifyRequest,
  reply: FastifyReply,
  s: StoredSession,
  now: number,
  policy: SessionPolicy,
) {
  if (s.lastUsedAt === null) await store.sessions.markReplaced(s.sessionId, s.tokenHash, now);
  if (s.lastUsedAt === null || now - s.lastUsedAt >= TOUCH_EVERY_MS) await store.sessions.touch(s.tokenHash, now);
  // A token younger than the rotation age has no successor yet (successors come only from old ones).
  if (now - s.createdAt < policy.rotateAfterMs) return;
  const newest = await store.sessions.newest(s.sessionId);
  if (!newest || newest.tokenHash === s.tokenHash) {
    await issueSuccessor(store, reply, request, s, now);
  } else if (newest.lastUsedAt === null && now - newest.createdAt >= RESEND_AFTER_MS) {
    // The device still sends the older token: the answer carrying the new one was lost.
    await issueSuccessor(store, reply, request, s, now);
  }
}

export function installAuthentication(
  app: FastifyInstance,
  store: Store,
  now: () => number,
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
): void {
  app.decorateRequest('authUser', null);
  app.decorateRequest('authSession', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    // The matched route, never the raw URL: an absolute-form or percent-encoded request line routes
    // to the same handler. Unknown routes fall through to the 404 handler; static files need no token.
    const route = request.routeOptions.url;
    if (!route?.startsWith('/api/') || request.routeOptions.config.public) return;
    const finalPush = FINAL_PUSH_ROUTES.has(`${request.method} ${route}`);
    const at = now();
    const check = await checkToken(store, bearerToken(request.headers.authorization), at, policy, finalPush);
    if (check.user.mustChangePassword && !request.routeOptions.config.beforePasswordChange)
      throw new ApiFailure(403, 'auth.password_change_required', '请先修改初始密码');
    request.authUser = check.user;
    request.authSession = check.session;
    if (!check.finalPush) await keepAlive(store, request, reply, check.session, at, policy);
  });
}
