// Session tokens: 32 random bytes shown to the client once; only their SHA-256 is stored, so a
// copy of the database cannot be used to log in.
import { createHash, randomBytes } from 'node:crypto';

/** Long enough for an agent who works offline for weeks between syncs. */
export const SESSION_DAYS = 30;
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const newToken = (): string => randomBytes(32).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The bearer token of an `Authorization` header, if it has the right shape. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  const token = match?.[1];
  return token && TOKEN_PATTERN.test(token) ? token : undefined;
}
