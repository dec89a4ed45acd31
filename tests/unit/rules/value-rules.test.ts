// Rule kinds that read values: field-format, required, equals, age-range, not-expired, field-not-in.
import { describe, expect, it } from 'vitest';
import type { Rule, ServiceItemInput } from '../../../src/domain/schemas/catalog';
import { HAS_CHINESE, applicant, codes, makeItem, material, only, page, run, type CaseOptions } from './fixtures';

/** An item whose only material is present, so that only the rule under test speaks. */
function check(rules: Rule[], o: CaseOptions = {}, fields: ServiceItemInput['fields'] = []) {
  const item = makeItem({
    fields,
    materials: [
      {
        id: 'hukou',
        name: '户口簿本人页',
        kind: 'document-photo',
        handling: 'original-checked-copy-kept',
        requirement: 'required',
        dataFields: [
          { key: 'name', label: '姓名', type: 'text' },
          { key: 'issued', label: '签发日期', type: 'text' },
        ],
      },
    ],
    rules,
  });
  return run(item, {
    ...o,
    materials: o.materials ?? [material('hukou', { pages: [page()], data: { name: '张三' } })],
  });
}

describe('field-format', () => {
  const rule: Rule = { kind: 'field-format', ref: { source: 'field', key: 'mobile' }, format: 'mobile' };
  it('passes a value in the format and skips an empty one', () => {
    expect(check([rule], { fields: { mobile: '+86 138-1234-5678' } }).findings).toEqual([]);
    expect(check([rule], { fields: {} }).findings).toEqual([]);
  });
  it('reports the validator code on the field', () => {
    const f = only(check([rule], { fields: { mobile: '1381234567' } }), 'mobile.length');
    expect(f).toMatchObject({
      key: 'mobile.length@field:mobile',
      severity: 'error',
      rule: 'field-format',
      target: { type: 'field', key: 'mobile' },
    });
  });
  it.each([
    ['division-code-6', '420115100201', 'division.length'],
    ['division-code-12', '420115', 'division.length'],
    ['person-name', '张3', 'name.charset'],
    ['business-name', '中国面馆', 'bizname.reserved'],
    ['uscc', '91350100M000100Y44', 'uscc.checksum'],
    ['id-number', '11010519490231002X', 'id.birthdate'],
    ['bank-card', '12ab', 'bank.charset'],
    ['date', '2025-02-29', 'date.invalid'],
  ] as const)('format %s: %j → %s', (format, value, code) => {
    const r = check([{ kind: 'field-format', ref: { source: 'field', key: 'x' }, format }], { fields: { x: value } });
    expect(codes(r)).toEqual([code]);
  });
  it('checks material data and profile values too', () => {
    const onMaterial = check(
      [{ kind: 'field-format', ref: { source: 'material', material: 'hukou', key: 'name' }, format: 'person-name' }],
      {
        materials: [material('hukou', { pages: [page()], data: { name: 'ZS' } })],
      },
    );
    expect(only(onMaterial, 'name.charset').target).toEqual({ type: 'material', id: 'hukou', field: 'name' });
    const onPerson = check([{ kind: 'field-format', ref: { source: 'person', key: 'phone' }, format: 'mobile' }], {
      applicant: applicant({ phone: '123' }),
    });
    expect(only(onPerson, 'mobile.length').target).toEqual({ type: 'case', ref: 'person.phone' });
  });
});

