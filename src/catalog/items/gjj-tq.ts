// 住房公积金提取: decision within 3 days (住房公积金管理条例 §25); paid to the applicant's own card.
// The reasons are §24's: leaving a job is one only together with 完全丧失劳动能力 (§24(三));
// a local rule for 离职 (e.g. 离职满半年) would be a separate option with its own source.
import { APPLICANT_FIELDS, BANK_FIELDS } from '../common/fields';
import { ID_CARD, bankCardPhoto, entrustment } from '../common/materials';
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
  ...ID_CARD,
  bankCardPhoto('本人银行卡（公积金联名卡或一类账户）'),
  {
    id: 'reason-proof',
    name: '提取原因证明',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 10,
    standard:
      '退休的提供退休证或退休审批表；完全丧失劳动能力并终止劳动关系的，提供劳动能力鉴定结论（完全丧失劳动能力）和终止劳动关系证明，两者都要；购房的提供购房合同和付款凭证；租房的提供租赁备案证明',
  },
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'GJJ-TQ',
  version: 3,
  name: '住房公积金提取',
  category: '住房',
  agency: '市住房公积金管理中心（县管理部）',
  legalLimitDays: 3,
  promisedLimitDays: 3,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    ...BANK_FIELDS,
    { key: 'fundAccount', label: '住房公积金个人账号', type: 'text', maxLength: 30 },
    {
      key: 'reason',
      label: '提取原因',
      type: 'select',
      required: true,
      options: [
        { value: 'retire', label: '离休、退休' },
        // §24(三): both conditions; leaving a job alone is not a reason (version 1 offered it).
        { value: 'disabled-left', label: '完全丧失劳动能力，并与单位终止劳动关系' },
        { value: 'buy', label: '购买自住住房' },
        { value: 'rent', label: '租赁自住住房' },
        { value: 'repay', label: '偿还购房贷款本息' },
        { value: 'settle-abroad', label: '出境定居' },
      ],
    },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    matchesApplicant('bank-card', 'name', 'holderName'),
    { kind: 'field-format', ref: onMaterial('bank-card', 'cardNumber'), format: 'bank-card' },
    sameValue(onMaterial('bank-card', 'cardNumber'), field('bankCard'), '填写的卡号与银行卡照片上的卡号不一致'),
    ...captureRules(materials),
  ],
  commonReturns: ['银行卡不是本人名下', '提取原因证明材料不全', '仅终止劳动关系、未完全丧失劳动能力，不符合提取条件'],
  keywords: ['公积金', '公积金提取', '取公积金', 'gjj', 'gjjtq', 'qgjj'],
};
