import { describe, expect, it } from 'vitest';
import { luhnValid, validateBankCard } from '../../../src/domain/validators';
import { outcome, value, warningCodes } from './helpers';

describe('validateBankCard', () => {
  it('accepts a Luhn number and strips spaces', () => {
    const v = validateBankCard('6228 4804 0256 4890 018');
    expect(value(v)).toBe('6228480402564890018');
    expect(warningCodes(v)).toEqual([]);
  });

  it('only warns on a Luhn failure (passbook numbers)', () => {
    const v = validateBankCard('6222020200112233445');
    expect(value(v)).toBe('6222020200112233445');
    expect(warningCodes(v)).toEqual(['bank.luhn']);
    expect(warningCodes(validateBankCard('6222020200112233446'))).toEqual([]);
  });

  it.each([
    ['', 'bank.empty'],
    ['622848040256489', 'bank.length'],
    ['62284804025648900181', 'bank.length'],
    ['6228a80402564890018', 'bank.charset'],
  ])('%j → %s', (input, code) => {
    expect(outcome(validateBankCard(input))).toBe(code);
  });

  it('accepts 16 to 19 digits', () => {
    expect(outcome(validateBankCard('4111111111111111'))).toBe('ok');
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
});