describe('required', () => {
  it('passes when the value is there', () => {
    expect(
      check([{ kind: 'required', ref: { source: 'field', key: 'reason' } }], { fields: { reason: '退休' } }).findings,
    ).toEqual([]);
    expect(check([{ kind: 'required', ref: { source: 'person', key: 'phone' } }]).findings).toEqual([]);
    expect(check([{ kind: 'required', ref: { source: 'material', material: 'hukou', key: 'name' } }]).findings).toEqual(
      [],
    );
  });
  it('reports a missing field, profile value or material data', () => {
    const field = only(check([{ kind: 'required', ref: { source: 'field', key: 'reason' } }]), 'field.required');
    expect(field).toMatchObject({
      rule: 'required',
      target: { type: 'field', key: 'reason' },
      message: '请填写「reason」',
    });
    const person = only(check([{ kind: 'required', ref: { source: 'person', key: 'bankCard' } }]), 'person.required');
    expect(person.message).toBe('群众档案中缺少「申请人银行卡号」，请先在档案中补充');
    const data = only(
      check([{ kind: 'required', ref: { source: 'material', material: 'hukou', key: 'issued' } }]),
      'field.required',
    );
    expect(data.target).toEqual({ type: 'material', id: 'hukou', field: 'issued' });
  });
  it('points a profile value at the form field filled from it', () => {
    const r = check([{ kind: 'required', ref: { source: 'person', key: 'bankCard' } }], {}, [
      { key: 'card', label: '银行卡号', type: 'bank-card', fromProfile: 'bankCard' },
    ]);
    expect(only(r, 'person.required').target).toEqual({ type: 'field', key: 'card' });
  });
  it('leaves the data of a missing material to material.missing', () => {
    const r = check([{ kind: 'required', ref: { source: 'material', material: 'hukou', key: 'name' } }], {
      materials: [],
    });
    expect(codes(r)).toEqual(['material.missing']);
  });
});

describe('equals', () => {
  const rule: Rule = {
    kind: 'equals',
    left: { source: 'material', material: 'hukou', key: 'name' },
    right: { source: 'person', key: 'name' },
  };
  it('passes equal values, ignoring width, spaces, case and name-dot variants', () => {
    expect(check([rule]).findings).toEqual([]);
    const dots = check([rule], {
      applicant: applicant({ name: '买买提·艾力' }),
      materials: [material('hukou', { pages: [page()], data: { name: ' 买买提•艾力 ' } })],
    });
    expect(dots.findings).toEqual([]);
    const ids: Rule = {
      kind: 'equals',
      left: { source: 'field', key: 'id' },
      right: { source: 'person', key: 'idNumber' },
    };
    expect(
      check([ids], {
        fields: {
          id: applicant()
            .idNumber.toLowerCase()
            .replace(/(\d{6})/, '$1 '),
        },
      }).findings,
    ).toEqual([]);
  });
  it('reports a mismatch with both values on the left target', () => {
    const r = check([rule], { materials: [material('hukou', { pages: [page()], data: { name: '张山' } })] });
    const f = only(r, 'value.mismatch');
    expect(f).toMatchObject({
      severity: 'error',
      rule: 'equals',
      target: { type: 'material', id: 'hukou', field: 'name' },
    });
    expect(f.message).toBe('「户口簿本人页上的姓名」“张山”与「申请人姓名」“张三”不一致，请对照证件核对后改正');
  });
  it('skips when a side is empty', () => {
    expect(
      check([rule], { materials: [material('hukou', { pages: [page()], data: { issued: '2020-01-01' } })] }).findings,
    ).toEqual([]);
  });
});

describe('age-range', () => {
  // Applicant born 1970-03-15; TODAY 2025-06-02 → 55.
  it('passes inside the range, bounds inclusive', () => {
    expect(check([{ kind: 'age-range', minAge: 16, maxAge: 60 }]).findings).toEqual([]);
    expect(check([{ kind: 'age-range', minAge: 55, maxAge: 55 }]).findings).toEqual([]);
  });
  it('reports too young and too old with the age', () => {
    const young = only(check([{ kind: 'age-range', minAge: 60 }]), 'age.too_young');
    expect(young).toMatchObject({
      severity: 'error',
      rule: 'age-range',
      target: { type: 'case', ref: 'person.birthDate' },
    });
    expect(young.message).toContain('目前55周岁，未满60周岁');
    const old = only(check([{ kind: 'age-range', maxAge: 54 }]), 'age.too_old');
    expect(old.message).toContain('超过54周岁');
  });
  it('computes the age at a named date', () => {
    const rule: Rule = { kind: 'age-range', maxAge: 50, at: { source: 'field', key: 'appliedOn' } };
    expect(check([rule], { fields: { appliedOn: '2020-03-14' } }).findings).toEqual([]); // still 49
    expect(only(check([rule], { fields: { appliedOn: '2021-03-15' } }), 'age.too_old').message).toContain('2021-03-15');
    expect(check([rule], { fields: {} }).findings).toEqual([]);
  });
  it('warns when the birth date is unusable', () => {
    expect(
      codes(check([{ kind: 'age-range', minAge: 16 }], { applicant: applicant({ birthDate: '1970-02-30' }) })),
    ).toEqual(['age.unknown']);
  });
});

