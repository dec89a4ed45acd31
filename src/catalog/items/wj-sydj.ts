// 生育登记: the town or an entrusted village; online 3 wd, same day at the window.
import { APPLICANT_FIELDS } from '../common/fields';
import { ID_CARD, entrustment } from '../common/materials';
import {
  APPLICANT_RULES,
  captureRules,
  field,
  idCardNotExpired,
  matchesApplicant,
  onMaterial,
  sameValue,
} from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const materials: MaterialInput[] = [
  ...ID_CARD,
  {
    id: 'spouse-id-card',
    name: '配偶居民身份证（人像面）',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 1,
    standard: '配偶有效期内的身份证，也可用配偶的户口簿本人页代替',
    dataFields: [
      { key: 'name', label: '配偶身份证上的姓名', type: 'name', required: true },
      { key: 'idNumber', label: '配偶身份证上的公民身份号码', type: 'id-number', required: true },
    ],
  },
  {
    id: 'marriage-certificate',
    name: '结婚证',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 2,
    standard: '拍持证人页和登记信息页，双方姓名、登记日期清晰',
    dataFields: [
      { key: 'holderName', label: '结婚证持证人姓名', type: 'name', required: true },
      { key: 'spouseName', label: '结婚证上配偶姓名', type: 'name', required: true },
    ],
  },
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'WJ-SYDJ',
  version: 2,
  name: '生育登记',
  category: '卫生健康',
  agency: '乡镇人民政府（卫生健康办）或受委托的村（居）委会',
  legalLimitDays: 3,
  promisedLimitDays: 3,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    { key: 'spouseName', label: '配偶姓名', type: 'name', required: true },
    { key: 'spouseIdNumber', label: '配偶公民身份号码', type: 'id-number', required: true },
    { key: 'marriageDate', label: '结婚登记日期', type: 'date', required: true },
    {
      key: 'childOrder',
      label: '本次登记为第几个孩子',
      type: 'select',
      required: true,
      options: [
        { value: '1', label: '一孩' },
        { value: '2', label: '二孩' },
        { value: '3', label: '三孩及以上' },
      ],
    },
    { key: 'expectedDate', label: '预产期', type: 'date' },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    { kind: 'field-format', ref: field('spouseName'), format: 'person-name' },
    { kind: 'field-format', ref: field('spouseIdNumber'), format: 'id-number' },
    sameValue(onMaterial('spouse-id-card', 'name'), field('spouseName'), '配偶身份证上的姓名与填写的配偶姓名不一致'),
    sameValue(
      onMaterial('spouse-id-card', 'idNumber'),
      field('spouseIdNumber'),
      '配偶身份证上的号码与填写的配偶身份号码不一致',
    ),
    matchesApplicant('marriage-certificate', 'name', 'holderName'),
    sameValue(
      onMaterial('marriage-certificate', 'spouseName'),
      field('spouseName'),
      '结婚证上的配偶姓名与填写的不一致',
    ),
    ...captureRules(materials),
  ],
  commonReturns: ['登记信息与全员人口信息库不一致'],
  keywords: ['生育登记', '生育服务证', '准生证', '生娃', 'sydj', 'syfwz', 'zsz'],
};
