// 农村宅基地和建房（规划许可）申请: village group meeting and public notice first, then the town
// with 农业农村 and 自然资源 (about 20 wd, typical). One household, one homestead (一户一宅).
import { APPLICANT_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, hukou, signedForm } from '../common/materials';
import { APPLICANT_RULES, captureRules, field, idCardNotExpired, matchesApplicant } from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const materials: MaterialInput[] = [
  signedForm('application', '农村宅基地和建房（规划许可）申请表', '户主签字，写明申请理由、拟用地面积和建房层数'),
  ...ID_CARD,
  hukou('household'),
  {
    id: 'group-meeting-record',
    name: '村民小组会议讨论记录',
    kind: 'document-photo',
    handling: 'original-kept',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 5,
    standard: '村民小组会议讨论通过的记录，参会人员签字',
  },
  {
    id: 'public-notice',
    name: '村内公示材料',
    kind: 'document-photo',
    handling: 'original-kept',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 5,
    standard: '在本集体经济组织范围内公示的照片和公示期满无异议的证明，公示不少于5个工作日',
  },
  signedForm(
    'homestead-commitment',
    '农村宅基地使用承诺书',
    '申请人签字，承诺一户一宅、建新拆旧、按批准面积和位置建房',
  ),
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'NY-ZJD-SQ',
  version: 2,
  name: '农村宅基地和建房（规划许可）申请',
  category: '农业农村',
  agency: '乡镇人民政府（农业农村办、自然资源所联审）',
  legalLimitDays: 20,
  promisedLimitDays: 20,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    { key: 'householdSize', label: '家庭人口数', type: 'number', required: true },
    {
      key: 'existingHomestead',
      label: '现有宅基地情况',
      type: 'select',
      required: true,
      options: [
        { value: 'none', label: '无宅基地（分户新建）' },
        { value: 'rebuild', label: '原址拆旧建新' },
        { value: 'relocate-return', label: '异址新建，原宅基地退还集体' },
        { value: 'keep-other', label: '已有宅基地且不退出' },
      ],
    },
    { key: 'landArea', label: '拟申请宅基地面积（平方米）', type: 'number', required: true },
    { key: 'floors', label: '拟建房屋层数', type: 'number', required: true },
    { key: 'location', label: '拟建房位置（四至）', type: 'textarea', required: true, maxLength: 300 },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    matchesApplicant('hukou'),
    {
      kind: 'field-not-in',
      ref: field('existingHomestead'),
      values: ['keep-other'],
      message: '农村村民一户只能拥有一处宅基地；已有宅基地的须承诺退还后才能申请',
    },
    ...captureRules(materials),
  ],
  commonReturns: ['不符合“一户一宅”规定', '缺少村民小组会议记录或公示材料'],
  keywords: ['宅基地', '建房', '盖房子', '农房', 'zjd', 'jf', 'gfz', 'nf'],
};
