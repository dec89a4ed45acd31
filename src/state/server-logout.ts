// Logout must end the session on the server too, or the 30-day token would keep working. The
// device may be offline when the agent logs out: the token is then remembered (it survives the
// wipe) and revoked at the next contact — the next app start or login.
import { AUTH_ROUTES } from '../domain/api/auth';
import { createApiClient, RequestError } from '../net';
import { forgetLogout, getSession, pendingLogouts, rememberLogout } from '../storage';
import type { AppState } from './app-state';
import { Session } from './session';

/** A person is waiting on the logout: do not hang on a slow link, remember and move on. */
const LOGOUT_TIMEOUT_MS = 8_000;

const logoutWith = (state: AppState, token: string) =>
  createApiClient({
    fetch: (input, init) => state.deps.fetch(input, init),
    token: () => token,
    now: state.deps.now,
    timeoutMs: LOGOUT_TIMEOUT_MS,
  }).call(AUTH_ROUTES.logout, {});

/** The server already ended it (401 of any kind): nothing left to revoke. */
const alreadyEnded = (e: unknown) => e instanceof RequestError && e.kind === 'auth';

/** Revokes the signed-in session on the server; if that fails, remembers it for the next contact. */
export async function revokeOnServer(state: AppState): Promise<void> {
  // The stored token is the newest (rotation writes there first).
  const token = (await getSession(Session).catch(() => undefined))?.token ?? state.session.value?.token;
  if (!token) return;
  try {
    await logoutWith(state, token);
  } catch (e) {
    if (!alreadyEnded(e)) await rememberLogout(token);
  }
}

/** Sends the logouts made offline; stops at the first that cannot reach the server. */
export async function flushPendingLogouts(state: AppState): Promise<void> {
  for (const token of await pendingLogouts()) {
    try {
      await logoutWith(state, token);
    } catch (e) {
      if (!alreadyEnded(e)) return;
    }
    await forgetLogout(token);
  }
}
