// 特困人员救助供养: town reviews (20 wd), county 民政 confirms (20 wd).
import { APPLICANT_FIELDS, BANK_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, hukou, signedForm } from '../common/materials';
import { APPLICANT_RULES, captureRules, field, idCardNotExpired, matchesApplicant } from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const materials: MaterialInput[] = [
  signedForm('application', '特困人员救助供养申请书', '申请人本人签字或按手印；无民事行为能力的由村（居）委会代为申请'),
  ...ID_CARD,
  hukou('household'),
  {
    id: 'disability-certificate',
    name: '残疾人证（因残申请的）',
    kind: 'e-licence',
    handling: 'electronic',
    requirement: 'optional',
    pagesMin: 0,
    pagesMax: 1,
    standard: '第二代残疾人证电子证照，或提供证件号码由审核人员核验',
  },
  signedForm('economic-check-authorisation', '家庭经济状况核查授权书', '申请人签字授权核查收入和财产状况'),
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'MZ-TKGY',
  version: 2,
  name: '特困人员救助供养',
  category: '社会救助',
  agency: '乡镇人民政府（审核）、县民政局（确认）',
  legalLimitDays: 40,
  promisedLimitDays: 30,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    ...BANK_FIELDS,
    {
      key: 'personCategory',
      label: '申请人类别',
      type: 'select',
      required: true,
      options: [
        { value: 'elderly', label: '60周岁以上老年人' },
        { value: 'disabled', label: '残疾人' },
        { value: 'minor', label: '未满16周岁的未成年人' },
      ],
    },
    {
      key: 'careType',
      label: '供养方式',
      type: 'select',
      required: true,
      options: [
        { value: 'dispersed', label: '分散供养（在家）' },
        { value: 'centralised', label: '集中供养（敬老院等）' },
      ],
    },
    {
      key: 'reason',
      label: '无劳动能力、无生活来源、无法定赡养抚养扶养义务人情况说明',
      type: 'textarea',
      required: true,
      maxLength: 500,
    },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    matchesApplicant('hukou'),
    matchesApplicant('hukou', 'idNumber'),
    { kind: 'field-format', ref: field('bankCard'), format: 'bank-card' },
    ...captureRules(materials),
  ],
  commonReturns: ['有法定赡养、抚养、扶养义务人且具备履行能力', '家庭经济状况核查授权书未签字'],
  keywords: ['特困', '五保', '救助供养', 'tk', 'wb', 'tkry', 'jzgy'],
};
