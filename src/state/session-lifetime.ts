// The session's life on the device besides login and logout: a rotated token adopted, and the
// state of a session the server ended (revoked, account disabled) — the login screen's notice, or
// the locked screen while unsent work is still on the device (session-end.ts acts on it).
import { signal, type Signal } from '@preact/signals';
import type { RotatedToken } from '../net/client';
import { getStoredSession } from '../storage/first-reads';
import type { Session } from './session';

export interface EndedSession {
  /** auth.revoked or auth.disabled */
  code: string;
  /** Why the session ended, in Chinese. */
  reason: string;
  /** Cases with work the server has not accepted, and drafts that exist only here. */
  cases: number;
  drafts: number;
  /** Why the unsent work could not be delivered. */
  why: string;
  exported: boolean;
}

export function createSessionEndSlice() {
  return {
    /** Set while unsent work keeps the device from wiping: the UI is locked to its screen. */
    ended: signal<EndedSession | null>(null),
    /** Shown on the login screen after the device wiped an ended session. */
    notice: signal<string | null>(null),
    busy: signal(false),
  };
}

/** The token stored on the device (the newest: rotation writes there first). */
export async function storedToken(): Promise<string | undefined> {
  const stored = (await getStoredSession().catch(() => undefined)) as { token?: unknown } | undefined;
  return typeof stored?.token === 'string' && stored.token.length > 0 ? stored.token : undefined;
}

/** Stores a rotated token (newest wins) and, when it was taken, shows it in the session signal. */
export async function adoptToken(session: Signal<Session | null>, r: RotatedToken): Promise<void> {
  if (!session.value) return;
  if (await (await import('../storage/settings')).adoptRotatedToken(r.token, r.issuedAt, r.expiresAt)) {
    const current = session.value;
    if (current)
      session.value = {
        ...current,
        token: r.token,
        tokenIssuedAt: r.issuedAt,
        ...(r.expiresAt !== undefined && { expiresAt: r.expiresAt }),
      };
  }
}
