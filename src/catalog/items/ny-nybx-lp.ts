// 农业保险理赔 (种植业、养殖业): the village 协保员 helps the insured report the loss and gather
// the claim; the insurer surveys and pays into the insured's own account. The insurer's limits
// come from 保险法 §23 (30 days to assess, in calendar days; pay within 10 days of agreement), so the
// limits are in calendar days; the promise of 20 is a typical county guide's.
import { APPLICANT_FIELDS, BANK_FIELDS } from '../common/fields';
import { ID_CARD, bankCardPhoto, entrustment, signedForm } from '../common/materials';
import { APPLICANT_RULES, captureRules, field, idCardNotExpired, onMaterial, person, sameValue } from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';
import { SCENE_PHOTO } from '../common/photos';

const materials: MaterialInput[] = [
  signedForm('claim', '农业保险索赔申请书', '被保险人本人签字或按手印，写明出险时间、地点、原因和损失'),
  ...ID_CARD,
  {
    id: 'policy',
    name: '保险单或分户投保清单（本户页）',
    kind: 'document-photo',
    handling: 'electronic',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 3,
    standard: '拍保单号、被保险人姓名、保险标的和数量所在页',
    dataFields: [
      { key: 'insuredName', label: '保单上的被保险人姓名', type: 'name', required: true },
      { key: 'policyNumber', label: '保单号', type: 'text', required: true, maxLength: 40 },
    ],
  },
  {
    id: 'loss-photos',
    name: '受灾现场照片',
    kind: 'document-photo',
    handling: 'electronic',
    requirement: 'required',
    pagesMin: 2,
    pagesMax: 10,
    standard: '全景和近景各至少一张：能看出地块（或圈舍）位置和受损程度，死亡畜禽须能看清耳标',
  },
  bankCardPhoto('被保险人本人惠民惠农财政补贴“一卡通”或银行卡'),
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'NY-NYBX-LP',
  version: 2,
  name: '农业保险理赔申请',
  category: '农业农村',
  agency: '承保的保险机构（村协保员、乡镇农业综合服务中心协助）',
  legalLimitDays: 30,
  promisedLimitDays: 20,
  limitUnit: 'calendar-days',
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    ...BANK_FIELDS,
    { key: 'policyNumber', label: '保单号', type: 'text', required: true, maxLength: 40 },
    {
      key: 'subject',
      label: '保险标的',
      type: 'select',
      required: true,
      options: [
        { value: 'crop', label: '种植业（水稻、小麦、玉米等）' },
        { value: 'livestock', label: '养殖业（能繁母猪、育肥猪、奶牛等）' },
        { value: 'forest', label: '森林' },
        { value: 'other', label: '其他' },
      ],
    },
    { key: 'lossDate', label: '出险日期', type: 'date', required: true },
    { key: 'reportDate', label: '向保险机构报案日期', type: 'date', required: true },
    { key: 'lossAmount', label: '受损数量（亩或头、只）', type: 'number', required: true },
    { key: 'cause', label: '出险原因', type: 'textarea', required: true, maxLength: 300 },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    sameValue(
      onMaterial('policy', 'insuredName'),
      person('name'),
      '保单上的被保险人不是申请人；理赔须由被保险人本人（或其委托的代办员）申请',
    ),
    sameValue(onMaterial('policy', 'policyNumber'), field('policyNumber'), '填写的保单号与保单上的不一致'),
    sameValue(
      onMaterial('bank-card', 'holderName'),
      person('name'),
      '收款账户不是被保险人本人名下，赔款只能支付到被保险人本人账户',
    ),
    { kind: 'field-format', ref: onMaterial('bank-card', 'cardNumber'), format: 'bank-card' },
    sameValue(onMaterial('bank-card', 'cardNumber'), field('bankCard'), '填写的账号与银行卡或“一卡通”上的账号不一致'),
    {
      kind: 'date-window',
      ref: field('lossDate'),
      until: field('reportDate'),
      within: { amount: 3, unit: 'days' },
      local: true,
      source:
        '保险合同约定：出险后及时报案（《保险法》第二十一条），多数地方农险条款为 72 小时（3 日）内，请县管理员按本县承保条款核对',
      lateAdvice: '报案已超过合同约定的时限，保险机构可能不予赔付；请写明未及时报案的原因，并先向承保机构确认',
    },
    ...captureRules(materials, { 'loss-photos': SCENE_PHOTO }),
  ],
  commonReturns: [
    '保单上的被保险人与申请人不一致',
    '受灾现场照片不足或模糊，看不出受损程度',
    '收款账户不是被保险人本人名下',
    '报案超过保险合同约定的时限',
  ],
  keywords: ['农业保险', '理赔', '农险', '受灾理赔', '保险赔款', 'nybx', 'lp', 'nx', 'szlp', 'bxpk'],
  source:
    '《农业保险条例》（国务院令第629号）第二章“农业保险合同”；《中华人民共和国保险法》第二十一条至第二十五条（报案、核定和赔付时限）',
};
