// The lookup token printed on the receipt: with the case number it opens the public progress page
// (/q/<number>?t=<token>). Made on the tablet when the case is created (the tablet may be offline
// when it prints the receipt), sent with the submission; the server keeps only its hash.
//
// 20 characters of Crockford's base32 (lower case, no i/l/o/u): 100 random bits, and easy to type
// from paper — a typed I/L/O is read as 1/1/0, dashes and spaces are ignored.
import { z } from 'zod';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
export const LOOKUP_TOKEN_LENGTH = 20;
export const LOOKUP_TOKEN_BITS = LOOKUP_TOKEN_LENGTH * 5;
const TOKEN_PATTERN = new RegExp(`^[${ALPHABET}]{${LOOKUP_TOKEN_LENGTH}}$`);

export const LookupToken = z.string().regex(TOKEN_PATTERN, '查询码格式不正确');
export type LookupToken = z.infer<typeof LookupToken>;

interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}
const random = (globalThis as unknown as { crypto: RandomSource }).crypto;

/** A fresh token from the platform's CSPRNG (browser, worker and Node all have `crypto`). */
export function newLookupToken(): LookupToken {
  const bytes = random.getRandomValues(new Uint8Array(LOOKUP_TOKEN_LENGTH));
  // 256 is a multiple of 32: the low five bits of a uniform byte are uniform.
  return Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
}

/** A token as typed or scanned, in its canonical spelling; undefined when it cannot be one. */
export function normalizeLookupToken(input: string): LookupToken | undefined {
  const t = input.toLowerCase().replace(/[\s-]/g, '').replace(/[il]/g, '1').replace(/o/g, '0');
  return TOKEN_PATTERN.test(t) ? t : undefined;
}
