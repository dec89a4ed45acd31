// The lookup token (format, entropy, lenient reading of a typed one) and the masked name.
import { describe, expect, it } from 'vitest';
import {
  groupLookupToken,
  LOOKUP_TOKEN_BITS,
  LookupToken,
  lookupUrl,
  maskName,
  newLookupToken,
  normalizeLookupToken,
} from '../../../src/domain/lookup';

describe('lookup token', () => {
  it('is 20 characters of lower-case Crockford base32 (100 bits, at least 96)', () => {
    expect(LOOKUP_TOKEN_BITS).toBeGreaterThanOrEqual(96);
    for (let i = 0; i < 200; i++) {
      const t = newLookupToken();
      expect(t).toMatch(/^[0-9abcdefghjkmnpqrstvwxyz]{20}$/);
      expect(LookupToken.safeParse(t).success).toBe(true);
    }
  });

  it('uses the whole alphabet and never repeats', () => {
    const tokens = Array.from({ length: 2000 }, newLookupToken);
    expect(new Set(tokens).size).toBe(tokens.length);
    const seen = new Set(tokens.join(''));
    expect(seen.size).toBe(32);
    for (const c of 'ilou') expect(seen.has(c)).toBe(false);
  });

  it('reads a typed token leniently: case, dashes, spaces, I/L as 1 and O as 0', () => {
    expect(normalizeLookupToken('ABCDE-FGHJK MNPQR-STVWX')).toBe('abcdefghjkmnpqrstvwx');
    expect(normalizeLookupToken('Ol234-56789-abcde-fghjk')).toBe('0123456789abcdefghjk');
    expect(normalizeLookupToken('abc')).toBeUndefined();
    expect(normalizeLookupToken('abcdefghjkmnpqrstvwxu')).toBeUndefined(); // u is not in the alphabet
    expect(normalizeLookupToken('abcdefghjkmnpqrstvw<')).toBeUndefined();
  });

  it('prints in groups of five and builds the link', () => {
    expect(groupLookupToken('abcdefghjkmnpqrstvwx')).toBe('abcde-fghjk-mnpqr-stvwx');
    expect(lookupUrl('https://daiban.example.cn/', 'DB-110101001001-20260302-AB001', 'abcdefghjkmnpqrstvwx')).toBe(
      'https://daiban.example.cn/q/DB-110101001001-20260302-AB001?t=abcdefghjkmnpqrstvwx',
    );
  });
});

describe('maskName', () => {
  it.each([
    ['张三明', '张*明'],
    ['李四', '李*'],
    ['王', '*'],
    ['欧阳娜娜', '欧*娜'],
    ['阿卜杜拉·买买提', '阿*提'],
    ['  赵六  ', '赵*'],
    ['𠮷田', '𠮷*'], // a character outside the BMP counts as one
    ['', ''],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});
