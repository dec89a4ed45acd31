// 退役军人优待证: applied for through the village 退役军人服务站, checked by the town station,
// approved by the county 退役军人事务局 (the 办法 names the 户籍地 or 常住地 town station); the card is made centrally with a partner bank, so the
// promised limit is longer than a plain certificate's. Limits: typical guide.
import { APPLICANT_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, portrait, signedForm } from '../common/materials';
import { ONE_INCH_PORTRAIT } from '../common/photos';
import { APPLICANT_RULES, captureRules, field, idCardNotExpired, matchesApplicant } from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const POLICY = '《退役军人、其他优抚对象优待证管理办法（试行）》（退役军人事务部，2021年12月）';

const materials: MaterialInput[] = [
  signedForm('application', '优待证申请表', '申请人本人签字或按手印，确认个人信息和发卡银行'),
  ...ID_CARD,
  {
    id: 'discharge-certificate',
    name: '退役证件（退出现役证、退伍证、转业证等）或优抚对象证件',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 3,
    standard: '拍持证人姓名、入伍和退役时间、发证机关印章所在页，文字清晰',
    dataFields: [{ key: 'name', label: '证件上的姓名', type: 'name', required: true }],
  },
  portrait('photo', '近期免冠彩色证件照', '近6个月内正面免冠彩色证件照，白色背景，不得翻拍证件或生活照'),
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'TY-YDZ',
  version: 2,
  name: '退役军人优待证申领',
  category: '退役军人服务',
  agency: '县退役军人事务局（村、乡镇退役军人服务站代办初审）',
  legalLimitDays: 30,
  promisedLimitDays: 20,
  requiresPresence: false,
  presenceNote: '无须本人到场；优待证制成后，激活金融功能时按发卡银行要求办理',
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    {
      key: 'holderType',
      label: '申领人类别',
      type: 'select',
      required: true,
      options: [
        { value: 'veteran', label: '退役军人' },
        { value: 'martyr-family', label: '烈士遗属' },
        { value: 'duty-death-family', label: '因公牺牲军人遗属' },
        { value: 'illness-death-family', label: '病故军人遗属' },
        { value: 'other', label: '以上都不是' },
      ],
    },
    {
      key: 'profiled',
      label: '是否已在退役军人服务站建档立卡（信息采集）',
      type: 'select',
      required: true,
      options: [
        { value: 'yes', label: '已建档立卡' },
        { value: 'no', label: '尚未建档立卡' },
      ],
    },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    {
      kind: 'field-not-in',
      ref: field('holderType'),
      values: ['other'],
      message: '优待证只发给退役军人和烈士遗属、因公牺牲军人遗属、病故军人遗属，申请人不属于发放对象',
      source: `${POLICY} 发放对象`,
    },
    {
      kind: 'field-not-in',
      ref: field('profiled'),
      values: ['no'],
      message: '申领优待证前须先在退役军人服务站完成建档立卡（信息采集），请先建档再申请',
      source: '各省优待证申领公告（依据优待证管理办法）：申请前先完成退役军人建档立卡',
      local: true,
    },
    matchesApplicant('discharge-certificate'),
    ...captureRules(materials, { photo: { ...ONE_INCH_PORTRAIT, background: ['white'] } }),
  ],
  commonReturns: [
    '照片不合格（翻拍、生活照、背景不是白色）',
    '退役证件上的姓名与身份证不一致',
    '不属于优待证发放对象',
    '尚未建档立卡',
    '身份证已过期',
  ],
  keywords: ['优待证', '退役军人', '退伍军人', '军人优待', 'ydz', 'tyjr', 'twjr', 'jryd'],
  source: `《中华人民共和国退役军人保障法》；${POLICY}`,
};
