// The zod-free part of the auth contract: what the HTTP client and the first screen's login need
// without pulling classic zod (auth.ts re-exports it beside the schemas).

/**
 * A rotated session token rides on any authenticated answer in these headers (lower case). The
 * client keeps the one with the newest issue time; the previous token keeps working for a grace.
 */
export const SESSION_TOKEN_HEADERS = {
  token: 'x-session-token',
  issuedAt: 'x-session-issued-at',
  expiresAt: 'x-session-expires-at',
} as const;

/** The login route without its schemas: the first screen's login calls it with a hand check. */
export const LOGIN_ENDPOINT = { method: 'POST', path: '/api/auth/login', public: true } as const;
