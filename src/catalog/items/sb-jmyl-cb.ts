// 城乡居民基本养老保险参保登记: the village takes it, the county social insurance answers in 3 wd.
import { APPLICANT_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, hukou, signedForm } from '../common/materials';
import { APPLICANT_RULES, ageRange, captureRules, field, idCardNotExpired, matchesApplicant } from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const materials: MaterialInput[] = [
  ...ID_CARD,
  hukou('own'),
  signedForm('registration-form', '城乡居民基本养老保险参保登记表', '申请人本人签字或按手印'),
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'SB-JMYL-CB',
  version: 1,
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
    ageRange(16, 59), // 年满16周岁、未满60周岁
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
  commonReturns: ['全日制在校学生不能参保', '已参加职工基本养老保险', '年龄不在16至60周岁之间'],
  keywords: ['养老保险', '居民养老', '养老参保', '新农保', 'ylbx', 'jmyl', 'ylcb', 'xnb'],
};
