import { describe, expect, it } from 'vitest';
import { organisationCodeCheckCharacter, usccCheckCharacter, validateUscc } from '../../../src/domain/validators';
import { HAS_CHINESE, outcome, value, warningCodes } from './helpers';

describe('validateUscc', () => {
  it.each(['91350100M000100Y43', '91110108551385082Q', '92420117MA01ABCD51'])('accepts %s without warnings', (code) => {
    const v = validateUscc(code);
    expect(value(v)).toBe(code);
    expect(warningCodes(v)).toEqual([]);
  });

  it('normalises case, spaces and full-width characters', () => {
    expect(value(validateUscc(' 91110108 551385082q '))).toBe('91110108551385082Q');
    expect(value(validateUscc('９１１１０１０８５５１３８５０８２Ｑ'))).toBe('91110108551385082Q');
  });

  it.each([
    ['911100001000000000', 'uscc.checksum'], // check should be R
    ['91350100M000100Y4Z', 'uscc.charset'], // Z is outside the GB 32100 charset, so that check speaks first
    ['', 'uscc.empty'],
    ['91350100M000100Y4', 'uscc.length'],
    ['91350100M000100Y433', 'uscc.length'],
    ['91350100I000100Y43', 'uscc.charset'],
    ['91350100O000100Y43', 'uscc.charset'],
    ['9135010-M000100Y43', 'uscc.charset'],
  ])('%j → %s', (input, code) => {
    expect(outcome(validateUscc(input))).toBe(code);
  });

  it('computes the expected check character for the invalid vector', () => {
    expect(usccCheckCharacter('91110000100000000')).toBe('R');
    expect(outcome(validateUscc('91110000100000000R'))).toBe('ok');
  });

  it('only warns when the inner organisation code check fails', () => {
    // Change the organisation code check (char 17) and recompute the outer check.
    const first17 = '91350100M000100Y5';
    const v = validateUscc(first17 + usccCheckCharacter(first17));
    expect(outcome(v)).toBe('ok');
    expect(warningCodes(v)).toEqual(['uscc.org_checksum']);
    if (v.ok) expect(v.warnings[0]?.message).toMatch(HAS_CHINESE);
  });

  it('maps organisation-code remainders 10 → X and 11 → 0', () => {
    expect(organisationCodeCheckCharacter('M000100Y')).toBe('4');
    expect(organisationCodeCheckCharacter('00000000')).toBe('0'); // S = 0 → 11 → 0
    expect(organisationCodeCheckCharacter('00000002')).toBe('7'); // S = 4 → 11 − 4
    expect(organisationCodeCheckCharacter('00000006')).toBe('X'); // S = 12 ≡ 1 → 10 → X
    expect(organisationCodeCheckCharacter('A0000000')).toBe('3'); // A = 10: S = 30 ≡ 8 → 3
  });

  // Issue 15, defect 10: the first two characters come from GB 32100-2015's table. Vectors under
  // county 330782, check characters worked out separately with the standard's weights (a short
  // script of its own, not usccCheckCharacter), so each fails only the check it is about.
  describe('registration authority (1st) and organisation type (2nd)', () => {
    it.each([
      ['93330782MA2H7K3LX5', '工商 · 农民专业合作社'],
      ['92330782MA2H7K3LX8', '工商 · 个体工商户'],
      ['N2330782MF0C48122K', '农业 · 村级集体经济组织 (村股份经济合作社)'],
      ['51330782MJ9N04278H', '民政 · 社会团体'],
      ['59330782MJ9N04278Q', '民政 · 其他'],
      ['12330782MB1A5603XA', '机构编制 · 事业单位'],
      ['81330782MD1P3N204T', '工会 · 基层工会'],
      ['Y1330782MC0D2E11X9', '其他'],
    ])('accepts %s (%s)', (code) => {
      const v = validateUscc(code);
      expect(value(v)).toBe(code);
      expect(warningCodes(v)).toEqual([]);
    });

    it.each([
      ['B1330782MA2H7K3LX9', 'uscc.authority'], // B is in the charset but no authority
      ['0A330782MA2H7K3LXQ', 'uscc.authority'],
      ['94330782MA2H7K3LX2', 'uscc.org_type'], // 工商 registers only 1, 2, 3
      ['54330782MJ9N042788', 'uscc.org_type'], // 民政 registers 1, 2, 3, 9
      ['Y2330782MC0D2E11X6', 'uscc.org_type'], // 其他 has type 1 only
      ['N4330782MF0C48122D', 'uscc.org_type'],
    ])('%s → %s', (code, expected) => {
      expect(outcome(validateUscc(code))).toBe(expected);
    });

    it('says in Chinese which types the authority registers', () => {
      const v = validateUscc('94330782MA2H7K3LX2');
      expect(v.ok).toBe(false);
      if (!v.ok) {
        expect(v.error.message).toMatch(HAS_CHINESE);
        expect(v.error.message).toContain('1、2、3');
      }
    });
  });
});
