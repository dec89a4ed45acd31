// 统一社会信用代码 (GB 32100-2015): 18 characters; the last is a check over the first 17. Characters
// 9–17 hold the organisation code (GB 11714) with its own check character.
import { invalid, valid, warning, type Issue, type Validation } from '../result';
import { toHalfWidth } from './normalise';

/** Values 0–30 by position; I, O, S, V, Z are never used. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const OUTER_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const INNER_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** GB 32100 check character for the first 17 characters (from USCC_CHARSET). */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i] ?? '') * (OUTER_WEIGHTS[i] ?? 0);
  return USCC_CHARSET[(31 - (sum % 31)) % 31] ?? '';
}

/** GB 11714 check character for an 8-character organisation-code body (A = 10 … Z = 35). */
export function organisationCodeCheckCharacter(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(body8[i] ?? '', 36) * (INNER_WEIGHTS[i] ?? 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function validateUscc(input: string): Validation<string> {
  const code = toHalfWidth(input).replace(/\s+/g, '').toUpperCase();
  if (code === '') return invalid('uscc.empty', '请填写统一社会信用代码');
  if (code.length !== 18) {
    return invalid('uscc.length', `统一社会信用代码应为18位，现在是${code.length}位，请对照营业执照核对`);
  }
  const bad = [...code].find((ch) => !USCC_CHARSET.includes(ch));
  if (bad !== undefined) {
    return invalid(
      'uscc.charset',
      `统一社会信用代码中不会出现“${bad}”（不使用字母 I、O、S、V、Z），请对照营业执照核对`,
    );
  }
  if (usccCheckCharacter(code) !== code[17]) {
    return invalid('uscc.checksum', '统一社会信用代码校验不通过，可能有字符输错，请对照营业执照逐位核对');
  }
  const warnings: Issue[] = [];
  if (organisationCodeCheckCharacter(code.slice(8, 16)) !== code[16]) {
    warnings.push(
      warning('uscc.org_checksum', '统一社会信用代码第9–17位（组织机构代码）校验不通过，请对照营业执照再核对一遍'),
    );
  }
  return valid(code, warnings);
}
