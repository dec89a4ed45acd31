// 社会保障卡补领 (lost or damaged card): photo standard 358×441 px, white background, colour.
import { APPLICANT_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, portrait } from '../common/materials';
import { SOCIAL_SECURITY_PORTRAIT } from '../common/photos';
import { APPLICANT_RULES, captureRules, idCardNotExpired } from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const materials: MaterialInput[] = [
  ...ID_CARD,
  portrait(
    'photo',
    '社保卡证件照片',
    '358×441像素、白色背景、彩色、JPG格式的近期免冠正面照；翻拍照片、生活照、头部被裁切或黑白照片不予受理',
  ),
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'SB-SBK-BL',
  version: 2,
  name: '社会保障卡补领',
  category: '社会保障',
  agency: '县人力资源和社会保障局（社保卡服务网点、合作银行）',
  legalLimitDays: 20,
  promisedLimitDays: 10,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    {
      key: 'reason',
      label: '补领原因',
      type: 'select',
      required: true,
      options: [
        { value: 'lost', label: '遗失（须先挂失）' },
        { value: 'damaged', label: '损坏' },
      ],
    },
    { key: 'mailAddress', label: '邮寄地址（不填则到村服务点领取）', type: 'text', maxLength: 200 },
  ],
  materials,
  rules: [...APPLICANT_RULES, idCardNotExpired, ...captureRules(materials, { photo: SOCIAL_SECURITY_PORTRAIT })],
  commonReturns: ['照片为翻拍照、生活照、头部被裁切或黑白照片', '旧卡未挂失'],
  keywords: ['社保卡', '补办社保卡', '社保卡丢了', 'sbk', 'bbsbk'],
};
