// 居民身份证补领 (lost or stolen card): the person must come for photo and fingerprints.
// 居民身份证法 §12: the card is issued within 60 days (calendar days, not working days) of the
// application; the promise (30 日) is counted in the same unit.
import { APPLICANT_FIELDS } from '../common/fields';
import { entrustment, hukou } from '../common/materials';
import { APPLICANT_RULES, captureRules, matchesApplicant } from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const materials: MaterialInput[] = [hukou('own'), entrustment];

export const item: ServiceItemInput = {
  code: 'GA-SFZ-BL',
  version: 3,
  name: '居民身份证补领',
  category: '户籍证件',
  agency: '县公安局（户籍所在地派出所）',
  legalLimitDays: 60,
  promisedLimitDays: 30,
  limitUnit: 'calendar-days',
  requiresPresence: true,
  presenceNote: '须本人到派出所现场拍摄人像照片并采集指纹；补领工本费40元',
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    {
      key: 'reason',
      label: '补领原因',
      type: 'select',
      required: true,
      options: [
        { value: 'lost', label: '遗失' },
        { value: 'stolen', label: '被盗' },
      ],
    },
    {
      key: 'collection',
      label: '领取方式',
      type: 'select',
      required: true,
      options: [
        { value: 'collect', label: '到派出所领取' },
        { value: 'post', label: '邮寄到家（邮费自理）' },
      ],
    },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    matchesApplicant('hukou'),
    matchesApplicant('hukou', 'idNumber'),
    ...captureRules(materials),
  ],
  commonReturns: ['户口簿信息与人口信息系统不一致'],
  keywords: ['身份证', '补办身份证', '身份证丢了', 'sfz', 'bbsfz', 'sfzbl'],
};
