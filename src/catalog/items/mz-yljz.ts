// 医疗救助: after basic medical insurance and 大病保险 have paid, the 救助对象 gets part of the
// remaining in-policy cost. Since 2018 the 医保局 runs it; the town takes the application.
// Limits are a typical county guide's (the national documents set none).
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

const bill = (id: string, name: string, standard: string, pagesMax: number): MaterialInput => ({
  id,
  name,
  kind: 'document-photo',
  handling: 'original-kept',
  requirement: 'required',
  pagesMin: 1,
  pagesMax,
  standard,
  dataFields: [{ key: 'patientName', label: '单据上的患者姓名', type: 'name', required: true }],
});

const materials: MaterialInput[] = [
  signedForm('application', '医疗救助申请审批表', '申请人本人签字或按手印；不能签字的由监护人或代办员代签并注明'),
  ...ID_CARD,
  hukou('own'),
  bill('settlement', '基本医保、大病保险结算单', '收原件：医院或医保经办机构出具的结算单，盖章清晰、金额可读', 10),
  bill('invoices', '医疗费用票据', '收原件：住院或门诊发票，每张拍全，金额、日期、印章清晰', 20),
  bill('itemised-bill', '费用明细清单', '医院打印并盖章的费用明细，逐页拍全，不得漏页', 30),
  bill('discharge-record', '出院记录或疾病诊断证明', '医院盖章的出院小结或诊断证明', 4),
  bankCardPhoto('本人银行卡或存折（社会保障卡金融账户）'),
  entrustment,
];

export const item: ServiceItemInput = {
  code: 'MZ-YLJZ',
  version: 2,
  name: '医疗救助申请',
  category: '社会救助',
  agency: '县医疗保障局（乡镇人民政府受理、初审）',
  legalLimitDays: 30,
  promisedLimitDays: 20,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [
    ...APPLICANT_FIELDS,
    ...BANK_FIELDS,
    {
      key: 'assistanceCategory',
      label: '救助对象类别',
      type: 'select',
      required: true,
      options: [
        { value: 'tekun', label: '特困人员' },
        { value: 'dibao', label: '低保对象' },
        { value: 'dibao-edge', label: '低保边缘家庭成员' },
        { value: 'monitored', label: '防止返贫监测对象' },
        { value: 'catastrophic', label: '因病致贫重病患者（经认定）' },
        { value: 'none', label: '以上都不是' },
      ],
    },
    { key: 'hospital', label: '就诊医院', type: 'text', required: true, maxLength: 100 },
    { key: 'admissionDate', label: '入院（就诊）日期', type: 'date', required: true },
    { key: 'dischargeDate', label: '出院日期', type: 'date', required: false },
    { key: 'selfPaid', label: '医保结算后个人负担金额（元）', type: 'number', required: true },
  ],
  materials,
  rules: [
    ...APPLICANT_RULES,
    idCardNotExpired,
    {
      kind: 'field-not-in',
      ref: field('assistanceCategory'),
      values: ['none'],
      message:
        '不属于医疗救助对象（特困、低保、低保边缘、防止返贫监测对象或经认定的因病致贫重病患者），不能申请医疗救助',
      source: '国办发〔2021〕42号“科学确定医疗救助对象范围”',
    },
    matchesApplicant('hukou'),
    sameValue(onMaterial('settlement', 'patientName'), person('name'), '结算单上的患者不是申请人本人，请核对'),
    sameValue(onMaterial('invoices', 'patientName'), person('name'), '医疗费用票据上的患者不是申请人本人，请核对'),
    sameValue(onMaterial('itemised-bill', 'patientName'), person('name'), '费用明细清单上的患者不是申请人本人'),
    sameValue(onMaterial('discharge-record', 'patientName'), person('name'), '出院记录上的患者不是申请人本人'),
    sameValue(
      onMaterial('bank-card', 'holderName'),
      person('name'),
      '银行卡或存折不是申请人本人名下，救助金只能发放到本人账户',
    ),
    { kind: 'field-format', ref: onMaterial('bank-card', 'cardNumber'), format: 'bank-card' },
    sameValue(onMaterial('bank-card', 'cardNumber'), field('bankCard'), '填写的账号与银行卡或存折上的账号不一致'),
    ...captureRules(materials),
  ],
  commonReturns: [
    '不属于医疗救助对象',
    '缺少费用明细清单或结算单',
    '票据上的患者与申请人不一致',
    '收款账户不是本人名下',
    '票据照片模糊、金额看不清',
  ],
  keywords: ['医疗救助', '大病救助', '看病救助', '二次救助', 'yljz', 'dbjz', 'kbjz'],
  source:
    '《社会救助暂行办法》（国务院令第649号）第五章“医疗救助”；《国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见》（国办发〔2021〕42号）',
};
