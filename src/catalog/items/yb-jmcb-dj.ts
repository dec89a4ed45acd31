// 城乡居民基本医疗保险参保登记: on the spot at the window, 1 working day when sent online.
// Identity is proved by the ID card or by the 户口簿 (newborns and children without a card, who
// also bring the 出生医学证明): an alternative, so a newborn is not asked for an ID card.
import { APPLICANT_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, hukou, idCardOrHukou, signedForm } from '../common/materials';
import { APPLICANT_RULES, captureRules, field, idCardNotExpired, matchesApplicant } from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const materials: MaterialInput[] = [
  ...ID_CARD,
  hukou('own'),
  {
    id: 'birth-certificate',
    name: '出生医学证明（新生儿）',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'optional',
    pagesMin: 1,
    pagesMax: 1,
    standard: '未办理居民身份证的新生儿随户口簿提供：助产机构签发的《出生医学证明》正页，编号和新生儿姓名清晰',
    dataFields: [{ key: 'name', label: '证明上的新生儿姓名', type: 'name', required: true }],
  },
  signedForm('registration-form', '城乡居民基本医疗保险参保登记表', '申请人本人签字；未成年人由监护人签字'),
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'YB-JMCB-DJ',
  version: 3,
  name: '城乡居民基本医疗保险参保登记',
  category: '医疗保障',
  agency: '县医疗保障局（医疗保障经办机构）',
  legalLimitDays: 1,
  promisedLimitDays: 1,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    {
      key: 'insuredCategory',
      label: '参保人员类别',
      type: 'select',
      required: true,
      options: [
        { value: 'adult', label: '普通城乡居民' },
        { value: 'minor', label: '未成年人（含在校学生）' },
        { value: 'assisted', label: '特困人员、低保对象等医疗救助对象' },
        { value: 'disabled', label: '重度残疾人' },
      ],
    },
    {
      key: 'insuranceStatus',
      label: '目前参保情况',
      type: 'select',
      required: true,
      options: [
        { value: 'none', label: '未参加任何基本医疗保险' },
        { value: 'employee', label: '已参加职工基本医疗保险' },
        { value: 'resident-elsewhere', label: '已在外地参加城乡居民医保' },
      ],
    },
  ],
  materials,
  alternatives: [idCardOrHukou('居民户口簿（新生儿另附出生医学证明）', ['birth-certificate'])],
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    matchesApplicant('hukou'),
    matchesApplicant('hukou', 'idNumber'),
    matchesApplicant('birth-certificate'),
    {
      kind: 'field-not-in',
      ref: field('insuranceStatus'),
      values: ['employee', 'resident-elsewhere'],
      message: '已参加职工医保或已在外地参保的，不能重复参加城乡居民医保；外地参保的须先办理停保',
    },
    ...captureRules(materials),
  ],
  commonReturns: ['已参加职工基本医疗保险，不能重复参保', '身份证信息与公安人口信息不一致'],
  keywords: ['医保', '居民医保', '城乡居民医保', '医保参保', '新农合', '合作医疗', 'yb', 'jmyb', 'ybcb', 'cxjmyb'],
};
