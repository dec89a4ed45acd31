// Personal names as written on the ID card: Han characters, with a middle dot (U+00B7) between the
// parts of an ethnic-minority name. `[\u4e00-\u9fa5]` would wrongly reject 刘䶮 and 王𬌗.
import { invalid, valid, type Validation } from '../result';
import { NAME_DOT_LOOK_ALIKES, codePointLength } from './normalise';

const MIDDLE_DOT = '\u00B7';
const NAME = /^\p{Script=Han}+(?:\u00B7\p{Script=Han}+)*$/u;
const MIN_LENGTH = 2;
/** ID cards print long transliterated names; the national standard needs at least 25. */
export const PERSON_NAME_MAX_LENGTH = 40;

export function normalisePersonName(input: string): string {
  return input.normalize('NFC').replace(NAME_DOT_LOOK_ALIKES, MIDDLE_DOT).trim();
}

export function validatePersonName(input: string): Validation<string> {
  const name = normalisePersonName(input);
  if (name === '') return invalid('name.empty', '请填写姓名');
  if (/\s/u.test(name)) return invalid('name.space', '姓名中间不能有空格，请删除空格；少数民族姓名请用“·”分隔');
  if (/[A-Za-z0-9]/.test(name))
    return invalid('name.charset', '姓名只能填写汉字，不能有字母或数字，请按身份证上的姓名填写');
  if (name.startsWith(MIDDLE_DOT) || name.endsWith(MIDDLE_DOT) || name.includes(MIDDLE_DOT + MIDDLE_DOT)) {
    return invalid('name.dot', '姓名中的“·”只能放在两个汉字之间，请按身份证上的姓名填写');
  }
  if (!NAME.test(name))
    return invalid('name.charset', '姓名只能填写汉字（少数民族姓名可用“·”分隔），请按身份证上的姓名填写');
  const length = codePointLength(name);
  if (length < MIN_LENGTH) return invalid('name.length', '姓名至少应有2个字，请按身份证上的姓名填写');
  if (length > PERSON_NAME_MAX_LENGTH) {
    return invalid('name.length', `姓名不能超过${PERSON_NAME_MAX_LENGTH}个字，请按身份证上的姓名填写`);
  }
  return valid(name);
}