describe('not-expired', () => {
  const idCard: Rule = { kind: 'not-expired', ref: { source: 'person', key: 'idCardValidUntil' } };
  it('long-term ID cards never expire', () => {
    expect(check([idCard], { today: '2099-01-01' }).findings).toEqual([]);
  });
  it('uses the ID card rules: expired and expiring', () => {
    const expired = check([idCard], {
      applicant: applicant({ idCard: { issuedOn: '2005-06-01', validUntil: '2025-06-01' } }),
    });
    expect(only(expired, 'idcard.expired')).toMatchObject({
      severity: 'error',
      rule: 'not-expired',
      target: { type: 'case', ref: 'person.idCardValidUntil' },
    });
    const expiring = check([idCard], {
      applicant: applicant({ idCard: { issuedOn: '2005-06-20', validUntil: '2025-06-20' } }),
    });
    expect(only(expiring, 'idcard.expiring').severity).toBe('warning');
    const today = check([idCard], {
      applicant: applicant({ idCard: { issuedOn: '2005-06-02', validUntil: '2025-06-02' } }),
    });
    expect(codes(today)).toEqual(['idcard.expiring']);
  });
  it('applies the ID card rules to a form field filled from the profile validity', () => {
    const r = check([{ kind: 'not-expired', ref: { source: 'field', key: 'until' } }], { fields: { until: '长期' } }, [
      { key: 'until', label: '身份证有效期', type: 'text', fromProfile: 'idCardValidUntil' },
    ]);
    expect(r.findings).toEqual([]);
    const soon = check(
      [{ kind: 'not-expired', ref: { source: 'field', key: 'until' } }],
      {
        fields: { until: '2025-06-05' },
        applicant: applicant({ idCard: { issuedOn: '2005-06-05', validUntil: '2025-06-05' } }),
      },
      [{ key: 'until', label: '身份证有效期', type: 'text', fromProfile: 'idCardValidUntil' }],
    );
    expect(codes(soon)).toEqual(['idcard.expiring']);
  });
  it('any other date: expired before today, valid on and after', () => {
    const rule: Rule = { kind: 'not-expired', ref: { source: 'material', material: 'hukou', key: 'issued' } };
    const at = (d: string) =>
      check([rule], { materials: [material('hukou', { pages: [page()], data: { issued: d } })] });
    expect(only(at('2025-06-01'), 'date.expired').message).toBe(
      '「户口簿本人页上的签发日期」2025-06-01 已过期，请申请人提供仍在有效期内的证件或证明',
    );
    expect(at('2025-06-02').findings).toEqual([]);
    expect(codes(at('2025-13-01'))).toEqual(['date.invalid']);
  });
  it('warns when there is nothing to check', () => {
    const r = check([idCard], { applicant: applicant({ idCard: undefined }) });
    expect(only(r, 'expiry.unknown')).toMatchObject({ severity: 'warning' });
  });
});

describe('field-not-in', () => {
  const fields = [
    {
      key: 'insured',
      label: '参保状态',
      type: 'select' as const,
      options: [
        { value: 'none', label: '未参保' },
        { value: 'employee', label: '已参加职工医保' },
      ],
    },
  ];
  const rule: Rule = {
    kind: 'field-not-in',
    ref: { source: 'field', key: 'insured' },
    values: ['employee'],
    message: '已参加职工医保的，不能再参加城乡居民医保，请告知申请人',
  };
  it('passes other values and empty ones', () => {
    expect(check([rule], { fields: { insured: 'none' } }, fields).findings).toEqual([]);
    expect(check([rule], {}, fields).findings).toEqual([]);
  });
  it('reports a listed value, with the author message', () => {
    const f = only(check([rule], { fields: { insured: 'employee' } }, fields), 'value.not_allowed');
    expect(f).toMatchObject({
      severity: 'error',
      rule: 'field-not-in',
      message: '已参加职工医保的，不能再参加城乡居民医保，请告知申请人',
    });
  });
  it('shows the option label in the default message', () => {
    const { message: _m, ...plain } = rule as Extract<Rule, { kind: 'field-not-in' }>;
    const f = only(check([plain], { fields: { insured: 'employee' } }, fields), 'value.not_allowed');
    expect(f.message).toContain('“已参加职工医保”');
    expect(f.message).toMatch(HAS_CHINESE);
  });
});
