// 耕地地力保护补贴: the contracting household declares its area at the village each year; the
// village publishes it, the town checks, the county pays into the 惠农“一卡通”. The per-mu amount
// is county data, not a rule. Limits: typical guide (the annual round has its own calendar).
import { APPLICANT_FIELDS, BANK_FIELDS } from '../common/fields';
import { ID_CARD, bankCardPhoto, entrustment, hukou, signedForm } from '../common/materials';
import {
  APPLICANT_RULES,
  captureRules,
  field,
  idCardNotExpired,
  matchesApplicant,
  onMaterial,
  person,
  sameValue,
} from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const POLICY = '财农〔2016〕26号《关于全面推开农业“三项补贴”改革工作的通知》';

const materials: MaterialInput[] = [
  signedForm(
    'declaration',
    '耕地地力保护补贴面积申报表（承诺书）',
    '承包户代表签字或按手印，承诺申报面积属实、耕地未改变用途、未撂荒',
  ),
  ...ID_CARD,
  hukou('own'),
  {
    id: 'land-contract',
    name: '农村土地承包经营权证或承包合同',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 6,
    standard: '拍承包方代表、承包地块和面积所在页，文字和印章清晰',
    dataFields: [
      { key: 'contractorName', label: '证上的承包方代表姓名', type: 'name', required: true },
      { key: 'contractArea', label: '证上的承包地总面积（亩）', type: 'number', required: true },
    ],
  },
  bankCardPhoto('本人惠民惠农财政补贴“一卡通”或银行存折'),
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'NY-GDLB',
  version: 2,
  name: '耕地地力保护补贴申报',
  category: '农业农村',
  agency: '县农业农村局、县财政局（村级申报公示、乡镇审核）',
  legalLimitDays: 30,
  promisedLimitDays: 20,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    ...BANK_FIELDS,
    { key: 'declaredArea', label: '申报补贴面积（亩）', type: 'number', required: true },
    {
      key: 'landUse',
      label: '申报地块的使用情况',
      type: 'select',
      required: true,
      options: [
        { value: 'farmed', label: '正常耕种（含流转给他人种植）' },
        { value: 'abandoned', label: '长年抛荒' },
        { value: 'converted', label: '已改变用途（养殖场、林地、设施农业、非农征占用等）' },
      ],
    },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    {
      kind: 'field-not-in',
      ref: field('landUse'),
      values: ['abandoned', 'converted'],
      message:
        '已改变用途的耕地（畜牧养殖场、林地、设施农业用地、非农征占用）和长年抛荒地不再给予耕地地力保护补贴，请从申报面积中扣除',
      source: `${POLICY}：已改变用途的耕地和长年抛荒地不再给予补贴`,
    },
    matchesApplicant('hukou'),
    sameValue(
      onMaterial('land-contract', 'contractorName'),
      person('name'),
      '承包经营权证上的承包方代表不是申请人；补贴由承包方代表申报，请核对或由承包方代表委托办理',
    ),
    sameValue(
      onMaterial('bank-card', 'holderName'),
      person('name'),
      '“一卡通”或存折不是申请人本人名下，补贴只能发放到承包方代表本人账户',
    ),
    {
      kind: 'at-most',
      ref: field('declaredArea'),
      max: onMaterial('land-contract', 'contractArea'),
      message:
        '申报补贴面积超过了承包经营权证上的承包地面积；补贴按本户承包的耕地申报（流转出去的地也由承包户申报），请按证上面积扣除改变用途和抛荒的部分后填写',
    },
    { kind: 'field-format', ref: onMaterial('bank-card', 'cardNumber'), format: 'bank-card' },
    sameValue(onMaterial('bank-card', 'cardNumber'), field('bankCard'), '填写的账号与“一卡通”或存折上的账号不一致'),
    ...captureRules(materials),
  ],
  commonReturns: [
    '耕地已改变用途或长年抛荒',
    '申报面积与承包经营权证不符',
    '承包方代表与申请人不一致',
    '收款账户不是本人名下',
  ],
  keywords: ['耕地地力', '地力补贴', '种粮补贴', '农业补贴', '三项补贴', 'gddl', 'dlbh', 'dlbt', 'zlbt', 'nybt'],
  source: `${POLICY}；补贴标准（元/亩）由省、县确定`,
};
