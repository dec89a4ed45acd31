// Logout must end the session on the server too, or the token would keep working. The device may
// be offline when the agent logs out: the token's SHA-256 is then remembered (it survives the wipe;
// the token itself does not) and sent to the public revoke route at the next contact — the next
// app start or login.
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

const revokeByHash = (state: AppState, tokenHash: string) =>
  createApiClient({
    fetch: (input, init) => state.deps.fetch(input, init),
    now: state.deps.now,
    timeoutMs: LOGOUT_TIMEOUT_MS,
  }).call(AUTH_ROUTES.revoke, { body: { tokenHash } });

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Revokes the signed-in session on the server; if that fails, remembers it for the next contact. */
export async function revokeOnServer(state: AppState): Promise<void> {
  // The stored token is the newest (rotation writes there first).
  const token = (await getSession(Session).catch(() => undefined))?.token ?? state.session.value?.token;
  if (!token) return;
  try {
    await logoutWith(state, token);
  } catch (e) {
    if (!alreadyEnded(e)) await rememberLogout(await sha256Hex(token));
  }
}

/** Sends the logouts made offline; stops at the first that cannot reach the server. */
export async function flushPendingLogouts(state: AppState): Promise<void> {
  for (const tokenHash of await pendingLogouts()) {
    try {
      await revokeByHash(state, tokenHash);
    } catch {
      return;
    }
    await forgetLogout(tokenHash);
  }
}
