// 困难残疾人生活补贴和重度残疾人护理补贴 (两项补贴): town checks, county 残联 and 民政 approve.
import { APPLICANT_FIELDS, BANK_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, hukou, signedForm } from '../common/materials';
import { APPLICANT_RULES, captureRules, field, idCardNotExpired, matchesApplicant } from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const materials: MaterialInput[] = [
  signedForm('application', '残疾人两项补贴申请审批表', '申请人或其监护人签字'),
  ...ID_CARD,
  hukou('own'),
  {
    id: 'disability-certificate',
    name: '第二代残疾人证',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 2,
    standard: '拍证件的照片页和残疾类别、等级页，文字清晰',
    dataFields: [
      { key: 'name', label: '残疾人证上的姓名', type: 'name', required: true },
      {
        key: 'certificateNumber',
        label: '残疾人证号',
        type: 'text',
        required: true,
        maxLength: 20,
        hint: '20位：公民身份号码加残疾类别和等级',
      },
    ],
  },
  {
    id: 'low-income-proof',
    name: '低保或低保边缘家庭证明（申请生活补贴的）',
    kind: 'e-licence',
    handling: 'electronic',
    requirement: 'optional',
    pagesMin: 0,
    pagesMax: 1,
    standard: '民政部门认定的低保、特困或低保边缘家庭证明，可由审核人员在系统中核验',
  },
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'CL-CJBT',
  version: 1,
  name: '困难残疾人生活补贴和重度残疾人护理补贴',
  category: '残疾人服务',
  agency: '县残疾人联合会、县民政局（乡镇初审）',
  legalLimitDays: 20,
  promisedLimitDays: 15,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    ...BANK_FIELDS,
    {
      key: 'subsidyType',
      label: '申请补贴类型',
      type: 'select',
      required: true,
      options: [
        { value: 'living', label: '困难残疾人生活补贴' },
        { value: 'nursing', label: '重度残疾人护理补贴（一、二级）' },
        { value: 'both', label: '两项补贴都申请' },
      ],
    },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    matchesApplicant('hukou'),
    matchesApplicant('disability-certificate'),
    { kind: 'field-format', ref: field('bankCard'), format: 'bank-card' },
    ...captureRules(materials),
  ],
  commonReturns: ['残疾等级不符合护理补贴条件（须为一、二级）', '未提供低保或低保边缘家庭证明'],
  keywords: ['两项补贴', '残疾补贴', '护理补贴', '生活补贴', 'lxbt', 'cjbt', 'hlbt', 'shbt'],
};
