import { describe, expect, it } from 'vitest';
import { convertLegacyIdNumber, idCheckCharacter, validateIdNumber } from '../../../src/domain/validators';
import { HAS_CHINESE, outcome, value, warningCodes } from './helpers';

const TODAY = '2025-06-01';

describe('validateIdNumber', () => {
  it('accepts the domain vectors and reads birth date and sex', () => {
    expect(value(validateIdNumber('11010519491231002X', TODAY))).toEqual({
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
      provinceCode: '11',
    });
    expect(value(validateIdNumber('440524188001010014', TODAY))).toEqual({
      idNumber: '440524188001010014',
      birthDate: '1880-01-01',
      sex: 'M',
      provinceCode: '44',
    });
  });

  it('trims, accepts lower-case x and full-width input', () => {
    expect(value(validateIdNumber('  11010519491231002x ', TODAY)).idNumber).toBe('11010519491231002X');
    expect(value(validateIdNumber('１１０１０５１９４９１２３１００２Ｘ', TODAY)).idNumber).toBe('11010519491231002X');
  });

  it.each([
    ['', 'id.empty'],
    ['   ', 'id.empty'],
    ['1101051949123100', 'id.length'],
    ['11010519491231002XX', 'id.length'],
    ['1101051949123100AX', 'id.charset'],
    ['11010519491231002Y', 'id.charset'],
    ['13050367040100A', 'id.charset'],
    ['110105194912310021', 'id.checksum'],
    ['11010519490231002X', 'id.birthdate'],
    ['110105187912310021', 'id.birthdate'],
    ['110105199913310021', 'id.birthdate'],
  ])('%j → %s', (input, code) => {
    expect(outcome(validateIdNumber(input, TODAY))).toBe(code);
  });

  it('rejects unknown province prefixes and accepts 81/82/83 residence permits', () => {
    const withPrefix = (p: string) => {
      const first17 = `${p}0105194912310${'02'}`.slice(0, 17);
      return first17 + idCheckCharacter(first17);
    };
    for (const p of ['10', '16', '20', '24', '38', '47', '55', '60', '66', '71', '80', '84', '99']) {
      expect(outcome(validateIdNumber(withPrefix(p), TODAY)), p).toBe('id.province');
    }
    for (const p of ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '81', '82', '83']) {
      expect(outcome(validateIdNumber(withPrefix(p), TODAY)), p).toBe('ok');
    }
  });

  it('rejects a birth date after today but accepts today', () => {
    const born = (date: string) => {
      const first17 = `110105${date.replaceAll('-', '')}001`;
      return first17 + idCheckCharacter(first17);
    };
    expect(outcome(validateIdNumber(born('2025-06-02'), TODAY))).toBe('id.future');
    expect(outcome(validateIdNumber(born('2025-06-01'), TODAY))).toBe('ok');
  });

  it('converts a 15-digit legacy number and warns so the agent uses the 18-digit one', () => {
    const v = validateIdNumber('130503670401001', TODAY);
    expect(value(v)).toEqual({ idNumber: '130503196704010016', birthDate: '1967-04-01', sex: 'M', provinceCode: '13' });
    expect(warningCodes(v)).toEqual(['id.legacy']);
  });

  it('explains every error in Chinese', () => {
    for (const input of [
      '',
      '123',
      '1101051949123100AX',
      '100105194912310021',
      '110105194902310021',
      '110105194912310021',
    ]) {
      const v = validateIdNumber(input, TODAY);
      expect(v.ok).toBe(false);
      if (!v.ok) expect(v.error.message).toMatch(HAS_CHINESE);
    }
  });

  it('refuses an invalid today', () => {
    expect(() => validateIdNumber('11010519491231002X', '2025-13-01')).toThrow(RangeError);
  });
});

describe('convertLegacyIdNumber', () => {
  it('inserts 19 and computes the check character', () => {
    expect(convertLegacyIdNumber('130503670401001')).toBe('130503196704010016');
  });
  it.each(['13050367040100', '1305036704010011', '13050367040100X', ''])('throws RangeError on %j', (bad) => {
    expect(() => convertLegacyIdNumber(bad)).toThrow(RangeError);
  });
});
