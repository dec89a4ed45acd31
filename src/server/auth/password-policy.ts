// The password policy: at least 10 characters, not a common password, not built on the
// username, not one character repeated or a plain run of digits or letters. Failures are
// ApiFailures with stable codes (password.too_short, password.common) and Chinese messages.
import { randomInt } from 'node:crypto';
import { badRequest, type ApiFailure } from '../http/errors';
import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 10;

let common: Set<string> | undefined;
const commonSet = () => (common ??= new Set(COMMON_PASSWORDS.split('\n').filter(Boolean)));

/** Each character one step up or down from the previous one (0123456789, abcdefghij, 9876543210). */
function isRun(p: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < p.length; i++) steps.add(p.charCodeAt(i) - p.charCodeAt(i - 1));
  return steps.size === 1 && [...steps].every((d) => Math.abs(d) <= 1);
}

/** The reason a password is refused, or null when it passes. */
export function passwordProblem(password: string, username?: string): ApiFailure | null {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return badRequest('password.too_short', `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符`);
  const p = password.normalize('NFKC').toLowerCase();
  const name = username?.trim().toLowerCase();
  if (name && name.length >= 3 && p.includes(name))
    return badRequest('password.common', '密码不能包含用户名，请换一个不容易猜到的密码');
  if (commonSet().has(p) || isRun(p) || new Set(p).size <= 2)
    return badRequest('password.common', '这个密码太常见，很容易被猜到，请换一个');
  return null;
}

export function checkPassword(password: string, username?: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw problem;
}

// No 0/O, 1/l/I: read aloud or copied from paper at the village service point.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password to hand over: 12 characters, ~68 bits, easy to copy by hand. */
export function oneTimePassword(username?: string): string {
  for (;;) {
    let out = '';
    for (let i = 0; i < 12; i++) out += ALPHABET[randomInt(ALPHABET.length)];
    if (!passwordProblem(out, username)) return out;
  }
}
