import { describe, expect, it } from 'vitest';
import { findItem } from '../../src/catalog';
import { prefillFields, profileFieldValue, type Person, type ServiceItem } from '../../src/domain';

const person: Person = {
  id: '01900000-0000-7000-8000-000000000001',
  name: '王秀兰',
  sex: 'F',
  idNumber: '11010519491231002X',
  birthDate: '1949-12-31',
  ethnicity: '汉族',
  phone: '13812345678',
  address: '彭村村3组',
  divisionCode: '341822100201',
  villageCode: '341822100201',
  idCard: { issuedOn: '2012-06-01', validUntil: 'long-term' },
  household: [],
  createdAt: 0,
  updatedAt: 0,
};

function item(code: string): ServiceItem {
  const found = findItem(code);
  if (!found) throw new Error(`no item ${code}`);
  return found;
}

describe('prefill from the person profile', () => {
  it("fills the applicant block of a form and leaves the item's own questions empty", () => {
    // 城乡居民养老保险参保登记: name, sex, ID number, phone and address come from the profile;
    // 人员身份, 目前参保情况 and 缴费档次 are asked on the form.
    expect(prefillFields(item('SB-JMYL-CB'), person)).toEqual({
      name: '王秀兰',
      sex: 'F',
      idNumber: '11010519491231002X',
      phone: '13812345678',
      address: '彭村村3组',
    });
  });

  it('leaves a field empty when the profile lacks the value', () => {
    // 城乡居保注销: the same applicant block plus the heir's bank account, which this profile has none of,
    // and the deceased's data, which never comes from the applicant's profile.
    const withoutPhone: Person = { ...person, phone: undefined };
    expect(prefillFields(item('SB-JMYL-ZX'), withoutPhone)).toEqual({
      name: '王秀兰',
      sex: 'F',
      idNumber: '11010519491231002X',
      address: '彭村村3组',
    });
    const withBank: Person = { ...person, bankCard: '6228480402564890018', bankName: '中国农业银行' };
    expect(prefillFields(item('SB-JMYL-ZX'), withBank)).toEqual({
      name: '王秀兰',
      sex: 'F',
      idNumber: '11010519491231002X',
      phone: '13812345678',
      address: '彭村村3组',
      bankCard: '6228480402564890018',
      bankName: '中国农业银行',
    });
  });

  it('fills ID card dates, a long-term card as 长期', () => {
    const form: ServiceItem = {
      ...item('SB-JMYL-CB'),
      fields: [
        { key: 'cardIssued', label: '签发日期', type: 'date', required: false, fromProfile: 'idCardIssuedOn' },
        { key: 'cardValid', label: '有效期限', type: 'text', required: false, fromProfile: 'idCardValidUntil' },
        { key: 'born', label: '出生日期', type: 'date', required: true, fromProfile: 'birthDate' },
        { key: 'note', label: '备注', type: 'text', required: false },
      ],
    };
    expect(prefillFields(form, person)).toEqual({ cardIssued: '2012-06-01', cardValid: '长期', born: '1949-12-31' });
    const dated: Person = { ...person, idCard: { issuedOn: '2016-06-01', validUntil: '2036-06-01' } };
    expect(prefillFields(form, dated)).toEqual({
      cardIssued: '2016-06-01',
      cardValid: '2036-06-01',
      born: '1949-12-31',
    });
    expect(prefillFields(form, { ...person, idCard: undefined })).toEqual({ born: '1949-12-31' });
  });

  it('shows a long-term card as 长期 and a missing value as empty', () => {
    expect(profileFieldValue(person, 'idCardValidUntil')).toBe('长期');
    expect(profileFieldValue(person, 'idCardIssuedOn')).toBe('2012-06-01');
    expect(profileFieldValue(person, 'bankCard')).toBe('');
  });
});
