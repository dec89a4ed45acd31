// 孤儿、事实无人抚养儿童基本生活费: the guardian applies for the child (the child is the profile)
// at the town; the town reviews and the county 民政 confirms. Limits: typical guide.
import { addressField, idNumberField, nameField, phoneField, sexField } from '../common/fields';
import { GUARDIAN_FIELDS, GUARDIAN_RULES, guardianIdCard } from '../common/guardian';
import { ID_CARD, entrustment, hukou, signedForm } from '../common/materials';
import { APPLICANT_RULES, ageRange, captureRules, field, matchesApplicant } from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const ORPHANS = '国办发〔2010〕54号《国务院办公厅关于加强孤儿保障工作的意见》';
const DE_FACTO = '民发〔2019〕62号《民政部等12部门关于进一步加强事实无人抚养儿童保障工作的意见》';

const materials: MaterialInput[] = [
  signedForm('application', '孤儿（事实无人抚养儿童）基本生活费申请表', '由监护人签字或按手印'),
  // A child often has no ID card yet: the 户口簿 page identifies the child.
  ...ID_CARD.map((m) => ({ ...m, requirement: 'optional' as const })),
  hukou('own'),
  {
    id: 'parents-proof',
    name: '父母情况证明',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 8,
    standard:
      '按父母实际情况提供：死亡证明或户籍注销证明、宣告死亡或宣告失踪判决书、残疾人证（一、二级）、重病诊断证明、服刑或强制隔离戒毒证明、公安机关出具的失联查找情况说明等，父母双方都要有',
  },
  guardianIdCard,
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'MZ-GR-SHF',
  version: 2,
  name: '孤儿和事实无人抚养儿童基本生活费申请',
  category: '社会救助',
  agency: '县民政局（乡镇人民政府受理、审核）',
  legalLimitDays: 30,
  promisedLimitDays: 20,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [
    { ...nameField, label: '儿童姓名' },
    sexField,
    { ...idNumberField, label: '儿童公民身份号码' },
    { ...phoneField, label: '联系电话（监护人手机）' },
    addressField,
    ...GUARDIAN_FIELDS,
    {
      key: 'childCategory',
      label: '儿童类别',
      type: 'select',
      required: true,
      options: [
        { value: 'orphan', label: '孤儿（父母均死亡或被宣告死亡、失踪）' },
        {
          value: 'de-facto',
          label: '事实无人抚养儿童（父母双方均重残、重病、服刑、强制隔离戒毒、失联等，或一方死亡失踪另一方有上述情形）',
        },
        { value: 'other', label: '以上都不是' },
      ],
    },
    {
      key: 'otherBenefit',
      label: '是否已纳入特困人员救助供养',
      type: 'select',
      required: true,
      options: [
        { value: 'no', label: '没有' },
        { value: 'tekun', label: '已纳入特困人员救助供养' },
      ],
    },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    ...GUARDIAN_RULES,
    { ...ageRange(undefined, 17), source: `${ORPHANS}；${DE_FACTO}：未满18周岁` },
    {
      kind: 'field-not-in',
      ref: field('childCategory'),
      values: ['other'],
      message: '不属于孤儿或事实无人抚养儿童，不能申请基本生活费；困难家庭儿童可申请低保或临时救助',
      source: `${ORPHANS}；${DE_FACTO} 保障对象`,
    },
    {
      kind: 'field-not-in',
      ref: field('otherBenefit'),
      values: ['tekun'],
      message: '已纳入特困人员救助供养的儿童，不重复发放基本生活费（以当地衔接规定为准）',
      source: `${DE_FACTO} 与特困人员救助供养的衔接；具体衔接办法由各地规定`,
      local: true,
    },
    matchesApplicant('hukou'),
    matchesApplicant('hukou', 'idNumber'),
    ...captureRules(materials),
  ],
  commonReturns: [
    '已满18周岁',
    '缺少父母死亡、失踪、重残、服刑等情况证明',
    '监护人身份证与填写的监护人信息不一致',
    '不属于孤儿或事实无人抚养儿童',
    '已纳入特困供养，重复申请',
  ],
  keywords: ['孤儿', '事实无人抚养', '基本生活费', '困境儿童', 'ge', 'swrfy', 'jbshf', 'kjet'],
  source: `${ORPHANS}；${DE_FACTO}`,
};
