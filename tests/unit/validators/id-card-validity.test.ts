import { describe, expect, it } from 'vitest';
import { checkIdCardExpiry, idCardValidUntil } from '../../../src/domain/validators';
import { outcome, warningCodes } from './helpers';

describe('idCardValidUntil', () => {
  it.each([
    ['1995-06-01', '2020-06-01', '2030-06-01'], // 25 at issue: 10 years
    ['2010-03-15', '2020-01-10', '2025-01-10'], // 9: 5 years
    ['1970-01-01', '2016-06-01', 'long-term'], // 46: long-term
    ['2004-06-02', '2020-06-01', '2025-06-01'], // 15 (a day before 16): 5 years
    ['2004-06-01', '2020-06-01', '2030-06-01'], // 16 on the day: 10 years
    ['1994-06-01', '2020-06-01', '2040-06-01'], // 26: 20 years
    ['1974-06-02', '2020-06-01', '2040-06-01'], // 45: 20 years
    ['1974-06-01', '2020-06-01', 'long-term'], // 46 on the day
    ['2000-01-01', '2012-02-29', '2017-02-28'], // leap day falls back to 28 February
  ])('born %s, issued %s → %s', (born, issued, until) => {
    expect(idCardValidUntil(born, issued)).toBe(until);
  });

  it('throws on an issue date before birth or a bad date', () => {
    expect(() => idCardValidUntil('2020-01-01', '2019-01-01')).toThrow(RangeError);
    expect(() => idCardValidUntil('2020-02-30', '2021-01-01')).toThrow(RangeError);
  });
});

describe('checkIdCardExpiry', () => {
  it('long-term never expires', () => {
    expect(checkIdCardExpiry('long-term', '2099-12-31')).toEqual({ ok: true, value: 'long-term', warnings: [] });
  });
  it('expired = end before today; the end date itself is still valid', () => {
    expect(outcome(checkIdCardExpiry('2025-01-09', '2025-01-10'))).toBe('idcard.expired');
    expect(outcome(checkIdCardExpiry('2025-01-10', '2025-01-10'))).toBe('ok');
  });
  it('warns when the card ends within 30 days', () => {
    expect(warningCodes(checkIdCardExpiry('2025-01-10', '2025-01-10'))).toEqual(['idcard.expiring']);
    expect(warningCodes(checkIdCardExpiry('2025-02-09', '2025-01-10'))).toEqual(['idcard.expiring']);
    expect(warningCodes(checkIdCardExpiry('2025-02-10', '2025-01-10'))).toEqual([]);
  });
  it('works with the domain vectors end to end', () => {
    expect(outcome(checkIdCardExpiry(idCardValidUntil('2010-03-15', '2020-01-10'), '2025-06-01'))).toBe(
      'idcard.expired',
    );
    expect(outcome(checkIdCardExpiry(idCardValidUntil('1995-06-01', '2020-06-01'), '2025-06-01'))).toBe('ok');
  });
  it('rejects a validity that is not a date', () => {
    expect(outcome(checkIdCardExpiry('2025-02-30', '2025-01-10'))).toBe('idcard.invalid');
    expect(() => checkIdCardExpiry('2025-01-10', 'today')).toThrow(RangeError);
  });
});
