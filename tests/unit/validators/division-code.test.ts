import { describe, expect, it } from 'vitest';
import { validateDivisionCode } from '../../../src/domain/validators';
import { outcome, value } from './helpers';

describe('validateDivisionCode', () => {
  it('splits a 6-digit county code and names its kind', () => {
    expect(value(validateDivisionCode('110105'))).toEqual({
      code: '110105',
      province: '11',
      prefecture: '01',
      county: '05',
      countyKind: 'district',
    });
    expect(value(validateDivisionCode('420117', 6)).countyKind).toBe('district');
    expect(value(validateDivisionCode('130121')).countyKind).toBe('county');
    expect(value(validateDivisionCode('130180')).countyKind).toBe('county');
    expect(value(validateDivisionCode('130181')).countyKind).toBe('city');
    expect(value(validateDivisionCode('130199')).countyKind).toBe('city');
  });

  it('keeps real district codes 19 and 20 valid (500119 南川区, 500120 璧山区)', () => {
    expect(value(validateDivisionCode('500119')).countyKind).toBe('district');
    expect(value(validateDivisionCode('500120')).countyKind).toBe('district');
  });

  it('treats province-governed units (prefecture 90) as county-level cities', () => {
    expect(value(validateDivisionCode('429004')).countyKind).toBe('city');
    expect(value(validateDivisionCode('469021')).countyKind).toBe('county');
  });

  it('splits a 12-digit village code and names town and village kinds', () => {
    expect(value(validateDivisionCode('420117100201', 12))).toEqual({
      code: '420117100201',
      province: '42',
      prefecture: '01',
      county: '17',
      town: '100',
      village: '201',
      countyKind: 'district',
      townKind: 'town',
      villageKind: 'village',
    });
    const kinds = (code: string) => {
      const v = value(validateDivisionCode(code));
      return [v.townKind, v.villageKind];
    };
    expect(kinds('110105001001')).toEqual(['subdistrict', 'residents']);
    expect(kinds('110105099199')).toEqual(['subdistrict', 'residents']);
    expect(kinds('110105199200')).toEqual(['town', 'village']);
    expect(kinds('110105200399')).toEqual(['township', 'village']);
    expect(kinds('110105399001')).toEqual(['township', 'residents']);
  });

  it('accepts spaces and dashes between the parts', () => {
    expect(value(validateDivisionCode('420117-100-201')).code).toBe('420117100201');
  });

  it.each([
    ['', undefined, 'division.empty'],
    ['42011A', undefined, 'division.charset'],
    ['4201', undefined, 'division.length'],
    ['42011710', undefined, 'division.length'],
    ['420117100201', 6, 'division.length'],
    ['420117', 12, 'division.length'],
    ['810000', undefined, 'division.province'],
    ['830101', undefined, 'division.province'],
    ['160101', undefined, 'division.province'],
    ['990101', undefined, 'division.province'],
    ['420017', undefined, 'division.prefecture'],
    ['420100', undefined, 'division.county'],
    ['420117000201', undefined, 'division.town'],
    ['420117400201', undefined, 'division.town'],
    ['420117100000', undefined, 'division.village'],
    ['420117100400', undefined, 'division.village'],
  ] as const)('%j (length %s) → %s', (input, length, code) => {
    expect(outcome(validateDivisionCode(input, length))).toBe(code);
  });
});
