// 残疾人证新办: the county 残联 sends the applicant to an assessment body; town 10 wd + county 20 wd.
import { APPLICANT_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, hukou, portrait, signedForm } from '../common/materials';
import { TWO_INCH_PORTRAIT } from '../common/photos';
import { APPLICANT_RULES, captureRules, idCardNotExpired, matchesApplicant } from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const materials: MaterialInput[] = [
  ...ID_CARD,
  hukou('own'),
  signedForm(
    'application',
    '《中华人民共和国残疾人证》申请表',
    '申请人签字；未成年人或智力、精神残疾人由法定监护人签字',
  ),
  portrait(
    'photo',
    '近期免冠2寸白底彩色照片',
    '近期免冠2寸白色背景彩色照片，须露出双耳，不戴帽子和深色眼镜',
    'required',
    2,
  ),
  {
    id: 'guardian-proof',
    name: '监护人身份证明和监护关系证明',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'optional',
    pagesMin: 1,
    pagesMax: 4,
    standard: '申请人为未成年人或智力、精神残疾人的，提供监护人身份证和户口簿或监护关系证明',
  },
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'CL-CJRZ-XB',
  version: 2,
  name: '残疾人证新办',
  category: '残疾人服务',
  agency: '县残疾人联合会（指定医疗机构评残）',
  legalLimitDays: 30,
  promisedLimitDays: 30,
  requiresPresence: true,
  presenceNote: '须本人到指定医疗机构接受残疾评定；照片须本人现场拍摄',
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    {
      key: 'disabilityType',
      label: '申请残疾类别',
      type: 'select',
      required: true,
      options: [
        { value: 'visual', label: '视力残疾' },
        { value: 'hearing', label: '听力残疾' },
        { value: 'speech', label: '言语残疾' },
        { value: 'physical', label: '肢体残疾' },
        { value: 'intellectual', label: '智力残疾' },
        { value: 'mental', label: '精神残疾' },
        { value: 'multiple', label: '多重残疾' },
      ],
    },
    { key: 'guardianName', label: '监护人姓名（未成年人或智力、精神残疾人填写）', type: 'name' },
    { key: 'guardianIdNumber', label: '监护人公民身份号码', type: 'id-number' },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    matchesApplicant('hukou'),
    matchesApplicant('hukou', 'idNumber'),
    { kind: 'field-format', ref: { source: 'field', key: 'guardianIdNumber' }, format: 'id-number' },
    ...captureRules(materials, { photo: { ...TWO_INCH_PORTRAIT, background: ['white'] } }),
  ],
  commonReturns: ['残疾评定未达到评残标准', '照片不合格（非白底、未露双耳或为翻拍照片）', '申请人未到场评定'],
  keywords: ['残疾人证', '残疾证', '办残疾证', '评残', 'cjrz', 'cjz', 'pc'],
};
