// 城乡居民养老保险待遇领取: at 60 the insured applies (the village assistant reminds them a month
// before); the county 社保 checks contributions and starts monthly payment. Limits: typical guide.
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

const POLICY = '国发〔2014〕8号《国务院关于建立统一的城乡居民基本养老保险制度的意见》七（养老保险待遇领取条件）';

const materials: MaterialInput[] = [
  signedForm('application', '城乡居民基本养老保险待遇申领表', '申请人本人签字或按手印'),
  ...ID_CARD,
  hukou('own'),
  bankCardPhoto('本人社会保障卡（金融账户）或银行存折'),
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'SB-JMYL-DY',
  version: 2,
  name: '城乡居民养老保险待遇领取申请',
  category: '社会保障',
  agency: '县社会保险事业管理中心（乡镇、村代办）',
  legalLimitDays: 20,
  promisedLimitDays: 10,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    ...BANK_FIELDS,
    {
      key: 'contributions',
      label: '缴费情况',
      type: 'select',
      required: true,
      options: [
        { value: 'full', label: '累计缴费已满15年' },
        { value: 'transition', label: '制度实施时已年满60周岁，或距领取年龄不足15年且已按年缴费（补缴）到60周岁' },
        { value: 'short', label: '缴费年限不足且未补缴' },
      ],
    },
    {
      key: 'otherPension',
      label: '是否已领取其他基本养老保障待遇',
      type: 'select',
      required: true,
      options: [
        { value: 'none', label: '没有' },
        { value: 'employee', label: '已领取职工基本养老保险待遇' },
        { value: 'public-servant', label: '已领取机关事业单位养老保险待遇或退休金' },
      ],
    },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    { ...ageRange(60), source: `${POLICY}：年满60周岁` },
    {
      kind: 'field-not-in',
      ref: field('contributions'),
      values: ['short'],
      message: '累计缴费不足15年（制度实施时已满60周岁或按年缴费到60周岁的除外），请先补缴再申领',
      source: POLICY,
    },
    {
      kind: 'field-not-in',
      ref: field('otherPension'),
      values: ['employee', 'public-servant'],
      message: '已领取国家规定的基本养老保障待遇的，不能再领取城乡居民养老保险待遇',
      source: POLICY,
    },
    matchesApplicant('hukou'),
    matchesApplicant('hukou', 'idNumber'),
    sameValue(
      onMaterial('bank-card', 'holderName'),
      person('name'),
      '社保卡或存折不是申请人本人名下，养老金只能发放到本人账户',
    ),
    { kind: 'field-format', ref: onMaterial('bank-card', 'cardNumber'), format: 'bank-card' },
    sameValue(onMaterial('bank-card', 'cardNumber'), field('bankCard'), '填写的账号与社保卡或存折上的账号不一致'),
    ...captureRules(materials),
  ],
  commonReturns: ['未满60周岁', '累计缴费不足15年且未补缴', '已领取职工养老保险待遇', '收款账户不是本人名下'],
  keywords: ['养老金领取', '领养老金', '待遇领取', '居民养老', '养老待遇', 'yljlq', 'lylj', 'dylq', 'jmyl', 'yldy'],
  source: `${POLICY}；《城乡居民基本养老保险经办规程》（人社部发〔2019〕84号）待遇支付`,
};
