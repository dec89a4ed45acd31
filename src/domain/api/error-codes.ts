// The error codes and header of the API's failures, without zod: the HTTP client (on the login
// path of the first screen) reads them; errors.ts re-exports them beside the ApiError schema.

/** A 401's code also rides in this header: a HEAD answer (blob upload status) has no body. */
export const ERROR_CODE_HEADER = 'x-error-code';

/** Codes a client acts on (others are shown as they come). */
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
