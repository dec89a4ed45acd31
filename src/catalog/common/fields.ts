// Form fields most items share. `fromProfile` fills them from the villager's profile, so the
// agent types a name or ID number once, ever.
import type { FieldInput } from './types';

export const nameField: FieldInput = {
  key: 'name',
  label: '姓名',
  type: 'name',
  required: true,
  fromProfile: 'name',
  maxLength: 40,
};
export const sexField: FieldInput = {
  key: 'sex',
  label: '性别',
  type: 'select',
  required: true,
  fromProfile: 'sex',
  options: [
    { value: 'M', label: '男' },
    { value: 'F', label: '女' },
  ],
};
export const idNumberField: FieldInput = {
  key: 'idNumber',
  label: '公民身份号码',
  type: 'id-number',
  required: true,
  fromProfile: 'idNumber',
};
export const phoneField: FieldInput = {
  key: 'phone',
  label: '联系电话',
  type: 'phone',
  required: true,
  fromProfile: 'phone',
  hint: '手机号码，用于接收办理结果',
};
export const addressField: FieldInput = {
  key: 'address',
  label: '户籍地址',
  type: 'text',
  required: true,
  fromProfile: 'address',
  maxLength: 200,
};
export const bankCardField: FieldInput = {
  key: 'bankCard',
  label: '本人银行卡号（存折号）',
  type: 'bank-card',
  required: true,
  fromProfile: 'bankCard',
  hint: '须为申请人本人名下的账户',
};
export const bankNameField: FieldInput = {
  key: 'bankName',
  label: '开户银行',
  type: 'text',
  required: true,
  fromProfile: 'bankName',
  maxLength: 40,
};

/** Name, sex, ID number, phone, address: the applicant block on nearly every form. */
export const APPLICANT_FIELDS: readonly FieldInput[] = [nameField, sexField, idNumberField, phoneField, addressField];
/** A payment account in the applicant's own name. */
export const BANK_FIELDS: readonly FieldInput[] = [bankCardField, bankNameField];
