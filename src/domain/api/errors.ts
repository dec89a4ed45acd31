// Error body of every API failure: a stable code for programs, a Chinese message for people.
import { z } from 'zod';

export const ApiError = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });
export type ApiError = z.infer<typeof ApiError>;

/** Codes a client acts on (others are shown as they come). */
/** A 401's code also rides in this header: a HEAD answer (blob upload status) has no body. */
export const ERROR_CODE_HEADER = 'x-error-code';

export const ERROR_CODES = {
  versionUnsupported: 'version.unsupported',
  authInvalid: 'auth.invalid_token',
  authRequired: 'auth.required',
  badCredentials: 'auth.bad_credentials',
  /** The session ended by timeout (idle, absolute, or a replaced token past its grace). Log in again. */
  authExpired: 'auth.expired',
  /** The session was revoked (admin, or "sign out on all devices"): push what is queued, then wipe. */
  authRevoked: 'auth.revoked',
  /** The account was disabled: push what is queued, then wipe. */
  authDisabled: 'auth.disabled',
  /** The password changed (here or by the admin): log in again with the new one; the data stays. */
  authPasswordChanged: 'auth.password_changed',
  /** Too many failed logins on this account: wait (Retry-After). */
  accountLocked: 'auth.account_locked',
  requestInvalid: 'request.invalid',
  offsetMismatch: 'blob.offset_mismatch',
} as const;
