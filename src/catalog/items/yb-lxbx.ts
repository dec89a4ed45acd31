// 医保零星报销 (手工报销 of costs not settled directly, e.g. treatment away from home): 20–30 wd.
// The claim deadline is local (most places: within 12 months of discharge, or of the visit for
// outpatient care); it is data with its source, and a late claim is a warning, not a refusal here.
import { APPLICANT_FIELDS, BANK_FIELDS } from '../common/fields';
import { ID_CARD, entrustment, toleranceCommitment } from '../common/materials';
import {
  APPLICANT_RULES,
  TOLERANCE_RULE,
  captureRules,
  field,
  idCardNotExpired,
  onMaterial,
  person,
  sameValue,
} from '../common/rules';
import type { MaterialInput, ServiceItemInput } from '../common/types';

const materials: MaterialInput[] = [
  ...ID_CARD,
  {
    id: 'social-security-card',
    name: '社会保障卡（电子社保卡）',
    kind: 'e-licence',
    handling: 'electronic',
    requirement: 'optional',
    pagesMin: 0,
    pagesMax: 1,
    standard: '电子社保卡或社保卡号，审核人员在系统中核验参保状态',
  },
  {
    id: 'invoices',
    name: '医疗费用原始票据',
    kind: 'document-photo',
    handling: 'original-kept',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 30,
    standard: '医疗机构开具的原始收费票据，每张拍一页；电子票据可打印后拍照',
  },
  {
    id: 'itemised-bill',
    name: '费用明细清单',
    kind: 'document-photo',
    handling: 'original-kept',
    requirement: 'required',
    pagesMin: 1,
    pagesMax: 30,
    standard: '医院盖章的住院或门诊费用明细清单，页数须完整',
  },
  {
    id: 'discharge-record',
    name: '出院记录（住院的）',
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement: 'tolerable',
    pagesMin: 1,
    pagesMax: 10,
    standard: '医院盖章的出院记录或诊断证明书',
  },
  {
    id: 'bank-account',
    name: '本人银行账户',
    kind: 'data',
    handling: 'electronic',
    requirement: 'required',
    pagesMin: 0,
    pagesMax: 1,
    standard: '报销款只能支付到参保人本人名下账户',
    dataFields: [
      { key: 'holderName', label: '户名', type: 'name', required: true },
      { key: 'cardNumber', label: '账号', type: 'bank-card', required: true },
    ],
  },
  entrustment,
  toleranceCommitment,
];

export const item: ServiceItemInput = {
  code: 'YB-LXBX',
  version: 3,
  name: '医保零星报销',
  category: '医疗保障',
  agency: '县医疗保障局（医疗保障经办机构）',
  legalLimitDays: 30,
  promisedLimitDays: 20,
  requiresPresence: false,
  toleranceAllowed: true,
  maxToleranceDays: 15,
  fields: [
    ...APPLICANT_FIELDS,
    ...BANK_FIELDS,
    {
      key: 'visitType',
      label: '就医类型',
      type: 'select',
      required: true,
      options: [
        { value: 'inpatient', label: '住院' },
        { value: 'outpatient', label: '普通门诊' },
        { value: 'chronic', label: '门诊慢特病' },
      ],
    },
    { key: 'hospital', label: '就诊医院', type: 'text', required: true, maxLength: 100 },
    { key: 'admissionDate', label: '入院（就诊）日期', type: 'date', required: true },
    { key: 'dischargeDate', label: '出院日期', type: 'date' },
    { key: 'totalAmount', label: '医疗费用总额（元）', type: 'number', required: true },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    sameValue(onMaterial('bank-account', 'holderName'), person('name'), '报销款只能支付到参保人本人名下账户'),
    { kind: 'field-format', ref: onMaterial('bank-account', 'cardNumber'), format: 'bank-card' },
    { kind: 'field-format', ref: field('bankCard'), format: 'bank-card' },
    {
      kind: 'date-window',
      ref: field('dischargeDate'),
      fallback: field('admissionDate'),
      within: { amount: 12, unit: 'months' },
      local: true,
      source:
        '本县医保经办规定：自出院（门诊为就诊）之日起12个月内申请零星报销（各地期限不同，请县管理员核对并填写本县文件名称和文号）',
      lateAdvice:
        '超过本地规定的报销申请期限，医保经办机构可能不予报销；请申请人写明逾期原因，或先向县医保局确认后再提交',
    },
    TOLERANCE_RULE,
    ...captureRules(materials),
  ],
  commonReturns: ['缺少费用明细清单', '超过报销申请期限'],
  keywords: ['医保报销', '零星报销', '手工报销', '异地就医', '报销', 'ybbx', 'lxbx', 'sgbx', 'bx'],
};
