// 居民身份证号码 (GB 11643-1999): 6-digit address, 8-digit birth date, 3-digit sequence (odd = male)
// and a check character over the first 17 digits.
import { parseIsoDate } from '../dates';
import { invalid, valid, warning, type Issue, type Validation } from '../result';
import { toHalfWidth } from './normalise';
import { isIdNumberProvince } from './province-codes';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';
/** Earliest birth date we accept: anything older is a typing error. */
const EARLIEST_BIRTH = '1880-01-01';

export interface IdNumberInfo {
  /** 18 characters, upper-case X. */
  idNumber: string;
  birthDate: string;
  sex: 'M' | 'F';
  provinceCode: string;
}

/** The check character for the first 17 digits (which must be digits). */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS[sum % 11] ?? '';
}

/** 15-digit numbers (issued before 1999) → 18 digits: insert the century `19`, add the check. */
export function convertLegacyIdNumber(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new RangeError(`not a 15-digit ID number: ${id15}`);
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + idCheckCharacter(first17);
}

export function validateIdNumber(input: string, today: string): Validation<IdNumberInfo> {
  if (!parseIsoDate(today)) throw new RangeError(`today is not a date: ${today}`);
  const warnings: Issue[] = [];
  let id = toHalfWidth(input).trim().toUpperCase();
  if (id === '') return invalid('id.empty', '请填写身份证号');

  if (id.length === 15) {
    if (!/^\d{15}$/.test(id)) return invalid('id.charset', '15位旧身份证号只能由数字组成，请对照证件重新填写');
    id = convertLegacyIdNumber(id);
    warnings.push(warning('id.legacy', `这是15位旧身份证号，已换算为18位：${id}，请核对后使用18位号码`));
  }
  if (id.length !== 18) {
    return invalid('id.length', `身份证号应为18位，现在是${id.length}位，请对照证件逐位核对`);
  }
  if (!/^\d{17}[\dX]$/.test(id)) {
    return invalid('id.charset', '身份证号前17位只能是数字，最后一位是数字或 X，请重新填写');
  }
  const provinceCode = id.slice(0, 2);
  if (!isIdNumberProvince(provinceCode)) {
    return invalid('id.province', `身份证号开头“${provinceCode}”不是有效的省份代码，请核对前两位`);
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!parseIsoDate(birthDate) || birthDate < EARLIEST_BIRTH) {
    return invalid('id.birthdate', `身份证号第7–14位的出生日期“${id.slice(6, 14)}”不存在，请核对`);
  }
  if (birthDate > today) {
    return invalid('id.future', `身份证号中的出生日期 ${birthDate} 晚于今天，请核对第7–14位`);
  }
  if (idCheckCharacter(id) !== id[17]) {
    return invalid('id.checksum', '身份证号校验不通过，可能有数字输错，请对照证件逐位核对');
  }
  const sex = (id.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F';
  return valid({ idNumber: id, birthDate, sex, provinceCode }, warnings);
}
