import { describe, expect, it } from 'vitest';
import { findItem } from '../../src/catalog';
import { prefillFields, profileFieldValue, type Person } from '../../src/domain';

const person: Person = {
  id: '01900000-0000-7000-8000-000000000001', name: '王秀兰', sex: 'F', idNumber: '11010519491231002X', birthDate: '1949-12-31',
  ethnicity: '汉族', phone: '13812345678', address: '彭村村3组', divisionCode: '341822100201', villageCode: '341822100201',
  idCard: { issuedOn: '2012-06-01', validUntil: 'long-term' }, household: [], createdAt: 0, updatedAt: 0,
};

describe('prefill from the person profile', () => {
  it('fills every fromProfile field the profile has, and nothing else', () => {
    const item = findItem('SB-JMYL-CB')!;
    const fields = prefillFields(item, person);
    for (const f of item.fields) {
      if (f.fromProfile) expect(fields[f.key], f.key).toBe(profileFieldValue(person, f.fromProfile) || undefined);
      else expect(fields[f.key], f.key).toBeUndefined();
    }
    expect(Object.values(fields)).toContain('王秀兰');
    expect(Object.values(fields)).toContain('11010519491231002X');
  });

  it('shows a long-term card as 长期 and a missing value as empty', () => {
    expect(profileFieldValue(person, 'idCardValidUntil')).toBe('长期');
    expect(profileFieldValue(person, 'idCardIssuedOn')).toBe('2012-06-01');
    expect(profileFieldValue(person, 'bankCard')).toBe('');
  });
});
