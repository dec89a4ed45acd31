// 老年人优待证: on the spot to 5 working days (typical); 60 and over. Guides ask for 身份证或户口簿.
import { APPLICANT_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, hukou, idCardOrHukou, portrait } from '../common/materials';
import { ONE_INCH_PORTRAIT } from '../common/photos';
import { APPLICANT_RULES, ageRange, captureRules, idCardNotExpired, matchesApplicant } from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const materials: MaterialInput[] = [
  ...ID_CARD,
  hukou('own'),
  portrait('photo', '近期免冠1寸照片', '近期免冠1寸彩色照片，白色或蓝色背景，不得翻拍'),
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'MZ-LNRYDZ',
  version: 3,
  name: '老年人优待证办理',
  category: '养老服务',
  agency: '县民政局（老龄工作委员会办公室）',
  legalLimitDays: 5,
  promisedLimitDays: 5,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [...APPLICANT_FIELDS],
  materials,
  alternatives: [idCardOrHukou()],
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    ageRange(60, undefined, { source: '《中华人民共和国老年人权益保障法》第二条：老年人是指六十周岁以上的公民' }),
    matchesApplicant('hukou'),
    ...captureRules(materials, { photo: { ...ONE_INCH_PORTRAIT, background: ['white', 'blue'] } }),
  ],
  commonReturns: [],
  keywords: ['老年证', '老年人优待证', '优待证', '敬老卡', 'lnz', 'ydz', 'jlk'],
};
