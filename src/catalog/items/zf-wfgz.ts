// 农村危房改造 (农村低收入群体等重点对象住房安全保障): the household applies at the village, the
// village discusses and publishes, the town reviews, the county 住建局 has the house graded
// (C/D = 危房) and approves. Limits cover the review, not the building. Limits: typical guide.
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
import { SCENE_PHOTO } from '../common/photos';

const POLICY =
  '建村〔2021〕35号《住房和城乡建设部 财政部 民政部 国家乡村振兴局关于做好农村低收入群体等重点对象住房安全保障工作的实施意见》';

const materials: MaterialInput[] = [
  signedForm('application', '农村危房改造申请书', '户主签字或按手印，写明家庭困难情况和房屋现状'),
  ...ID_CARD,
  hukou('household'),
  {
    id: 'house-photos',
    name: '现有住房照片',
    kind: 'document-photo',
    handling: 'electronic',
    requirement: 'required',
    pagesMin: 2,
    pagesMax: 8,
    standard: '拍房屋正面全景和主要破损部位（墙体裂缝、屋面、承重构件）各至少一张，能看清门牌或周边参照物',
  },
  {
    id: 'identity-proof',
    name: '低保、特困、低保边缘等身份证明',
    kind: 'e-licence',
    handling: 'electronic',
    requirement: 'optional',
    pagesMin: 0,
    pagesMax: 1,
    standard: '民政、乡村振兴部门认定的身份，可由审核人员在系统中核验',
  },
  signedForm(
    'commitment',
    '农房改造承诺书',
    '户主签字：承诺按批准的面积和方式改造、拆除旧房（翻建的）、竣工后接受验收',
  ),
  bankCardPhoto('户主本人惠民惠农财政补贴“一卡通”或银行存折'),
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'ZF-WFGZ',
  version: 2,
  name: '农村危房改造申请',
  category: '住房',
  agency: '县住房和城乡建设局（村评议公示、乡镇审核）',
  legalLimitDays: 30,
  promisedLimitDays: 20,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    ...BANK_FIELDS,
    {
      key: 'targetCategory',
      label: '保障对象类别',
      type: 'select',
      required: true,
      options: [
        { value: 'dibao', label: '农村低保户' },
        { value: 'tekun', label: '农村分散供养特困人员' },
        { value: 'dibao-edge', label: '低保边缘家庭' },
        { value: 'hardship', label: '因病因灾因意外事故等致基本生活严重困难家庭' },
        { value: 'monitored', label: '防止返贫监测对象' },
        { value: 'none', label: '以上都不是' },
      ],
    },
    {
      key: 'houseGrade',
      label: '房屋安全鉴定等级',
      type: 'select',
      required: true,
      options: [
        { value: 'pending', label: '尚未鉴定（受理后由县里组织鉴定）' },
        { value: 'A', label: 'A级（安全）' },
        { value: 'B', label: 'B级（基本安全）' },
        { value: 'C', label: 'C级（局部危房）' },
        { value: 'D', label: 'D级（整栋危房）' },
      ],
    },
    {
      key: 'supportedBefore',
      label: '以前是否享受过农村危房改造等住房保障补助',
      type: 'select',
      required: true,
      options: [
        { value: 'no', label: '没有享受过' },
        { value: 'yes', label: '已享受过' },
      ],
    },
    {
      key: 'method',
      label: '改造方式',
      type: 'select',
      required: true,
      options: [
        { value: 'repair', label: '修缮加固' },
        { value: 'rebuild', label: '拆除重建' },
        { value: 'other', label: '其他（租赁、统建、置换等）' },
      ],
    },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    {
      kind: 'field-not-in',
      ref: field('targetCategory'),
      values: ['none'],
      message: '不属于农村低收入群体等住房安全保障重点对象，不能申请危房改造补助',
      source: `${POLICY}：保障对象范围`,
    },
    {
      kind: 'field-not-in',
      ref: field('houseGrade'),
      values: ['A', 'B'],
      message: '房屋鉴定为A级或B级（安全、基本安全），不属于危房，不能申请危房改造',
      source: `${POLICY}；《农村危险房屋鉴定技术导则（试行）》C、D级为危房`,
    },
    {
      kind: 'field-not-in',
      ref: field('supportedBefore'),
      values: ['yes'],
      message: '已享受过农村危房改造等住房保障补助的，原则上不再重复补助；确有特殊情况的请先向乡镇核实',
      source: `${POLICY}（“未享受过农村住房保障政策支持”）；重复补助的例外由各地规定`,
      local: true,
    },
    matchesApplicant('hukou'),
    matchesApplicant('hukou', 'idNumber'),
    sameValue(
      onMaterial('bank-card', 'holderName'),
      person('name'),
      '“一卡通”或存折不是户主本人名下，补助资金只能发放到户主本人账户',
    ),
    { kind: 'field-format', ref: onMaterial('bank-card', 'cardNumber'), format: 'bank-card' },
    sameValue(onMaterial('bank-card', 'cardNumber'), field('bankCard'), '填写的账号与“一卡通”或存折上的账号不一致'),
    ...captureRules(materials, { 'house-photos': SCENE_PHOTO }),
  ],
  commonReturns: [
    '不属于住房安全保障重点对象',
    '房屋鉴定不是C级或D级危房',
    '已享受过危房改造补助',
    '户口簿漏页，家庭成员不全',
    '房屋照片不全或模糊',
  ],
  keywords: ['危房改造', '危房', '住房安全', '房屋改造', 'wfgz', 'wf', 'zfaq', 'fwgz'],
  source: `${POLICY}；补助标准由省、县确定`,
};
