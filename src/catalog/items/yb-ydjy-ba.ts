// 基本医疗保险跨省异地就医备案: filed with the insured's own 医保经办机构; long-term residents
// file on a personal promise (承诺制) instead of residence proof, referrals attach the transfer
// record. Limits: typical guide (on the spot at the window, one working day online).
import { APPLICANT_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, signedForm } from '../common/materials';
import { APPLICANT_RULES, captureRules, field, idCardNotExpired, onMaterial, person, sameValue } from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const POLICY = '医保发〔2022〕22号《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》';

const materials: MaterialInput[] = [
  ...ID_CARD,
  signedForm(
    'promise',
    '跨省异地就医备案个人承诺书',
    '参保人本人签字或按手印：承诺所填异地居住、工作或就医情况属实，不实的承担相应责任',
  ),
  {
    id: 'referral',
    name: '转诊转院证明（异地转诊就医的）',
    kind: 'document-photo',
    handling: 'electronic',
    requirement: 'optional',
    pagesMin: 1,
    pagesMax: 2,
    standard: '参保地具备转诊资质的定点医疗机构开具，医院印章、转往医院和诊断清晰',
    dataFields: [{ key: 'patientName', label: '证明上的患者姓名', type: 'name', required: true }],
  },
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'YB-YDJY-BA',
  version: 2,
  name: '跨省异地就医备案',
  category: '医疗保障',
  agency: '县医疗保障局（医保经办机构）',
  legalLimitDays: 1,
  promisedLimitDays: 0,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    {
      key: 'insuranceStatus',
      label: '本地参保情况',
      type: 'select',
      required: true,
      options: [
        { value: 'resident', label: '参加本地城乡居民基本医疗保险' },
        { value: 'employee', label: '参加本地职工基本医疗保险' },
        { value: 'none', label: '未参加本地基本医疗保险（或已停保）' },
      ],
    },
    {
      key: 'filingType',
      label: '备案类型',
      type: 'select',
      required: true,
      options: [
        { value: 'long-term', label: '异地长期居住（含异地安置退休、常驻异地工作）' },
        { value: 'referral', label: '异地转诊就医' },
        { value: 'temporary', label: '其他临时外出就医' },
      ],
    },
    { key: 'destination', label: '就医地（省、市、县）', type: 'text', required: true, maxLength: 100 },
    { key: 'startDate', label: '备案开始日期', type: 'date', required: true },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    {
      kind: 'field-not-in',
      ref: field('insuranceStatus'),
      values: ['none'],
      message: '只有本地基本医疗保险参保人才能办理异地就医备案；请先参保（或恢复缴费）再备案',
      source: POLICY,
    },
    sameValue(onMaterial('referral', 'patientName'), person('name'), '转诊证明上的患者不是申请人本人，请核对'),
    ...captureRules(materials),
  ],
  commonReturns: ['未参加本地基本医疗保险或已停保', '个人承诺书未签字', '转诊证明模糊或患者不是本人', '身份证已过期'],
  keywords: ['异地就医', '异地备案', '就医备案', '外地看病', '跨省就医', 'ydjy', 'ydba', 'jyba', 'wdkb', 'ksjy'],
  source: POLICY,
};
