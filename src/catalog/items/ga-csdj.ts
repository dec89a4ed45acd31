// 出生登记 (新生儿落户) at the 派出所: on the spot (typical); parents should report within a month.
// The applicant profile is the reporting parent; the child's data is typed on the form.
// 户口登记条例 §7: 婴儿出生后一个月以内申报. Late registration is still taken (no refusal for lateness;
// the 派出所 asks for an explanation), so being late is a warning that says what to bring.
import { APPLICANT_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, hukou } from '../common/materials';
import {
  APPLICANT_RULES,
  captureRules,
  field,
  idCardNotExpired,
  matchesApplicant,
  onMaterial,
  sameValue,
} from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const materials: MaterialInput[] = [
  {
    id: 'birth-certificate',
    name: '出生医学证明',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 1,
    standard: '助产机构签发的《出生医学证明》正页，编号、新生儿姓名和父母信息清晰',
    dataFields: [
      { key: 'childName', label: '证明上的新生儿姓名', type: 'name', required: true },
      { key: 'motherName', label: '证明上的母亲姓名', type: 'name', required: true },
      { key: 'fatherName', label: '证明上的父亲姓名', type: 'name', required: true },
    ],
  },
  ...ID_CARD,
  hukou('own'),
  {
    id: 'marriage-certificate',
    name: '父母结婚证',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 2,
    standard: '拍持证人页和登记信息页；非婚生育的按当地规定提供说明',
  },
  {
    // Only for a birth reported after the month of 户口登记条例 §7 (the date-window rule says so).
    id: 'late-statement',
    name: '逾期申报出生登记情况说明',
    kind: 'document-photo',
    handling: 'original-kept',
    requirement: 'optional',
    pagesMin: 1,
    pagesMax: 2,
    standard: '出生超过一个月才申报的，由申报人手写逾期原因并签字；一个月内申报的不需要',
  },
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'GA-CSDJ',
  version: 3,
  name: '出生登记（新生儿落户）',
  category: '户籍证件',
  agency: '县公安局（户籍所在地派出所）',
  legalLimitDays: 0,
  promisedLimitDays: 0,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    { key: 'childName', label: '新生儿姓名', type: 'name', required: true },
    {
      key: 'childSex',
      label: '新生儿性别',
      type: 'select',
      required: true,
      options: [
        { value: 'M', label: '男' },
        { value: 'F', label: '女' },
      ],
    },
    { key: 'childBirthDate', label: '新生儿出生日期', type: 'date', required: true, hint: '出生后一个月内申报' },
    { key: 'birthPlace', label: '出生地', type: 'text', required: true, maxLength: 100 },
    { key: 'motherName', label: '母亲姓名', type: 'name', required: true },
    { key: 'motherIdNumber', label: '母亲公民身份号码', type: 'id-number', required: true },
    { key: 'fatherName', label: '父亲姓名', type: 'name', required: true },
    { key: 'fatherIdNumber', label: '父亲公民身份号码', type: 'id-number', required: true },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    matchesApplicant('hukou'),
    { kind: 'field-format', ref: field('childName'), format: 'person-name' },
    { kind: 'field-format', ref: field('motherIdNumber'), format: 'id-number' },
    { kind: 'field-format', ref: field('fatherIdNumber'), format: 'id-number' },
    { kind: 'field-format', ref: field('childBirthDate'), format: 'date' },
    {
      kind: 'date-window',
      ref: field('childBirthDate'),
      within: { amount: 1, unit: 'months' },
      source:
        '《中华人民共和国户口登记条例》第七条：婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居向婴儿常住地户口登记机关申报出生登记',
      lateAdvice:
        '超过一个月仍可申报出生登记，但须由申报人写明逾期申报的原因并签字，拍照上传到“逾期申报出生登记情况说明”，派出所可能另行核查',
    },
    sameValue(
      onMaterial('birth-certificate', 'childName'),
      field('childName'),
      '出生医学证明上的新生儿姓名与申报的不一致',
    ),
    sameValue(
      onMaterial('birth-certificate', 'motherName'),
      field('motherName'),
      '出生医学证明上的母亲姓名与申报的不一致',
    ),
    sameValue(
      onMaterial('birth-certificate', 'fatherName'),
      field('fatherName'),
      '出生医学证明上的父亲姓名与申报的不一致',
    ),
    ...captureRules(materials),
  ],
  commonReturns: ['出生医学证明上的姓名或父母信息与申报不一致', '超过出生后一个月申报'],
  keywords: ['出生登记', '新生儿落户', '上户口', '报户口', 'csdj', 'xselh', 'shk', 'bhk'],
};
