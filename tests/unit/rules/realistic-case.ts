// A realistic case for the rules engine, shared by the report tests and tests/bench/rules.bench.ts:
// 城乡居民养老保险参保登记 with 9 fields, 6 materials, 15 rules and 10 measured pages.
import type { EvaluationInput } from '../../../src/domain/rules';
import { APPLICANT_ID_NUMBER, TODAY, applicant, inputFor, makeItem, material, page } from './fixtures';

export const realisticItem = makeItem({
  code: 'PENSION-ENROL',
  name: '城乡居民养老保险参保登记',
  toleranceAllowed: true,
  maxToleranceDays: 10,
  fields: [
    { key: 'applicantName', label: '姓名', type: 'name', required: true, fromProfile: 'name' },
    { key: 'idNo', label: '身份证号', type: 'id-number', required: true, fromProfile: 'idNumber' },
    {
      key: 'sex',
      label: '性别',
      type: 'select',
      required: true,
      fromProfile: 'sex',
      options: [
        { value: 'M', label: '男' },
        { value: 'F', label: '女' },
      ],
    },
    { key: 'birthDate', label: '出生日期', type: 'date', required: true, fromProfile: 'birthDate' },
    { key: 'phone', label: '联系电话', type: 'phone', required: true, fromProfile: 'phone' },
    { key: 'village', label: '户籍所在村', type: 'division-code', required: true, fromProfile: 'divisionCode' },
    { key: 'bankCard', label: '社保卡/银行卡号', type: 'bank-card', fromProfile: 'bankCard' },
    {
      key: 'insured',
      label: '目前参保情况',
      type: 'select',
      required: true,
      options: [
        { value: 'none', label: '未参加任何养老保险' },
        { value: 'employee', label: '已参加职工养老保险' },
        { value: 'student', label: '全日制在校学生' },
      ],
    },
    { key: 'grade', label: '缴费档次（元/年）', type: 'number', required: true },
  ],
  materials: [
    {
      id: 'id-card-front',
      name: '身份证人像面',
      kind: 'document-photo',
      handling: 'original-checked-copy-kept',
      requirement: 'required',
      profilePhoto: 'id-card-front',
    },
    {
      id: 'id-card-back',
      name: '身份证国徽面',
      kind: 'document-photo',
      handling: 'original-checked-copy-kept',
      requirement: 'required',
      profilePhoto: 'id-card-back',
    },
    {
      id: 'hukou',
      name: '户口簿首页和本人页',
      kind: 'document-photo',
      handling: 'original-checked-copy-kept',
      requirement: 'required',
      pagesMin: 2,
      pagesMax: 2,
      dataFields: [
        { key: 'name', label: '姓名', type: 'name', required: true },
        { key: 'idNumber', label: '公民身份号码', type: 'id-number', required: true },
      ],
    },
    {
      id: 'bank-book',
      name: '社保卡或银行存折',
      kind: 'document-photo',
      handling: 'original-checked-copy-kept',
      requirement: 'tolerable',
      pagesMin: 1,
      pagesMax: 2,
    },
    {
      id: 'application',
      name: '城乡居民养老保险参保登记表',
      kind: 'document-photo',
      handling: 'original-kept',
      requirement: 'required',
      pagesMin: 2,
      pagesMax: 4,
    },
    { id: 'commitment', name: '容缺承诺书', kind: 'signature', handling: 'original-kept', requirement: 'optional' },
  ],
  rules: [
    { kind: 'photo-quality', material: 'id-card-front' },
    { kind: 'photo-quality', material: 'id-card-back' },
    { kind: 'photo-quality', material: 'hukou' },
    { kind: 'photo-quality', material: 'bank-book' },
    { kind: 'photo-quality', material: 'application' },
    {
      kind: 'equals',
      left: { source: 'material', material: 'hukou', key: 'name' },
      right: { source: 'person', key: 'name' },
    },
    {
      kind: 'equals',
      left: { source: 'material', material: 'hukou', key: 'idNumber' },
      right: { source: 'person', key: 'idNumber' },
    },
    { kind: 'equals', left: { source: 'field', key: 'idNo' }, right: { source: 'person', key: 'idNumber' } },
    { kind: 'age-range', minAge: 16, maxAge: 60 },
    { kind: 'not-expired', ref: { source: 'person', key: 'idCardValidUntil' } },
    {
      kind: 'field-not-in',
      ref: { source: 'field', key: 'insured' },
      values: ['employee', 'student'],
      message: '已参加职工养老保险或是全日制在校学生的，不能参加城乡居民养老保险，请告知申请人',
    },
    { kind: 'signature-present', material: 'application' },
    { kind: 'required', ref: { source: 'person', key: 'phone' } },
    { kind: 'field-format', ref: { source: 'field', key: 'phone' }, format: 'mobile' },
    { kind: 'tolerance-allowed', commitmentMaterial: 'commitment' },
  ],
});

const person = applicant({ bankCard: '6228480402564890018' });

const cleanFields = {
  applicantName: person.name,
  idNo: APPLICANT_ID_NUMBER,
  sex: 'M',
  birthDate: person.birthDate,
  phone: '13812345678',
  village: person.divisionCode,
  bankCard: '6228480402564890018',
  insured: 'none',
  grade: '300',
};

/** Every check passes: 10 pages with good metrics, everything signed. */
export function realisticCleanInput(): EvaluationInput {
  let n = 0;
  const shot = () => page({ sharpness: 120 + n, mean: 130 }, ++n);
  return inputFor(realisticItem, {
    applicant: person,
    fields: cleanFields,
    materials: [
      material('id-card-front', { pages: [shot()] }),
      material('id-card-back', { pages: [shot()] }),
      material('hukou', { pages: [shot(), shot()], data: { name: '张三', idNumber: APPLICANT_ID_NUMBER } }),
      material('bank-book', { pages: [shot(), shot()] }),
      material('application', { pages: [shot(), shot(), shot(), shot()], signed: true }),
    ],
    today: TODAY,
  });
}

/** A typical first attempt: a blurred and a dark page, a name typo on the 户口簿, a bank book claimed under tolerance. */
export function realisticProblemInput(): EvaluationInput {
  let n = 0;
  const shot = (q = {}) => page({ sharpness: 120, mean: 130, ...q }, ++n);
  return inputFor(realisticItem, {
    applicant: person,
    fields: { ...cleanFields, phone: '1381234567', bankCard: '6222020200112233445' },
    materials: [
      material('id-card-front', { pages: [shot({ sharpness: 50 })] }),
      material('id-card-back', { pages: [shot()] }),
      material('hukou', { pages: [shot(), shot({ mean: 30 })], data: { name: '张山', idNumber: APPLICANT_ID_NUMBER } }),
      material('application', { pages: [shot(), shot(), shot(), shot(), shot(), shot()] }),
    ],
    tolerance: [{ requirementId: 'bank-book', promisedBy: '2025-06-06' }],
    today: TODAY,
  });
}
