// The per-account login delay: after `freeFailures` failed logins, each further attempt waits
// 1 s, 2 s, 4 s … (capped) after the last failure. Counted in the database (all server processes
// see it), keyed by the account name typed (existing or not, so answers do not reveal which
// accounts exist), cleared by a successful login. It protects one account without locking out the
// other users behind the same township NAT, as a per-IP limit alone would.
import type { LoginDelay } from '../config';
import { ApiFailure } from '../http/errors';
import type { Store } from '../store';

/** Failures older than this are forgotten. */
export const FORGET_FAILURES_MS = 24 * 3_600_000;

/** How long after the last failure the next attempt may come, given the failures so far. */
export function loginDelayMs(failures: number, policy: LoginDelay): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(failures - policy.freeFailures, 40));
}

/** "N 秒" under two minutes, else whole minutes (rounded up). */
export function waitText(seconds: number): string {
  return seconds < 120 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}

export function accountLocked(waitMs: number): ApiFailure {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new ApiFailure(
    429,
    'auth.account_locked',
    `该账号密码错误次数过多，已暂时锁定，请 ${waitText(seconds)}后再试`,
    { retryAfterSeconds: seconds },
    { 'Retry-After': String(seconds) },
  );
}

/** Too many login attempts from one address (all accounts together). */
export function tooManyLogins(seconds: number): ApiFailure {
  const wait = Math.max(1, seconds);
  return new ApiFailure(
    429,
    'rate.limited',
    `登录尝试过于频繁，请 ${waitText(wait)}后再试`,
    { retryAfterSeconds: wait },
    { 'Retry-After': String(wait) },
  );
}

export const accountKey = (username: string) => username.trim().toLowerCase();

/**
 * Admits one login attempt on `account` or throws 429 auth.account_locked. An admitted attempt is
 * counted as failed before the password is checked, so parallel guesses all count; the caller
 * clears the count when the password was right.
 */
export async function admitLogin(store: Store, account: string, now: number, policy: LoginDelay): Promise<void> {
  await store.transaction(async (tx) => {
    const row = await tx.loginFailures.get(account);
    if (row && now - row.lastFailureAt >= FORGET_FAILURES_MS) {
      await tx.loginFailures.clear(account);
    } else if (row) {
      const wait = row.lastFailureAt + loginDelayMs(row.failures, policy) - now;
      if (wait > 0) throw accountLocked(wait);
    }
    await tx.loginFailures.record(account, now);
  });
}
