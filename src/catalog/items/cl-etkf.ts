// 残疾儿童康复救助: the guardian applies for the child (the profile) through the town 残联; the
// county 残联 approves and the child is served by a 定点康复机构. 0–6 is the national floor;
// many provinces extend it (a local parameter, change it here).
import { addressField, idNumberField, nameField, phoneField, sexField } from '../common/fields';
import { GUARDIAN_FIELDS, GUARDIAN_RULES, guardianIdCard } from '../common/guardian';
import { entrustment, hukou, signedForm } from '../common/materials';
import { APPLICANT_RULES, ageRange, captureRules, matchesApplicant } from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const POLICY = '国发〔2018〕20号《国务院关于建立残疾儿童康复救助制度的意见》';

const materials: MaterialInput[] = [
  signedForm('application', '残疾儿童康复救助申请审批表', '由监护人签字或按手印，写明选择的定点康复机构'),
  hukou('own'),
  {
    id: 'diagnosis',
    name: '残疾人证或医疗机构诊断证明',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 3,
    standard: '有残疾人证的拍照片页和类别等级页；没有的提供县级以上医疗机构（或残联指定机构）出具的诊断证明，印章清晰',
    dataFields: [{ key: 'name', label: '证明上的儿童姓名', type: 'name', required: true }],
  },
  {
    id: 'low-income-proof',
    name: '低保、特困或低收入家庭证明（有的提供）',
    kind: 'e-licence',
    handling: 'electronic',
    requirement: 'optional',
    pagesMin: 0,
    pagesMax: 1,
    standard: '民政部门认定的身份，可由审核人员在系统中核验；有的优先救助',
  },
  guardianIdCard,
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'CL-ETKF',
  version: 2,
  name: '残疾儿童康复救助申请',
  category: '残疾人服务',
  agency: '县残疾人联合会（乡镇残联受理、初审）',
  legalLimitDays: 20,
  promisedLimitDays: 15,
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
      key: 'disabilityType',
      label: '残疾类别',
      type: 'select',
      required: true,
      options: [
        { value: 'visual', label: '视力残疾' },
        { value: 'hearing', label: '听力残疾' },
        { value: 'speech', label: '言语残疾' },
        { value: 'physical', label: '肢体残疾' },
        { value: 'intellectual', label: '智力残疾' },
        { value: 'autism', label: '孤独症' },
      ],
    },
    { key: 'institution', label: '选择的定点康复机构', type: 'text', required: true, maxLength: 100 },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    ...GUARDIAN_RULES,
    {
      ...ageRange(undefined, 6),
      source: `${POLICY}：救助对象为0—6岁残疾儿童；有条件的地方可扩大年龄范围`,
      local: true,
    },
    matchesApplicant('hukou'),
    matchesApplicant('hukou', 'idNumber'),
    matchesApplicant('diagnosis'),
    ...captureRules(materials),
  ],
  commonReturns: [
    '超过救助年龄（国家标准0—6岁，以当地规定为准）',
    '诊断证明上的儿童姓名与户口簿不一致',
    '监护人身份证与填写的监护人信息不一致',
    '诊断证明照片模糊、印章看不清',
  ],
  keywords: ['残疾儿童', '康复救助', '儿童康复', '孤独症', 'cjet', 'kfjz', 'etkf', 'gdz'],
  source: POLICY,
};
