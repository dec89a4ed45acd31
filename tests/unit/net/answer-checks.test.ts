// The first screen's login checks the server's answers by hand (no classic zod on its path). The
// checks must accept exactly what the contract's schemas accept and return the same output: this
// runs both over a valid answer and hundreds of variants of it (each field missing, of the wrong
// type, at and past its limits, unknown keys) and asserts they agree, verdict and data.
import { describe, expect, it } from 'vitest';
import { checkApiError, checkLoginResponse } from '../../../src/domain/api/answer-checks';
import { LoginResponse } from '../../../src/domain/api/auth';
import { ApiError } from '../../../src/domain/api/errors';
import { Session } from '../../../src/state/session';

const FULL_USER = {
  id: 'u-1',
  username: 'agent1',
  name: '李秀兰',
  role: 'agent',
  villageCode: '110105001001',
  villageName: '东坝村',
  townshipCode: '110105001',
  townshipName: '东坝乡',
  countyCode: '110105',
  countyName: '朝阳区',
  mustChangePassword: true,
};
const VALID = { token: 'a'.repeat(43), user: FULL_USER, expiresAt: 1_790_000_000_000 };

/** Values every field is tried with, beside its own limits. */
const ANY: unknown[] = [
  undefined,
  null,
  '',
  'x',
  0,
  -0,
  1,
  -1,
  1.5,
  2 ** 53,
  1e300,
  Number.NaN,
  Infinity,
  true,
  false,
  [],
  {},
  ['a'],
  { a: 1 },
];
const str = (n: number, ch = 'a') => ch.repeat(n);
const digits = (n: number) => '1'.repeat(n);
/** Limits of each field of the user (lengths around min/max, patterns just in and out). */
const USER_VALUES: Record<string, unknown[]> = {
  id: [str(1), str(64), str(65), ' ', '𠀀', '𠀀'.repeat(64), '𠀀'.repeat(65)],
  username: [str(64), str(65), '  '],
  // zod counts code points: 40 astral characters pass, 41 do not; a lone surrogate counts as one.
  name: [
    str(40),
    str(41),
    '王'.repeat(40),
    '𠀀'.repeat(40),
    '𠀀'.repeat(41),
    '\ud840'.repeat(40),
    '\ud840'.repeat(41),
    '\udc00\ud840',
  ],
  role: ['agent', 'reviewer', 'admin', 'system', 'Agent', 'agent '],
  villageCode: [digits(12), digits(11), digits(13), `${digits(11)}a`, `${digits(12)}\n`, '１'.repeat(12)],
  villageName: [str(60), str(61)],
  townshipCode: [digits(5), digits(6), digits(9), digits(12), digits(13), `${digits(6)}x`, '\u0661'.repeat(6)],
  townshipName: [str(60), str(61)],
  countyCode: [str(12), str(13), ''],
  countyName: [str(60), str(61)],
  mustChangePassword: ['true', 1],
};
const TOP_VALUES: Record<string, unknown[]> = {
  token: [str(1), str(5000), ' '],
  expiresAt: [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER, 1e21, 4.0],
};

function without<T extends object>(o: T, key: string): T {
  const copy = { ...o } as Record<string, unknown>;
  delete copy[key];
  return copy as T;
}

/** The valid answer, then one change at a time: a field removed, set to each value, an extra key. */
function loginVariants(): unknown[] {
  const out: unknown[] = [VALID, { ...VALID, extra: 1 }, { ...VALID, user: { ...FULL_USER, extra: 'x' } }];
  const minimalUser = { id: 'u', name: '王', role: 'reviewer' };
  out.push({ ...VALID, user: minimalUser }, { ...VALID, user: { ...minimalUser, username: undefined } });
  for (const [key, values] of Object.entries(USER_VALUES)) {
    out.push({ ...VALID, user: without(FULL_USER, key) });
    for (const v of [...ANY, ...values]) out.push({ ...VALID, user: { ...FULL_USER, [key]: v } });
  }
  for (const key of Object.keys(VALID)) {
    out.push(without(VALID, key));
    for (const v of [...ANY, ...(TOP_VALUES[key] ?? [])]) out.push({ ...VALID, [key]: v });
  }
  out.push(...ANY, JSON.parse('{"__proto__": {"token": "x"}, "user": {}, "expiresAt": 1}'));
  // As the server sends it: through JSON.
  out.push(JSON.parse(JSON.stringify(VALID)), JSON.parse(JSON.stringify({ ...VALID, user: minimalUser })));
  return out;
}

describe('checkLoginResponse', () => {
  const variants = loginVariants();

  it('agrees with LoginResponse.safeParse on every variant, verdict and output', () => {
    let accepted = 0;
    const disagree: unknown[] = [];
    for (const answer of variants) {
      const zod = LoginResponse.safeParse(answer);
      const hand = checkLoginResponse(answer);
      if (hand.success !== zod.success) disagree.push({ answer, zod: zod.success });
      if (zod.success && hand.success) {
        expect(hand.data).toStrictEqual(zod.data);
        accepted++;
      }
    }
    expect(disagree).toEqual([]);
    // Both verdicts occur in numbers: the comparison is not all-accept or all-refuse.
    expect(variants.length).toBeGreaterThan(250);
    expect(accepted).toBeGreaterThan(20);
    expect(variants.length - accepted).toBeGreaterThan(150);
  });

  it('gives what the stored Session schema accepts and returns unchanged', () => {
    for (const answer of variants) {
      const hand = checkLoginResponse(answer);
      if (!hand.success) continue;
      const session = { ...hand.data, loggedInAt: 1_780_000_000_000 };
      expect(Session.parse(session)).toStrictEqual(session);
    }
  });

  it('says where a refused answer is wrong', () => {
    const hand = checkLoginResponse({ ...VALID, user: { ...FULL_USER, villageCode: '1' } });
    expect(hand).toEqual({ success: false, issues: [{ path: 'user.villageCode', message: 'invalid' }] });
  });
});

describe('checkApiError', () => {
  it('agrees with ApiError.safeParse, verdict and output', () => {
    const base = { code: 'auth.bad_credentials', message: '用户名或密码不对' };
    const variants: unknown[] = [base, { ...base, extra: 1 }, ...ANY];
    for (const key of ['code', 'message', 'details']) {
      variants.push(without({ ...base, details: { a: 1 } }, key));
      for (const v of ANY) variants.push({ ...base, [key]: v });
    }
    let accepted = 0;
    const disagree: unknown[] = [];
    for (const body of variants) {
      const zod = ApiError.safeParse(body);
      const hand = checkApiError(body);
      if (hand.success !== zod.success) disagree.push({ body, zod: zod.success });
      if (zod.success && hand.success) {
        expect(hand.data).toStrictEqual(zod.data);
        accepted++;
      }
    }
    expect(disagree).toEqual([]);
    expect(accepted).toBeGreaterThan(20);
    expect(variants.length - accepted).toBeGreaterThan(20);
  });
});
