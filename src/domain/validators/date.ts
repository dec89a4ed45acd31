// Calendar dates typed by the agent: a real `YYYY-MM-DD` date.
import { parseIsoDate } from '../dates';
import { invalid, valid, type Validation } from '../result';
import { toHalfWidth } from './normalise';

export function validateDate(input: string): Validation<string> {
  const s = toHalfWidth(input).trim();
  if (s === '') return invalid('date.empty', '请填写日期');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s))
    return invalid('date.format', `日期“${s}”格式不对，请按“年-月-日”填写，例如 2024-03-05`);
  if (!parseIsoDate(s)) return invalid('date.invalid', `日期“${s}”不存在（月份或天数有误），请对照证件重新填写`);
  return valid(s);
}
