// 城乡居民养老保险待遇领取资格认证 (生存认证): at least once every 12 months, or payment stops.
import { APPLICANT_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, portrait } from '../common/materials';
import { FACE_PHOTO } from '../common/photos';
import { APPLICANT_RULES, ageRange, captureRules, idCardNotExpired } from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const materials: MaterialInput[] = [
  ...ID_CARD,
  portrait('face-photo', '本人现场人像照片', '本人正面免冠、光线均匀、五官清楚，不得翻拍照片或证件照'),
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'SB-JMYL-RZ',
  version: 2,
  name: '城乡居民养老保险待遇领取资格认证',
  category: '社会保障',
  agency: '县社会保险事业管理中心',
  legalLimitDays: 0,
  promisedLimitDays: 0,
  requiresPresence: true,
  presenceNote: '须本人在场完成人脸识别；高龄、卧床老人识别不通过的，可由亲属协助、代办员上门或到窗口认证',
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    {
      key: 'method',
      label: '认证方式',
      type: 'select',
      required: true,
      options: [
        { value: 'self', label: '本人手机自助认证' },
        { value: 'relative', label: '亲属协助认证' },
        { value: 'village-assistant', label: '村代办员协助认证' },
        { value: 'home-visit', label: '上门认证' },
        { value: 'window', label: '窗口认证' },
      ],
    },
    {
      key: 'lastCertifiedOn',
      label: '上次认证日期',
      type: 'date',
      hint: '每12个月至少认证一次，逾期暂停发放，认证后补发',
    },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    ageRange(60, undefined, {
      source:
        '《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）第六条：年满60周岁可按月领取养老保险待遇',
    }),
    ...captureRules(materials, { 'face-photo': FACE_PHOTO }),
  ],
  commonReturns: ['高龄老人人脸识别比对不通过', '超过12个月未认证，待遇已暂停发放'],
  keywords: ['生存认证', '资格认证', '养老金认证', '刷脸', 'scrz', 'zgrz', 'yljrz'],
};
