// Start-up: the device lock, the device id and the stored session, read without the session
// schema (the login validated the session when it stored it; session-actions.ts, loaded when
// someone logs in or out). The app can then route.
import type { AppState } from './app-state';
import type { Session } from './session';
import { bootReads, pendingLogouts } from '../storage/first-reads';
import { requireEnrollment, restoreDeviceLock } from './device-key';

/** The stored session if it has what the app relies on (a damaged one means: log in again). */
export function storedSession(value: unknown): Session | null {
  const s = value as Partial<Session> | null | undefined;
  const u = s?.user;
  const ok =
    typeof s?.token === 'string' &&
    s.token.length > 0 &&
    typeof s.loggedInAt === 'number' &&
    typeof u?.id === 'string' &&
    typeof u.name === 'string' &&
    (u.role === 'agent' || u.role === 'reviewer' || u.role === 'admin');
  return ok ? (s as Session) : null;
}

export interface BootOptions {
  /** On a locked start, once the boot's reads are queued: reads for the first screen (they wait for the PIN too). */
  readEarly?: (state: AppState) => void;
  /** Once the session is read, before the app's first render with it: the first screen's data (never throws). */
  beforeFirstScreen?: (state: AppState) => Promise<void>;
}

/** Reads the device id and any stored session; the app can then route. */
export async function bootSession(state: AppState, options: BootOptions = {}): Promise<void> {
  try {
    // Encryption at rest: with a user's key on the device, the reads below wait for the unlock.
    await restoreDeviceLock(state);
    const reads = bootReads();
    // A locked device holds a user's data (a device without a key has none before a login).
    if (state.deviceLock.lock.value.locked) options.readEarly?.(state);
    const { deviceId, session } = await reads;
    state.deviceId.value = deviceId;
    state.session.value = storedSession(session);
    if (state.session.value) requireEnrollment(state, state.session.value.user);
    await options.beforeFirstScreen?.(state);
  } finally {
    state.booted.value = true;
  }
  void flushLogoutsIfAny(state).catch(() => undefined);
}

/** Logouts made offline are revoked now; their code (the API client) loads only if there are any. */
export async function flushLogoutsIfAny(state: AppState): Promise<void> {
  if ((await pendingLogouts()).length === 0) return;
  await (await import('./server-logout')).flushPendingLogouts(state);
}
