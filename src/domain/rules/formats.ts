// Which validator checks which value: by a rule's FieldFormat, or implied by a form field's type
// (so catalogue authors never repeat "this id-number field must be an ID number").
import type { PlaceNames } from '../divisions';
import type { FieldFormat, FormField } from '../schemas/catalog';
import { invalid, valid, type Validation } from '../result';
import {
  codePointLength,
  validateBankCard,
  validateBusinessName,
  validateBusinessScope,
  validateDate,
  validateDisabilityCard,
  validateDivisionCode,
  validateIdNumber,
  validateMobile,
  validatePersonName,
  validateUscc,
} from '../validators';

/** `place`: the applicant's place names, when known (a 个体户 name starts with its county). */
export function checkFormat(
  format: FieldFormat,
  value: string,
  today: string,
  place?: PlaceNames,
): Validation<unknown> {
  switch (format) {
    case 'id-number':
      return validateIdNumber(value, today);
    case 'mobile':
      return validateMobile(value);
    case 'uscc':
      return validateUscc(value);
    case 'division-code-6':
      return validateDivisionCode(value, 6);
    case 'division-code-12':
      return validateDivisionCode(value, 12);
    case 'bank-card':
      return validateBankCard(value);
    case 'person-name':
      return validatePersonName(value);
    case 'business-name':
      return validateBusinessName(value, place ? { place } : {});
    case 'business-scope':
      return validateBusinessScope(value);
    case 'date':
      return validateDate(value);
    case 'disability-card':
      return validateDisabilityCard(value, today);
  }
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;
/** ID cards issued at 46 or older say 长期 where the end date would be. */
export const isLongTerm = (value: string) => value === 'long-term' || value === '长期';

/** The checks a form field's declaration implies for a non-empty value. */
export function checkFieldValue(
  field: FormField,
  value: string,
  today: string,
  place?: PlaceNames,
): Validation<unknown> {
  if (field.maxLength !== undefined && codePointLength(value) > field.maxLength) {
    return invalid('field.too_long', `不能超过${field.maxLength}个字，现在是${codePointLength(value)}个字，请精简`);
  }
  switch (field.type) {
    case 'text':
    case 'textarea':
      return valid(value);
    case 'number':
      return NUMBER.test(value) ? valid(value) : invalid('field.number', `应填写数字，“${value}”不是数字，请重新填写`);
    case 'select':
      return !field.options || field.options.some((o) => o.value === value)
        ? valid(value)
        : invalid('field.option', `“${value}”不在可选项中，请从列表中重新选择`);
    case 'name':
      return validatePersonName(value);
    case 'id-number':
      return validateIdNumber(value, today);
    case 'phone':
      return validateMobile(value);
    case 'date':
      return field.fromProfile === 'idCardValidUntil' && isLongTerm(value) ? valid(value) : validateDate(value);
    case 'division-code':
      return validateDivisionCode(value);
    case 'bank-card':
      return validateBankCard(value);
    case 'uscc':
      return validateUscc(value);
    case 'business-name':
      return validateBusinessName(value, place ? { place } : {});
    case 'disability-card':
      return validateDisabilityCard(value, today);
  }
}
