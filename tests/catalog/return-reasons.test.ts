// The return reasons (退件原因) that the guides of the items added in issue 15 name, each built
// into an otherwise good case and run through the real rules engine: the engine must report it on
// the right field or material. Every good case is written out by hand, not derived from the rules.
import { describe, expect, it } from 'vitest';
import { findItem } from '../../src/catalog';
import { workingDaysBetween } from '../../src/domain/calendar';
import { evaluate, type EvaluationInput, type Finding } from '../../src/domain/rules';
import type { Material } from '../../src/domain/schemas/case';
import type { Person } from '../../src/domain/schemas/person';

const TODAY = '2026-03-10';
const AT = Date.UTC(2026, 2, 10);
const CASE_ID = '0195f000-0000-7000-8000-0000000000c1';
const SHA = 'b'.repeat(64);
const CARD = '6228480402564890018'; // passes Luhn (domain.md)
const OTHER_CARD = '6222020200112233446';

// GB 11643 numbers written out with their check characters (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2).
const PEOPLE = {
  // 王秀英, born 1966-03-01: 60 on 2026-03-01.
  at60: { birthDate: '1966-03-01', idNumber: '330782196603010029' },
  // born 1966-03-11: still 59 on 2026-03-10.
  at59: { birthDate: '1966-03-11', idNumber: '33078219660311002X' },
  // born 1980-05-20: 45.
  at45: { birthDate: '1980-05-20', idNumber: '330782198005200024' },
  // born 2010-03-11: 15, one day short of 16.
  at15: { birthDate: '2010-03-11', idNumber: '33078220100311002X' },
  // born 2016-01-05: 10.
  at10: { birthDate: '2016-01-05', idNumber: '330782201601050020' },
  // born 2008-03-01: 18.
  at18: { birthDate: '2008-03-01', idNumber: '330782200803010022' },
  // born 2022-06-30: 3.
  at3: { birthDate: '2022-06-30', idNumber: '330782202206300020' },
  // born 2019-03-01: 7.
  at7: { birthDate: '2019-03-01', idNumber: '330782201903010024' },
} as const;
type Age = keyof typeof PEOPLE;

function applicant(age: Age): Person {
  return {
    id: '0195f000-0000-7000-8000-0000000000c2',
    name: '王秀英',
    sex: 'F',
    ...PEOPLE[age],
    ethnicity: '汉族',
    phone: '13812345678',
    address: '浙江省义乌市佛堂镇东风村三组12号',
    divisionCode: '330782104201',
    idCard: { issuedOn: '2016-06-01', validUntil: 'long-term' },
    bankCard: CARD,
    bankName: '中国农业银行',
    household: [],
    villageCode: '330782104201',
    createdAt: AT,
    updatedAt: AT,
  };
}

const applicantFields = (p: Person): Record<string, string> => ({
  name: p.name,
  sex: p.sex,
  idNumber: p.idNumber,
  phone: p.phone!,
  address: p.address!,
});
const bankFields = { bankCard: CARD, bankName: '中国农业银行' };
const ownBankCard = { holderName: '王秀英', cardNumber: CARD };
const GUARDIAN = { guardianName: '王建军', guardianIdNumber: '330782198001010012' };
const guardianCard = { name: '王建军', idNumber: '330782198001010012' };

interface Spec {
  code: string;
  age: Age;
  fields: Record<string, string>;
  /** Typed data per material requirement id. */
  data: Record<string, Record<string, string>>;
}

const GOOD = {
  width: 2000,
  height: 1500,
  sharpness: 240,
  mean: 160,
  clipped: 0.02,
};

