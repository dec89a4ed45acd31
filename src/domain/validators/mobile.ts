// Mainland mobile numbers: 11 digits starting 13–19, as people write them: with +86, 0086, (+86) or
// （+86） in front, spaces or hyphens between groups. The valid value is the plain 11 digits.
import { invalid, valid, type Validation } from '../result';
import { compactNumber } from './normalise';

/** The country code in front, after width and spacing are normalised: +86, 0086, (+86), (86), (0086). */
const COUNTRY_CODE = /^(?:\((?:\+86|0086|86)\)|\+86|0086)/;

export function validateMobile(input: string): Validation<string> {
  const n = compactNumber(input).replace(COUNTRY_CODE, '');
  if (n === '') return invalid('mobile.empty', '请填写手机号');
  if (!/^\d+$/.test(n)) return invalid('mobile.charset', '手机号只能包含数字，请重新填写');
  if (n.length !== 11) return invalid('mobile.length', `手机号应为11位，现在是${n.length}位，请核对`);
  if (!/^1[3-9]\d{9}$/.test(n)) return invalid('mobile.prefix', `“${n}”不是有效的手机号（应以13–19开头），请核对`);
  return valid(n);
}
