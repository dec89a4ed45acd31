// 最低生活保障 (低保): public notice ≥ 5 wd; town reviews in 15 wd, county 民政 confirms in 10 wd.
import { APPLICANT_FIELDS, BANK_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, hukou, portrait, signedForm, toleranceCommitment } from '../common/materials';
import { TWO_INCH_PORTRAIT } from '../common/photos';
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
  signedForm('application', '最低生活保障申请书', '申请人本人签字或按手印，写明家庭困难情况和申请理由（收原件）'),
  ...ID_CARD,
  // 首页 + one page per member, compared with the applicant's household.
  { ...hukou('household'), householdPages: true },
  {
    id: 'disability-certificate',
    name: '残疾人证（家庭成员有残疾的）',
    kind: 'e-licence',
    handling: 'electronic',
    requirement: 'optional',
    pagesMin: 0,
    pagesMax: 1,
    standard: '第二代残疾人证电子证照，或提供证件号码由审核人员核验',
  },
  {
    id: 'income-proof',
    name: '家庭收入和财产状况证明',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'tolerable',
    pagesMin: 1,
    pagesMax: 10,
    standard: '工资收入证明、务工收入说明、大病医疗费用票据等能说明家庭困难的材料',
  },
  signedForm('assistance-commitment', '救助申请家庭承诺书', '承诺所报收入、财产情况真实，由申请人签字'),
  {
    // Every adult of the household signs (the applicant included); one signature is a return.
    ...signedForm(
      'economic-check-authorisation',
      '家庭经济状况核查授权书',
      '全体共同生活的成年家庭成员逐一本人签字授权核查；缺签的不予受理',
    ),
    signers: 'household-adults',
  },
  portrait('photo', '申请人近期免冠2寸照片', '近期免冠2寸彩色照片2张，白色或浅色背景', 'required', 2),
  entrustment,
  toleranceCommitment,
];

export const item: ServiceItemInput = {
  code: 'MZ-DB-SQ',
  version: 3,
  name: '最低生活保障申请',
  category: '社会救助',
  agency: '乡镇人民政府（审核）、县民政局（确认）',
  legalLimitDays: 30,
  promisedLimitDays: 25,
  requiresPresence: false,
  toleranceAllowed: true,
  maxToleranceDays: 10,
  fields: [
    ...APPLICANT_FIELDS,
    ...BANK_FIELDS,
    { key: 'householdSize', label: '共同生活家庭成员人数', type: 'number', required: true },
    { key: 'monthlyIncome', label: '家庭月总收入（元）', type: 'number', required: true },
    {
      key: 'reason',
      label: '申请理由',
      type: 'textarea',
      required: true,
      maxLength: 500,
      hint: '如因病、因残、缺乏劳动力等，写明家庭困难的具体情况',
    },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    matchesApplicant('hukou'),
    matchesApplicant('hukou', 'idNumber'),
    { kind: 'field-format', ref: field('bankCard'), format: 'bank-card' },
    TOLERANCE_RULE,
    ...captureRules(materials, { photo: { ...TWO_INCH_PORTRAIT, background: ['light'] } }),
  ],
  commonReturns: ['家庭经济状况核查授权书未签字', '家庭成员未全部列入申请', '家庭人均收入高于当地低保标准'],
  keywords: ['低保', '最低生活保障', '困难救助', 'db', 'zdshbz'],
};
