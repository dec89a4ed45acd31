// 农村部分计划生育家庭奖励扶助: declared once (usually in the annual declaration period) at the
// village, publicly noticed, reviewed by the town and approved by the county 卫生健康局; paid yearly.
// Conditions are national (国办发〔2004〕21号); the amount is set by the province. Limits: typical guide.
import { APPLICANT_FIELDS, BANK_FIELDS } from '../common/fields';
import { ID_CARD, bankCardPhoto, entrustment, hukou, signedForm } from '../common/materials';
import {
  APPLICANT_RULES,
  ageRange,
  captureRules,
  field,
  idCardNotExpired,
  matchesApplicant,
  onMaterial,
  person,
  sameValue,
} from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const POLICY = '国办发〔2004〕21号《农村部分计划生育家庭奖励扶助制度试点方案》奖励扶助对象确认条件';

const materials: MaterialInput[] = [
  signedForm('declaration', '农村部分计划生育家庭奖励扶助对象申报表', '申请人本人签字或按手印，如实填写生育情况'),
  ...ID_CARD,
  hukou('household'),
  {
    id: 'marriage-certificate',
    name: '结婚证（离婚、丧偶的提供相应证明）',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 3,
    standard: '拍持证人、登记日期和配偶信息所在页，钢印和文字清晰',
  },
  {
    id: 'one-child-certificate',
    name: '独生子女父母光荣证（有的提供）',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'optional',
    pagesMin: 1,
    pagesMax: 2,
    standard: '拍姓名和发证机关印章所在页',
  },
  bankCardPhoto('本人惠民惠农财政补贴“一卡通”或银行存折'),
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'WJ-JLFZ',
  version: 2,
  name: '农村部分计划生育家庭奖励扶助',
  category: '卫生健康',
  agency: '县卫生健康局（村级申报公示、乡镇初审）',
  legalLimitDays: 30,
  promisedLimitDays: 20,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    ...BANK_FIELDS,
    {
      key: 'residenceType',
      label: '本人及配偶户口性质',
      type: 'select',
      required: true,
      options: [
        { value: 'rural', label: '农业户口（或界定为农村居民户口）' },
        { value: 'non-rural', label: '非农业户口（城镇居民、职工）' },
      ],
    },
    {
      key: 'children',
      label: '现存子女情况',
      type: 'select',
      required: true,
      options: [
        { value: 'one-child', label: '现存一个子女' },
        { value: 'two-daughters', label: '现存两个女孩' },
        { value: 'no-child', label: '子女死亡，现无子女' },
        { value: 'other', label: '其他（两个以上子女，或两个子女中有男孩）' },
      ],
    },
    {
      key: 'policyCompliance',
      label: '1973年至2001年间生育情况',
      type: 'select',
      required: true,
      options: [
        { value: 'compliant', label: '没有违反计划生育法律法规和政策规定生育' },
        { value: 'violated', label: '有违反规定生育' },
      ],
    },
    { key: 'spouseName', label: '配偶姓名', type: 'name', required: false, maxLength: 40 },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    { ...ageRange(60), source: `${POLICY}：年满60周岁` },
    {
      kind: 'field-not-in',
      ref: field('residenceType'),
      values: ['non-rural'],
      message: '本人及配偶须为农业户口或界定为农村居民户口，非农业户口不能申报农村部分计划生育家庭奖励扶助',
      source: POLICY,
    },
    {
      kind: 'field-not-in',
      ref: field('children'),
      values: ['other'],
      message: '须现存一个子女或两个女孩，或子女死亡现无子女；子女情况不符合奖励扶助条件',
      source: POLICY,
    },
    {
      kind: 'field-not-in',
      ref: field('policyCompliance'),
      values: ['violated'],
      message: '1973年至2001年间有违反计划生育规定生育的，不能享受奖励扶助',
      source: POLICY,
    },
    { kind: 'field-format', ref: field('spouseName'), format: 'person-name' },
    matchesApplicant('hukou'),
    matchesApplicant('hukou', 'idNumber'),
    sameValue(
      onMaterial('bank-card', 'holderName'),
      person('name'),
      '“一卡通”或存折不是申请人本人名下，奖励扶助金只能发放到本人账户',
    ),
    { kind: 'field-format', ref: onMaterial('bank-card', 'cardNumber'), format: 'bank-card' },
    sameValue(onMaterial('bank-card', 'cardNumber'), field('bankCard'), '填写的账号与“一卡通”或存折上的账号不一致'),
    ...captureRules(materials),
  ],
  commonReturns: [
    '年龄不符（未满60周岁）',
    '非农业户口',
    '子女情况不符合条件',
    '有违反规定生育',
    '户口簿漏页，家庭成员不全',
    '收款账户不是本人名下',
  ],
  keywords: ['奖励扶助', '计生奖扶', '独生子女', '计划生育', '奖扶', 'jlfz', 'jsjf', 'dszn', 'jhsy', 'jf'],
  source: `${POLICY}（国务院办公厅转发人口计生委、财政部意见）；扶助金标准由省级规定`,
};
