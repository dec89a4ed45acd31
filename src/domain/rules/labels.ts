// Chinese names of profile fields, as the agent sees them in messages.
import type { PersonFieldKey } from '../schemas/catalog';

export const PERSON_FIELD_LABELS: Record<PersonFieldKey, string> = {
  name: '姓名',
  sex: '性别',
  idNumber: '身份证号',
  birthDate: '出生日期',
  ethnicity: '民族',
  phone: '手机号',
  address: '住址',
  divisionCode: '行政区划代码',
  idCardIssuedOn: '身份证签发日期',
  idCardValidUntil: '身份证有效期',
  bankCard: '银行卡号',
  bankName: '开户银行',
};