/** The case as an agent would capture it: every material of the item, pages at their minimum count. */
function build(spec: Spec): EvaluationInput {
  const item = findItem(spec.code);
  if (!item) throw new Error(`no item ${spec.code}`);
  const person = applicant(spec.age);
  const materials: Material[] = item.materials
    .filter((m) => m.id !== 'tolerance-commitment')
    .map((m, i) => ({
      id: `0195f000-0000-7000-8000-${String(200 + i).padStart(12, '0')}`,
      caseId: CASE_ID,
      requirementId: m.id,
      pages:
        m.kind === 'document-photo'
          ? Array.from({ length: Math.max(1, m.pagesMin) }, () => ({
              sha256: SHA,
              mime: 'image/jpeg' as const,
              bytes: 300_000,
              capturedAt: AT,
              quality: { ...GOOD },
            }))
          : [],
      ...(m.kind === 'signature' && {
        signature: {
          sha256: SHA,
          signerName: person.name,
          signerRole: 'applicant' as const,
          signedAt: AT,
          deviceId: 'tablet-1',
        },
      }),
      ...(m.kind === 'e-licence' && { licenceRef: 'DZZZ-330782-2026-000456' }),
      data: { ...spec.data[m.id] },
      updatedAt: AT,
    }));
  return {
    item,
    caseData: { itemCode: item.code, fields: { ...spec.fields }, tolerance: [], acknowledged: [] },
    applicant: person,
    materials,
    today: TODAY,
    workingDaysBetween,
  };
}

