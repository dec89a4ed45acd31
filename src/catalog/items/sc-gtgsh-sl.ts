// 个体工商户设立登记: on the spot, or within 3 wd (市场主体登记管理条例 §19). Most returns come
// from the name (行政区划 + 字号 + 行业 + 组织形式) and non-standard 经营范围 wording.
import { APPLICANT_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, signedForm } from '../common/materials';
import { APPLICANT_RULES, captureRules, field, idCardNotExpired, onMaterial } from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const materials: MaterialInput[] = [
  signedForm('application', '个体工商户登记（备案）申请书', '经营者本人签字；委托代办的同时签署代办委托书'),
  ...ID_CARD,
  {
    id: 'premises-proof',
    name: '经营场所使用证明或住所（经营场所）承诺书',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 10,
    standard:
      '自有房屋提供不动产权证书，租用的提供租赁协议和出租方产权证明；农村自建房可由村委会出具证明或签署住所承诺书',
  },
  {
    id: 'agent-id-card',
    name: '代办员（委托代理人）身份证（人像面）',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 1,
    standard: '代办员本人有效期内的身份证',
    dataFields: [{ key: 'name', label: '代办员姓名', type: 'name', required: true }],
  },
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'SC-GTGSH-SL',
  version: 3,
  name: '个体工商户设立登记',
  category: '市场主体',
  agency: '县市场监督管理局（乡镇市场监督管理所）',
  legalLimitDays: 3,
  promisedLimitDays: 3,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    {
      key: 'businessName',
      label: '个体工商户名称',
      type: 'business-name',
      maxLength: 50,
      hint: '行政区划＋字号＋行业＋组织形式，如“某某县张三便民超市”；用规范汉字（不用繁体字），不能用“公司”“企业”，不能有字母和标点；可不起名称',
    },
    {
      key: 'businessScope',
      label: '经营范围',
      type: 'textarea',
      required: true,
      maxLength: 500,
      hint: '按《经营范围规范表述目录》选用条目，如“食品销售（仅销售预包装食品）”“日用百货销售”',
    },
    { key: 'premisesAddress', label: '经营场所', type: 'text', required: true, maxLength: 200 },
    {
      key: 'composition',
      label: '组成形式',
      type: 'select',
      required: true,
      options: [
        { value: 'individual', label: '个人经营' },
        { value: 'family', label: '家庭经营' },
      ],
    },
    { key: 'capital', label: '资金数额（万元）', type: 'number', required: true },
    { key: 'employees', label: '从业人数', type: 'number' },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    { kind: 'field-format', ref: field('businessName'), format: 'business-name' },
    // Non-standard wording is the second most common return; a warning naming the standard entry.
    { kind: 'field-format', ref: field('businessScope'), format: 'business-scope' },
    { kind: 'field-format', ref: onMaterial('agent-id-card', 'name'), format: 'person-name' },
    ...captureRules(materials),
  ],
  commonReturns: [
    '名称与已登记的字号相同或近似，或含有禁用字词',
    '名称中含有“公司”“企业”等字样',
    '名称中含有字母、拼音或标点符号',
    '经营范围表述不规范，未使用规范表述条目',
    '经营者身份信息不一致',
  ],
  keywords: ['个体户', '个体工商户', '营业执照', '开店', 'gth', 'gtgsh', 'yyzz'],
};
