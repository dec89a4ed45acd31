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
});
