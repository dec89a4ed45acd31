import { describe, expect, it } from 'vitest';
import { divisionList, validateDivisionCode } from '../../../src/domain/validators';
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
    ['429000', undefined, 'division.county'], // 省直辖 units always have their own county segment
    ['429000100201', undefined, 'division.county'],
    ['420117000201', undefined, 'division.town'],
    ['420117600201', undefined, 'division.town'], // GB/T 10114 assigns nothing above 599
    ['420117999201', undefined, 'division.town'],
    ['420117100000', undefined, 'division.village'],
  ] as const)('%j (length %s) → %s', (input, length, code) => {
    expect(outcome(validateDivisionCode(input, length))).toBe(code);
  });

  // Issue 15, defect 1: real codes the first version turned away, so these villagers could not be saved.
  describe('real codes the structure check must accept', () => {
    it.each([
      ['441900', '东莞市'],
      ['442000', '中山市'],
      ['460400', '儋州市'],
    ])('%s (%s, a 不设区的地级市: county segment 00)', (code) => {
      const v = value(validateDivisionCode(code, 6));
      expect(v.county).toBe('00');
      expect(v.countyKind).toBe('prefecture-city');
    });

    it('takes villages under those cities (towns directly under the city)', () => {
      const v = value(validateDivisionCode('441900 003 001', 12));
      expect([v.code, v.countyKind, v.townKind, v.villageKind]).toEqual([
        '441900003001',
        'prefecture-city',
        'subdistrict',
        'residents',
      ]);
      expect(value(validateDivisionCode('442000100201', 12)).townKind).toBe('town');
      expect(value(validateDivisionCode('460400100201', 12)).townKind).toBe('town');
    });

    it('takes towns 400–599 (政企合一单位, 县以下行政区划代码编制规则)', () => {
      expect(value(validateDivisionCode('420117400201', 12)).townKind).toBe('enterprise');
      expect(value(validateDivisionCode('420117599001', 12)).townKind).toBe('enterprise');
    });

    it('takes village codes of 400 and above (360113005400)', () => {
      const v = value(validateDivisionCode('360113005400', 12));
      expect([v.province, v.prefecture, v.county, v.town, v.village]).toEqual(['36', '01', '13', '005', '400']);
      expect(v.villageKind).toBe('other');
      expect(value(validateDivisionCode('420117100999', 12)).villageKind).toBe('other');
    });
  });

  describe("membership in a county's imported division list", () => {
    // Townships and villages as the admin imports them (code,name CSV → the divisions table).
    const county = divisionList(['341822100000', '341822100201', '341822100202', '341822200000', '341822200201']);

    it('accepts a code that is in the list', () => {
      expect(outcome(validateDivisionCode('341822100202', 12, county))).toBe('ok');
    });

    it('refuses a well-formed code the county does not have, in Chinese', () => {
      const v = validateDivisionCode('341822100203', 12, county);
      expect(outcome(v)).toBe('division.unknown');
      if (!v.ok) expect(v.error.message).toContain('341822100203');
      // A township the county does not have either.
      expect(outcome(validateDivisionCode('341822300201', 12, county))).toBe('division.unknown');
    });

    it('checks only structure for counties the list does not cover', () => {
      expect(outcome(validateDivisionCode('360113005400', 12, county))).toBe('ok');
      expect(outcome(validateDivisionCode('341822100203', 12))).toBe('ok');
    });

    it("with one township's list, checks that township only", () => {
      const township = divisionList(['341822100201', '341822100202'], 'township');
      expect(outcome(validateDivisionCode('341822100209', 12, township))).toBe('division.unknown');
      expect(outcome(validateDivisionCode('341822200209', 12, township))).toBe('ok');
    });

    it('reports a structural error before membership', () => {
      expect(outcome(validateDivisionCode('341822600201', 12, county))).toBe('division.town');
    });
  });
});
