// 城乡居民基本养老保险参保登记: the village takes it, the county social insurance answers in 3 wd.
// 国发〔2014〕8号 §3 sets the lower age (16) and no upper age; the cap at 60 is local practice
// (many counties enrol people over 60 only under their own 补缴 rules), so it is a warning with
// its source, and the county admin changes it in the catalogue.
import { APPLICANT_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, hukou, signedForm } from '../common/materials';
import { APPLICANT_RULES, captureRules, field, idCardNotExpired, matchesApplicant } from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const materials: MaterialInput[] = [
  ...ID_CARD,
  hukou('own'),
  signedForm('registration-form', '城乡居民基本养老保险参保登记表', '申请人本人签字或按手印'),
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'SB-JMYL-CB',
  version: 3,
  name: '城乡居民基本养老保险参保登记',
  category: '社会保障',
  agency: '县社会保险事业管理中心（乡镇、村代办）',
  legalLimitDays: 3,
  promisedLimitDays: 3,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    {
      key: 'identity',
      label: '人员身份',
      type: 'select',
      required: true,
      options: [
        { value: 'rural-resident', label: '农村居民' },
        { value: 'urban-non-employed', label: '城镇非从业居民' },
        { value: 'full-time-student', label: '全日制在校学生' },
      ],
    },
    {
      key: 'insuranceStatus',
      label: '目前参保情况',
      type: 'select',
      required: true,
      options: [
        { value: 'none', label: '未参加基本养老保险' },
        { value: 'employee', label: '已参加职工基本养老保险' },
        { value: 'public-servant', label: '已参加机关事业单位养老保险' },
      ],
    },
    {
      key: 'contributionGrade',
      label: '缴费档次（元/年）',
      type: 'select',
      required: true,
      hint: '各省档次不同，以当地公布的档次为准',
      options: ['200', '300', '500', '700', '1000', '1500', '2000', '3000', '4000', '5000'].map((v) => ({
        value: v,
        label: `${v}元`,
      })),
    },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    {
      kind: 'age-range',
      minAge: 16,
      source:
        '《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）第三条：年满16周岁（不含在校学生）',
    },
    {
      // 未满60周岁 — local; "under 60" is maxAge 59.
      kind: 'age-range',
      maxAge: 59,
      local: true,
      severity: 'warning',
      // The finding names the age, the local cap and this source.
      source:
        '本县经办规定：年满60周岁的不再办理新参保；国发〔2014〕8号没有参保年龄上限（请县管理员核对并填写本县文件名称和文号）',
    },
    {
      kind: 'field-not-in',
      ref: field('identity'),
      values: ['full-time-student'],
      message: '全日制在校学生不能参加城乡居民养老保险',
    },
    {
      kind: 'field-not-in',
      ref: field('insuranceStatus'),
      values: ['employee', 'public-servant'],
      message: '已参加职工或机关事业单位养老保险的，不能再参加城乡居民养老保险',
    },
    matchesApplicant('hukou'),
    matchesApplicant('hukou', 'idNumber'),
    ...captureRules(materials),
  ],
  commonReturns: [
    '全日制在校学生不能参保',
    '已参加职工基本养老保险',
    '未满16周岁',
    '年满60周岁（本县规定，须经办机构确认）',
  ],
  keywords: ['养老保险', '居民养老', '养老参保', '新农保', 'ylbx', 'jmyl', 'ylcb', 'xnb'],
};
