// 城乡居民养老保险注销登记 with 丧葬补助金 and 个人账户余额继承: the heir applies.
// Village takes it, town reviews, county approves; the 丧葬补助金 claim window is local (30 days to
// 3 months after death): a date-window rule with its source, a warning by default.
import { APPLICANT_FIELDS, BANK_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, hukou, signedForm, toleranceCommitment } from '../common/materials';
import {
  APPLICANT_RULES,
  TOLERANCE_RULE,
  captureRules,
  field,
  idCardNotExpired,
  matchesApplicant,
  onMaterial,
  person,
  sameValue,
} from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const materials: MaterialInput[] = [
  ...ID_CARD,
  hukou('own'),
  {
    id: 'death-proof',
    name: '死亡证明或火化证明',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 2,
    standard: '医疗机构出具的《居民死亡医学证明（推断）书》、殡葬服务机构出具的火化证明或公安机关出具的死亡证明之一',
    dataFields: [
      { key: 'name', label: '证明上的死者姓名', type: 'name', required: true },
      { key: 'idNumber', label: '证明上的死者公民身份号码', type: 'id-number', required: true },
    ],
  },
  {
    id: 'inheritance-proof',
    name: '继承关系证明',
    kind: 'document-photo',
    handling: 'original-kept',
    requirement: 'tolerable',
    pagesMin: 1,
    pagesMax: 5,
    standard: '村（居）委会出具的亲属关系证明、继承权公证书或继承人签署的继承承诺书之一',
  },
  signedForm('cancellation-form', '城乡居民基本养老保险注销登记表', '继承人签字；多名继承人的，由其他继承人书面同意'),
  {
    id: 'bank-account',
    name: '继承人本人银行账户',
    kind: 'data',
    handling: 'electronic',
    requirement: 'required',
    pagesMin: 0,
    pagesMax: 1,
    standard: '丧葬补助金和个人账户余额只能发放到继承人本人名下账户',
    dataFields: [
      { key: 'holderName', label: '户名', type: 'name', required: true },
      { key: 'cardNumber', label: '账号', type: 'bank-card', required: true },
    ],
  },
  entrustment,
  toleranceCommitment,
];

export const item: ServiceItemInput = {
  code: 'SB-JMYL-ZX',
  version: 3,
  name: '城乡居民养老保险注销登记（丧葬补助金、个人账户余额继承）',
  category: '社会保障',
  agency: '县社会保险事业管理中心（村代办、乡镇审核、县审批）',
  legalLimitDays: 20,
  promisedLimitDays: 15,
  requiresPresence: false,
  toleranceAllowed: true,
  maxToleranceDays: 10,
  fields: [
    ...APPLICANT_FIELDS,
    ...BANK_FIELDS,
    { key: 'deceasedName', label: '参保人（死者）姓名', type: 'name', required: true },
    { key: 'deceasedIdNumber', label: '参保人（死者）公民身份号码', type: 'id-number', required: true },
    {
      key: 'deathDate',
      label: '死亡日期',
      type: 'date',
      required: true,
      hint: '死亡后应尽快申报，超过当地规定期限的可能无法领取丧葬补助金',
    },
    {
      key: 'relation',
      label: '申请人与参保人关系',
      type: 'select',
      required: true,
      options: [
        { value: 'spouse', label: '配偶' },
        { value: 'child', label: '子女' },
        { value: 'parent', label: '父母' },
        { value: 'other', label: '其他继承人' },
      ],
    },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    matchesApplicant('hukou'),
    { kind: 'field-format', ref: field('deceasedIdNumber'), format: 'id-number' },
    { kind: 'field-format', ref: field('bankCard'), format: 'bank-card' },
    sameValue(onMaterial('death-proof', 'name'), field('deceasedName'), '死亡证明上的姓名与填写的参保人姓名不一致'),
    sameValue(
      onMaterial('death-proof', 'idNumber'),
      field('deceasedIdNumber'),
      '死亡证明上的身份号码与填写的参保人身份号码不一致',
    ),
    sameValue(onMaterial('bank-account', 'holderName'), person('name'), '收款账户必须是继承人本人名下的账户'),
    { kind: 'field-format', ref: onMaterial('bank-account', 'cardNumber'), format: 'bank-card' },
    {
      kind: 'date-window',
      ref: field('deathDate'),
      within: { amount: 3, unit: 'months' },
      local: true,
      source:
        '本县城乡居民养老保险经办规定：参保人死亡后3个月内申领丧葬补助金（各地为30日至3个月不等，请县管理员核对并填写本县文件名称和文号）',
      lateAdvice: '超过本地规定期限的，可能不能领取丧葬补助金，个人账户余额仍可继承；请向申请人说明，并写明逾期原因',
    },
    TOLERANCE_RULE,
    ...captureRules(materials),
  ],
  commonReturns: ['超过规定期限申领丧葬补助金', '缺少继承关系证明', '收款账户不是继承人本人名下'],
  keywords: ['注销', '丧葬补助', '丧葬费', '账户继承', '养老保险', 'zx', 'szbz', 'szf', 'zhjc'],
};
