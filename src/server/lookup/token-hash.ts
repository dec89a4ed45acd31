// The server keeps only SHA-256 of a lookup token, and compares hashes in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';

export const lookupHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** A hash no token has: compared against when the number is unknown, so both paths do the same work. */
const NO_CASE = lookupHash('no case has this token');

/** Constant-time equality of the token's hash and a stored one (null: the case has no token). */
export function tokenMatches(tokenHash: string, stored: string | null): boolean {
  const a = Buffer.from(tokenHash, 'hex');
  const b = Buffer.from(stored ?? NO_CASE, 'hex');
  return a.length === b.length && timingSafeEqual(a, b) && stored !== null;
}
