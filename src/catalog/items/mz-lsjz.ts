// 临时救助: small sums decided by the town, larger by county 民政; urgent cases are helped first.
import { APPLICANT_FIELDS, BANK_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, hukou, signedForm, toleranceCommitment } from '../common/materials';
import {
  APPLICANT_RULES,
  TOLERANCE_RULE,
  captureRules,
  field,
  idCardNotExpired,
  matchesApplicant,
} from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const materials: MaterialInput[] = [
  signedForm('application', '临时救助申请书', '申请人本人签字或按手印，写明遭遇的困难和救助需求'),
  ...ID_CARD,
  hukou('own'),
  {
    id: 'hardship-proof',
    name: '困难情况证明材料',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'tolerable',
    pagesMin: 1,
    pagesMax: 15,
    standard: '医疗费用票据、火灾或交通事故证明、村（居）委会出具的困难情况说明等',
  },
  entrustment,
  toleranceCommitment,
];

export const item: ServiceItemInput = {
  code: 'MZ-LSJZ',
  version: 2,
  name: '临时救助申请',
  category: '社会救助',
  agency: '乡镇人民政府（小额救助）、县民政局',
  legalLimitDays: 15,
  promisedLimitDays: 10,
  requiresPresence: false,
  toleranceAllowed: true,
  maxToleranceDays: 8,
  fields: [
    ...APPLICANT_FIELDS,
    ...BANK_FIELDS,
    {
      key: 'hardshipType',
      label: '困难类型',
      type: 'select',
      required: true,
      options: [
        { value: 'emergency', label: '急难型（火灾、交通事故、突发重大疾病等）' },
        { value: 'expenditure', label: '支出型（医疗、教育等必需支出突然增加）' },
      ],
    },
    {
      key: 'urgency',
      label: '是否需要先行救助',
      type: 'select',
      required: true,
      options: [
        { value: 'urgent', label: '情况紧急，先行救助后补充材料' },
        { value: 'normal', label: '按一般程序办理' },
      ],
    },
    { key: 'amountRequested', label: '申请救助金额（元）', type: 'number' },
    { key: 'reason', label: '困难情况说明', type: 'textarea', required: true, maxLength: 500 },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    matchesApplicant('hukou'),
    { kind: 'field-format', ref: field('bankCard'), format: 'bank-card' },
    TOLERANCE_RULE,
    ...captureRules(materials),
  ],
  commonReturns: ['需补充的材料未一次性告知', '困难情况证明材料不足'],
  keywords: ['临时救助', '急难救助', '救助', 'lsjz', 'jnjz', 'jz'],
};
