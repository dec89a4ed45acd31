// 《就业创业证》申领 (就业登记、失业登记): the township 人社所 takes it, often through the village;
// the county public employment service issues the card. Limits: typical guide.
import { APPLICANT_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, hukou, portrait, signedForm } from '../common/materials';
import { ONE_INCH_PORTRAIT } from '../common/photos';
import { APPLICANT_RULES, ageRange, captureRules, idCardNotExpired, matchesApplicant } from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const materials: MaterialInput[] = [
  signedForm('registration-form', '就业创业登记表', '申请人本人签字，如实填写就业、失业状况'),
  ...ID_CARD,
  hukou('own'),
  portrait('photo', '近期免冠1寸照片', '近期免冠1寸彩色证件照，背景单一，面部清晰'),
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'RS-JYCYZ',
  version: 2,
  name: '就业创业证申领',
  category: '就业创业',
  agency: '县公共就业服务机构（乡镇人力资源和社会保障所受理）',
  legalLimitDays: 5,
  promisedLimitDays: 3,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    {
      key: 'status',
      label: '登记类型',
      type: 'select',
      required: true,
      options: [
        { value: 'employed', label: '就业登记（已就业，含灵活就业）' },
        { value: 'self-employed', label: '创业（个体经营、创办企业）' },
        { value: 'unemployed', label: '失业登记（有劳动能力、有就业要求、处于无业状态）' },
        { value: 'graduate', label: '毕业年度内高校毕业生（凭学生证）' },
      ],
    },
    { key: 'education', label: '文化程度', type: 'text', required: false, maxLength: 20 },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    { ...ageRange(16), source: '《中华人民共和国劳动法》第十五条：禁止招用未满16周岁的未成年人' },
    matchesApplicant('hukou'),
    matchesApplicant('hukou', 'idNumber'),
    ...captureRules(materials, { photo: { ...ONE_INCH_PORTRAIT, background: ['any'] } }),
  ],
  commonReturns: ['未满16周岁', '照片模糊或不是证件照', '户口簿本人页与身份证不一致'],
  keywords: ['就业创业证', '失业登记', '就业登记', '失业证', '就业证', 'jycyz', 'sydj', 'jydj', 'syz', 'jyz'],
  source:
    '《就业服务与就业管理规定》（劳动和社会保障部令第28号）第五章“就业与失业登记”；《人力资源社会保障部关于进一步完善就业失业登记管理办法的通知》（人社部发〔2014〕97号）',
};
