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

/** A date as written on papers and typed on a number pad, year first: 2015.03.12, 2015/3/12,
 *  2015年3月12日, 2015-3-12, 20150312 (full-width digits too), in `YYYY-MM-DD` form; undefined for
 *  other text. Whether that day exists is validateDate's to say (2023.02.29 → 2023-02-29). */
export function writtenDateAsIso(input: string): string | undefined {
  const s = toHalfWidth(input).trim();
  const m = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : undefined;
}