const describeFindings = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.key}: ${f.message}`).join('\n');

function expectClean(input: EvaluationInput) {
  const report = evaluate(input);
  expect(report.findings, describeFindings(report.findings)).toEqual([]);
  expect(report.canSubmit).toBe(true);
}

/** The report holds a finding with this code on this target (target fields given are matched). */
function expectFinding(
  severity: 'error' | 'warning',
  input: EvaluationInput,
  code: string,
  target: Partial<Record<string, unknown>>,
) {
  const report = evaluate(input);
  // A warning blocks submission too until the agent has looked at it and acknowledged it.
  expect(report.canSubmit).toBe(false);
  expect(report.findings, describeFindings(report.findings)).toContainEqual(
    expect.objectContaining({ code, severity, target: expect.objectContaining(target) }),
  );
}
const expectError = (input: EvaluationInput, code: string, target: Partial<Record<string, unknown>>) =>
  expectFinding('error', input, code, target);
/** An unreadably blurred photo (below the hard threshold) is an error: the township would return it. */
const expectBlurred = (input: EvaluationInput, id: string) =>
  expectFinding('error', input, 'photo.blurred', { type: 'material', id, page: 1 });

const row = (input: EvaluationInput, id: string) => {
  const m = input.materials.find((x) => x.requirementId === id);
  if (!m) throw new Error(`no material ${id}`);
  return m;
};
const without = (input: EvaluationInput, id: string) => {
  input.materials = input.materials.filter((m) => m.requirementId !== id);
  return input;
};
const blur = (input: EvaluationInput, id: string) => {
  for (const p of row(input, id).pages) p.quality = { ...GOOD, sharpness: 8 };
  return input;
};
const onePage = (input: EvaluationInput, id: string) => {
  const m = row(input, id);
  m.pages = m.pages.slice(0, 1);
  return input;
};
const setData = (input: EvaluationInput, id: string, values: Record<string, string>) => {
  const m = row(input, id);
  m.data = { ...m.data, ...values };
  return input;
};
const setField = (input: EvaluationInput, key: string, value: string) => {
  input.caseData.fields[key] = value;
  return input;
};
const aged = (input: EvaluationInput, age: Age) => {
  input.applicant = { ...input.applicant, ...PEOPLE[age] };
  input.caseData.fields.idNumber = PEOPLE[age].idNumber;
  for (const m of input.materials)
    if (m.data.idNumber !== undefined && m.requirementId === 'hukou') m.data.idNumber = PEOPLE[age].idNumber;
  return input;
};
const expiredIdCard = (input: EvaluationInput) => {
  input.applicant = { ...input.applicant, idCard: { issuedOn: '2005-12-01', validUntil: '2025-12-01' } };
  return input;
};

const field = (key: string) => ({ type: 'field', key });
const material = (id: string, more: Record<string, unknown> = {}) => ({ type: 'material', id, ...more });

describe('医疗救助申请 (MZ-YLJZ)', () => {
  const good = (): EvaluationInput =>
    build({
      code: 'MZ-YLJZ',
      age: 'at60',
      fields: {
        ...applicantFields(applicant('at60')),
        ...bankFields,
        assistanceCategory: 'dibao',
        hospital: '义乌市中心医院',
        admissionDate: '2026-02-02',
        dischargeDate: '2026-02-12',
        selfPaid: '8650.40',
      },
      data: {
        hukou: { name: '王秀英', idNumber: PEOPLE.at60.idNumber },
        settlement: { patientName: '王秀英' },
        invoices: { patientName: '王秀英' },
        'itemised-bill': { patientName: '王秀英' },
        'discharge-record': { patientName: '王秀英' },
        'bank-card': ownBankCard,
      },
    });
  it('passes a good case', () => expectClean(good()));
  it('不属于医疗救助对象', () =>
    expectError(setField(good(), 'assistanceCategory', 'none'), 'value.not_allowed', field('assistanceCategory')));
  it('缺少费用明细清单', () =>
    expectError(without(good(), 'itemised-bill'), 'material.missing', material('itemised-bill')));
  it('票据上的患者与申请人不一致', () =>
    expectError(
      setData(good(), 'invoices', { patientName: '王秀兰' }),
      'value.mismatch',
      material('invoices', { field: 'patientName' }),
    ));
  it('收款账户不是本人名下', () =>
    expectError(
      setData(good(), 'bank-card', { holderName: '李建国' }),
      'value.mismatch',
      material('bank-card', { field: 'holderName' }),
    ));
  it('票据照片模糊', () => expectBlurred(blur(good(), 'invoices'), 'invoices'));
});

describe('农村部分计划生育家庭奖励扶助 (WJ-JLFZ)', () => {
  const good = (): EvaluationInput =>
    build({
      code: 'WJ-JLFZ',
      age: 'at60',
      fields: {
        ...applicantFields(applicant('at60')),
        ...bankFields,
        residenceType: 'rural',
        children: 'two-daughters',
        policyCompliance: 'compliant',
        spouseName: '李建国',
      },
      data: { hukou: { name: '王秀英', idNumber: PEOPLE.at60.idNumber }, 'bank-card': ownBankCard },
    });
  it('passes a good case (60 on her birthday)', () => expectClean(good()));
  it('年龄不符（59周岁）', () => expectError(aged(good(), 'at59'), 'age.too_young', { type: 'case' }));
  it('非农业户口', () =>
    expectError(setField(good(), 'residenceType', 'non-rural'), 'value.not_allowed', field('residenceType')));
  it('子女情况不符', () => expectError(setField(good(), 'children', 'other'), 'value.not_allowed', field('children')));
  it('有违反规定生育', () =>
    expectError(setField(good(), 'policyCompliance', 'violated'), 'value.not_allowed', field('policyCompliance')));
  it('户口簿漏页', () => expectError(onePage(good(), 'hukou'), 'pages.too_few', material('hukou')));
  it('收款账户不是本人名下', () =>
    expectError(
      setData(good(), 'bank-card', { holderName: '李建国' }),
      'value.mismatch',
      material('bank-card', { field: 'holderName' }),
    ));
  it('填写的账号与存折不一致', () =>
    expectError(setField(good(), 'bankCard', OTHER_CARD), 'value.mismatch', material('bank-card')));
});

describe('耕地地力保护补贴申报 (NY-GDLB)', () => {
  const good = (): EvaluationInput =>
    build({
      code: 'NY-GDLB',
      age: 'at60',
      fields: { ...applicantFields(applicant('at60')), ...bankFields, declaredArea: '4.6', landUse: 'farmed' },
      data: {
        hukou: { name: '王秀英', idNumber: PEOPLE.at60.idNumber },
        'land-contract': { contractorName: '王秀英', contractArea: '5.2' },
        'bank-card': ownBankCard,
      },
    });
  it('passes a good case', () => expectClean(good()));
  it('长年抛荒', () => expectError(setField(good(), 'landUse', 'abandoned'), 'value.not_allowed', field('landUse')));
  it('已改变用途', () => expectError(setField(good(), 'landUse', 'converted'), 'value.not_allowed', field('landUse')));
  it('承包方代表与申请人不一致', () =>
    expectError(
      setData(good(), 'land-contract', { contractorName: '王大军' }),
      'value.mismatch',
      material('land-contract', { field: 'contractorName' }),
    ));
  it('收款账户不是本人名下', () =>
    expectError(
      setData(good(), 'bank-card', { holderName: '王大军' }),
      'value.mismatch',
      material('bank-card', { field: 'holderName' }),
    ));
  it('承包经营权证照片模糊', () => expectBlurred(blur(good(), 'land-contract'), 'land-contract'));
  // The certificate says 5.2 亩: 5.3 is over-declared; 5.2 is not.
  it('申报面积与承包经营权证不符（超过证上面积）', () =>
    expectError(setField(good(), 'declaredArea', '5.3'), 'value.too_large', field('declaredArea')));
  it('申报面积等于证上面积不算超报', () => expectClean(setField(good(), 'declaredArea', '5.2')));
  it('全角数字的超报也能查出', () =>
    expectError(setField(good(), 'declaredArea', '５．３'), 'value.too_large', field('declaredArea')));
});

describe('农村危房改造申请 (ZF-WFGZ)', () => {
  const good = (): EvaluationInput =>
    build({
      code: 'ZF-WFGZ',
      age: 'at60',
      fields: {
        ...applicantFields(applicant('at60')),
        ...bankFields,
        targetCategory: 'tekun',
        houseGrade: 'D',
        supportedBefore: 'no',
        method: 'rebuild',
      },
      data: { hukou: { name: '王秀英', idNumber: PEOPLE.at60.idNumber }, 'bank-card': ownBankCard },
    });
  it('passes a good case', () => expectClean(good()));
  it('passes before the house is graded', () => expectClean(setField(good(), 'houseGrade', 'pending')));
  it('不属于重点对象', () =>
    expectError(setField(good(), 'targetCategory', 'none'), 'value.not_allowed', field('targetCategory')));
  it('鉴定为B级，不是危房', () =>
    expectError(setField(good(), 'houseGrade', 'B'), 'value.not_allowed', field('houseGrade')));
  it('已享受过危房改造补助', () =>
    expectError(setField(good(), 'supportedBefore', 'yes'), 'value.not_allowed', field('supportedBefore')));
  it('户口簿漏页', () => expectError(onePage(good(), 'hukou'), 'pages.too_few', material('hukou')));
  it('房屋照片不全', () => expectError(onePage(good(), 'house-photos'), 'pages.too_few', material('house-photos')));
  it('房屋照片模糊', () => expectBlurred(blur(good(), 'house-photos'), 'house-photos'));
  it('承诺书未签字', () => expectError(without(good(), 'commitment'), 'material.missing', material('commitment')));
});

describe('城乡居民养老保险待遇领取申请 (SB-JMYL-DY)', () => {
  const good = (): EvaluationInput =>
    build({
      code: 'SB-JMYL-DY',
      age: 'at60',
      fields: { ...applicantFields(applicant('at60')), ...bankFields, contributions: 'full', otherPension: 'none' },
      data: { hukou: { name: '王秀英', idNumber: PEOPLE.at60.idNumber }, 'bank-card': ownBankCard },
    });
  it('passes a good case', () => expectClean(good()));
  it('未满60周岁', () => expectError(aged(good(), 'at59'), 'age.too_young', { type: 'case' }));
  it('缴费年限不足且未补缴', () =>
    expectError(setField(good(), 'contributions', 'short'), 'value.not_allowed', field('contributions')));
  it('已领取职工养老保险待遇', () =>
    expectError(setField(good(), 'otherPension', 'employee'), 'value.not_allowed', field('otherPension')));
  it('收款账户不是本人名下', () =>
    expectError(
      setData(good(), 'bank-card', { holderName: '李建国' }),
      'value.mismatch',
      material('bank-card', { field: 'holderName' }),
    ));
  it('户口簿本人页是别人的', () =>
    expectError(setData(good(), 'hukou', { name: '王秀兰' }), 'value.mismatch', material('hukou', { field: 'name' })));
});

describe('退役军人优待证申领 (TY-YDZ)', () => {
  const good = (): EvaluationInput =>
    build({
      code: 'TY-YDZ',
      age: 'at45',
      fields: { ...applicantFields(applicant('at45')), holderType: 'veteran', profiled: 'yes' },
      data: { 'discharge-certificate': { name: '王秀英' } },
    });
  it('passes a good case', () => expectClean(good()));
  it('照片分辨率不够（翻拍、截图）', () => {
    const input = good();
    row(input, 'photo').pages[0]!.quality = { ...GOOD, width: 240, height: 320 };
    expectError(input, 'photo.resolution', material('photo', { page: 1 }));
  });
  it('照片模糊', () => expectBlurred(blur(good(), 'photo'), 'photo'));
  it('退役证件上的姓名与身份证不一致', () =>
    expectError(
      setData(good(), 'discharge-certificate', { name: '王秀兰' }),
      'value.mismatch',
      material('discharge-certificate', { field: 'name' }),
    ));
  it('不属于发放对象', () =>
    expectError(setField(good(), 'holderType', 'other'), 'value.not_allowed', field('holderType')));
  it('尚未建档立卡', () => expectError(setField(good(), 'profiled', 'no'), 'value.not_allowed', field('profiled')));
  it('身份证已过期', () =>
    expectError(expiredIdCard(good()), 'idcard.expired', {
      type: 'case',
      ref: 'person.idCardValidUntil',
    }));
});

describe('跨省异地就医备案 (YB-YDJY-BA)', () => {
  const good = (): EvaluationInput =>
    build({
      code: 'YB-YDJY-BA',
      age: 'at60',
      fields: {
        ...applicantFields(applicant('at60')),
        insuranceStatus: 'resident',
        filingType: 'referral',
        destination: '上海市徐汇区',
        startDate: '2026-03-12',
      },
      data: { referral: { patientName: '王秀英' } },
    });
  it('passes a good case, and a long-term resident without a referral', () => {
    expectClean(good());
    expectClean(without(setField(good(), 'filingType', 'long-term'), 'referral'));
  });
  it('未参加本地医保', () =>
    expectError(setField(good(), 'insuranceStatus', 'none'), 'value.not_allowed', field('insuranceStatus')));
  it('个人承诺书未签字', () => expectError(without(good(), 'promise'), 'material.missing', material('promise')));
  it('转诊证明上的患者不是本人', () =>
    expectError(
      setData(good(), 'referral', { patientName: '王秀兰' }),
      'value.mismatch',
      material('referral', { field: 'patientName' }),
    ));
  it('转诊证明模糊', () => expectBlurred(blur(good(), 'referral'), 'referral'));
  it('身份证已过期', () =>
    expectError(expiredIdCard(good()), 'idcard.expired', {
      type: 'case',
      ref: 'person.idCardValidUntil',
    }));
});

describe('就业创业证申领 (RS-JYCYZ)', () => {
  const good = (): EvaluationInput =>
    build({
      code: 'RS-JYCYZ',
      age: 'at45',
      fields: { ...applicantFields(applicant('at45')), status: 'unemployed', education: '初中' },
      data: { hukou: { name: '王秀英', idNumber: PEOPLE.at45.idNumber } },
    });
  it('passes a good case', () => expectClean(good()));
  it('未满16周岁', () => expectError(aged(good(), 'at15'), 'age.too_young', { type: 'case' }));
  it('照片模糊', () => expectBlurred(blur(good(), 'photo'), 'photo'));
  it('户口簿本人页与身份证号码不一致', () =>
    expectError(
      setData(good(), 'hukou', { idNumber: PEOPLE.at59.idNumber }),
      'value.mismatch',
      material('hukou', { field: 'idNumber' }),
    ));
});

describe('农业保险理赔申请 (NY-NYBX-LP)', () => {
  const good = (): EvaluationInput =>
    build({
      code: 'NY-NYBX-LP',
      age: 'at60',
      fields: {
        ...applicantFields(applicant('at60')),
        ...bankFields,
        policyNumber: 'PZAA202633078200001234',
        subject: 'crop',
        lossDate: '2026-03-04',
        reportDate: '2026-03-06',
        lossAmount: '3.5',
        cause: '3月4日冰雹，早稻秧苗倒伏',
      },
      data: {
        policy: { insuredName: '王秀英', policyNumber: 'PZAA202633078200001234' },
        'bank-card': ownBankCard,
      },
    });
  it('passes a good case', () => expectClean(good()));
  it('保单上的被保险人不是申请人', () =>
    expectError(
      setData(good(), 'policy', { insuredName: '王大军' }),
      'value.mismatch',
      material('policy', { field: 'insuredName' }),
    ));
  it('保单号填错', () =>
    expectError(setField(good(), 'policyNumber', 'PZAA202633078200001243'), 'value.mismatch', material('policy')));
  it('受灾现场照片不足', () => expectError(onePage(good(), 'loss-photos'), 'pages.too_few', material('loss-photos')));
  it('受灾现场照片模糊', () => expectBlurred(blur(good(), 'loss-photos'), 'loss-photos'));
  // 出险 Wed 4 March; the 3 days end Sat 7 March, a day off, so Mon 9 March (民法典 §203): the 10th is late.
  it('报案超过保险合同约定的时限', () =>
    expectFinding('warning', setField(good(), 'reportDate', '2026-03-10'), 'date.window_passed', {
      type: 'field',
      key: 'lossDate',
    }));
  it('报案在时限最后一天不算逾期', () => expectClean(setField(good(), 'reportDate', '2026-03-09')));
  it('收款账户不是被保险人本人名下', () =>
    expectError(
      setData(good(), 'bank-card', { holderName: '王大军' }),
      'value.mismatch',
      material('bank-card', { field: 'holderName' }),
    ));
});

describe('孤儿和事实无人抚养儿童基本生活费申请 (MZ-GR-SHF)', () => {
  const good = (): EvaluationInput =>
    build({
      code: 'MZ-GR-SHF',
      age: 'at10',
      fields: { ...applicantFields(applicant('at10')), ...GUARDIAN, childCategory: 'de-facto', otherBenefit: 'no' },
      data: { hukou: { name: '王秀英', idNumber: PEOPLE.at10.idNumber }, 'guardian-id-card': guardianCard },
    });
  it('passes a good case, with or without the child having an ID card', () => {
    expectClean(good());
    expectClean(without(without(good(), 'id-card-front'), 'id-card-back'));
  });
  it('已满18周岁', () => expectError(aged(good(), 'at18'), 'age.too_old', { type: 'case' }));
  it('缺少父母情况证明', () =>
    expectError(without(good(), 'parents-proof'), 'material.missing', material('parents-proof')));
  it('监护人身份证与填写的不一致', () =>
    expectError(
      setData(good(), 'guardian-id-card', { name: '王建国' }),
      'value.mismatch',
      material('guardian-id-card', { field: 'name' }),
    ));
  it('监护人身份号码格式错误', () =>
    expectError(setField(good(), 'guardianIdNumber', '330782198001010013'), 'id.checksum', field('guardianIdNumber')));
  it('不属于孤儿或事实无人抚养儿童', () =>
    expectError(setField(good(), 'childCategory', 'other'), 'value.not_allowed', field('childCategory')));
  it('已纳入特困供养', () =>
    expectError(setField(good(), 'otherBenefit', 'tekun'), 'value.not_allowed', field('otherBenefit')));
});

describe('残疾儿童康复救助申请 (CL-ETKF)', () => {
  const good = (): EvaluationInput =>
    build({
      code: 'CL-ETKF',
      age: 'at3',
      fields: {
        ...applicantFields(applicant('at3')),
        ...GUARDIAN,
        disabilityType: 'autism',
        institution: '义乌市残疾儿童康复中心',
      },
      data: {
        hukou: { name: '王秀英', idNumber: PEOPLE.at3.idNumber },
        diagnosis: { name: '王秀英' },
        'guardian-id-card': guardianCard,
      },
    });
  it('passes a good case', () => expectClean(good()));
  it('超过救助年龄（7周岁）', () => expectError(aged(good(), 'at7'), 'age.too_old', { type: 'case' }));
  it('诊断证明上的儿童姓名不一致', () =>
    expectError(
      setData(good(), 'diagnosis', { name: '王秀兰' }),
      'value.mismatch',
      material('diagnosis', { field: 'name' }),
    ));
  it('监护人身份证号码与填写的不一致', () =>
    expectError(
      setData(good(), 'guardian-id-card', { idNumber: '330782198001020018' }),
      'value.mismatch',
      material('guardian-id-card', { field: 'idNumber' }),
    ));
  it('诊断证明照片模糊', () => expectBlurred(blur(good(), 'diagnosis'), 'diagnosis'));
});
