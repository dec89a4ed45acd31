// 困难残疾人生活补贴和重度残疾人护理补贴 (两项补贴): town checks, county 残联 and 民政 approve.
import { APPLICANT_FIELDS, BANK_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, hukou, signedForm } from '../common/materials';
import {
  APPLICANT_RULES,
  captureRules,
  field,
  idCardNotExpired,
  matchesApplicant,
  onMaterial,
  person,
} from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const certificateNumber = onMaterial('disability-certificate', 'certificateNumber');

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
        type: 'disability-card',
        required: true,
        hint: '20位：身份证号18位＋残疾类别1位＋残疾等级1位',
      },
      {
        key: 'category',
        label: '残疾类别（证上所写）',
        type: 'select',
        options: [
          { value: '1', label: '视力残疾' },
          { value: '2', label: '听力残疾' },
          { value: '3', label: '言语残疾' },
          { value: '4', label: '肢体残疾' },
          { value: '5', label: '智力残疾' },
          { value: '6', label: '精神残疾' },
          { value: '7', label: '多重残疾' },
        ],
      },
      {
        key: 'grade',
        label: '残疾等级（证上所写）',
        type: 'select',
        options: [
          { value: '1', label: '一级' },
          { value: '2', label: '二级' },
          { value: '3', label: '三级' },
          { value: '4', label: '四级' },
        ],
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
  version: 3,
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
    // The card number is the holder's ID number + category (19th) + grade (20th).
    {
      kind: 'code-part',
      ref: certificateNumber,
      part: 'disability-id-number',
      equals: person('idNumber'),
      message: '残疾人证号前18位与申请人身份证号不一致，请核对是否拿错了证件',
    },
    {
      kind: 'code-part',
      ref: certificateNumber,
      part: 'disability-category',
      equals: onMaterial('disability-certificate', 'category'),
    },
    {
      kind: 'code-part',
      ref: certificateNumber,
      part: 'disability-grade',
      equals: onMaterial('disability-certificate', 'grade'),
    },
    // 重度残疾人护理补贴 is for grades 一级 and 二级 only (国发〔2015〕52号). Some provinces add 三级智力、精神
    // 残疾: a county changes `values` in the catalogue editor.
    {
      kind: 'code-part',
      ref: certificateNumber,
      part: 'disability-grade',
      values: ['1', '2'],
      when: { ref: field('subsidyType'), values: ['nursing', 'both'] },
      message:
        '重度残疾人护理补贴只发给残疾等级为一级、二级的残疾人（残疾人证号第20位为1或2），此证不是一、二级，不能申请护理补贴；请核对证号，如无误请改为只申请困难残疾人生活补贴',
    },
    { kind: 'field-format', ref: field('bankCard'), format: 'bank-card' },
    ...captureRules(materials),
  ],
  commonReturns: ['残疾等级不符合护理补贴条件（须为一、二级）', '未提供低保或低保边缘家庭证明'],
  keywords: ['两项补贴', '残疾补贴', '护理补贴', '生活补贴', 'lxbt', 'cjbt', 'hlbt', 'shbt'],
};
