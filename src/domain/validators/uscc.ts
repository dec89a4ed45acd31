// 统一社会信用代码 (GB 32100-2015): 18 characters; the last is a check over the first 17. Characters
// 9–17 hold the organisation code (GB 11714) with its own check character. Characters 1–2 name the
// registration authority and the organisation type, from a fixed table.
import { invalid, valid, warning, type Issue, type Validation } from '../result';
import { toHalfWidth } from './normalise';

/** Values 0–30 by position; I, O, S, V, Z are never used. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const OUTER_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const INNER_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * GB 32100-2015 附录: the 登记管理部门 (1st character) and the 机构类别 each may register (2nd).
 * A (军队) and N (农业: 农村集体经济组织) were added after 2015; Y (其他) has the single type 1.
 */
export const USCC_AUTHORITIES: Readonly<Record<string, { name: string; types: Readonly<Record<string, string>> }>> = {
  '1': {
    name: '机构编制',
    types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    types: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' },
  },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商（市场监管）', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业农村',
    types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' },
  },
  Y: { name: '其他', types: { '1': '其他' } },
};

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
  const authorityCode = code[0] ?? '',
    typeCode = code[1] ?? '';
  const authority = USCC_AUTHORITIES[authorityCode];
  if (!authority) {
    return invalid(
      'uscc.authority',
      `统一社会信用代码第1位“${authorityCode}”不是登记管理部门代码（应为1–9、A、N或Y），请对照营业执照或登记证书核对`,
    );
  }
  if (!(typeCode in authority.types)) {
    const allowed = Object.keys(authority.types).join('、');
    return invalid(
      'uscc.org_type',
      `统一社会信用代码第2位“${typeCode}”不是${authority.name}部门登记的机构类别（第1位为${authorityCode}时，第2位应为${allowed}），请对照营业执照或登记证书核对`,
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
