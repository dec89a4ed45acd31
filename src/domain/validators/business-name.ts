// 个体工商户 names: 行政区划 + 字号 + 行业 + 组织形式, Han characters only. These are the rules
// behind the most common returns of 个体工商户设立登记 (see domain note).
import { invalid, valid, warning, type Issue, type Validation } from '../result';
import { codePointLength, toHalfWidth } from './normalise';

/** Words that belong to other organisation forms: a sole trader is not a company. */
export const BUSINESS_NAME_ORG_WORDS = ['企业', '公司', '农民专业合作社'] as const;
/** Words reserved for names approved at national level. */
export const BUSINESS_NAME_RESERVED_WORDS = ['中国', '中华', '全国', '国家', '国际'] as const;
/** Organisation forms a sole-trader name may end with. */
export const BUSINESS_NAME_FORMS = [
  '中心',
  '厂',
  '店',
  '馆',
  '部',
  '行',
  '社',
  '坊',
  '堂',
  '屋',
  '站',
  '室',
  '场',
  '园',
  '庄',
  '铺',
  '所',
  '摊',
  '楼',
  '吧',
  '阁',
  '居',
  '轩',
  '斋',
  '城',
  '院',
  '超市',
  '商行',
  '门市',
] as const;

const MIN_LENGTH = 2;
const MAX_LENGTH = 50;
const HAN = /^\p{Script=Han}$/u;
/** Division names are often written without their level suffix (东湖区 → 东湖). */
const DIVISION_SUFFIX = /[省市县区旗镇乡村]$/u;

export interface BusinessNameOptions {
  /** The county (optionally + town) name the business name should start with, e.g. 东湖区. */
  divisionName?: string;
}

function describeBadCharacter(ch: string): string {
  if (/[A-Za-z]/.test(ch)) return `不能使用字母或拼音“${ch}”`;
  if (/\d/.test(ch)) return `不能使用数字“${ch}”（可写成汉字数字）`;
  if (/\s/u.test(ch)) return '不能有空格';
  return `不能使用符号“${ch}”`;
}

export function validateBusinessName(input: string, options: BusinessNameOptions = {}): Validation<string> {
  const name = input.normalize('NFC').trim();
  if (name === '') return invalid('bizname.empty', '请填写个体工商户名称');

  const bad = [...name].find((ch) => !HAN.test(ch));
  if (bad !== undefined) {
    return invalid(
      'bizname.charset',
      `个体工商户名称只能使用汉字，${describeBadCharacter(toHalfWidth(bad))}，请修改名称`,
    );
  }
  const orgWord = BUSINESS_NAME_ORG_WORDS.find((w) => name.includes(w));
  if (orgWord) {
    return invalid('bizname.org_form', `个体工商户名称不能含“${orgWord}”，请改用“店”“馆”“厂”“部”等组织形式`);
  }
  const reserved = BUSINESS_NAME_RESERVED_WORDS.find((w) => name.includes(w));
  if (reserved) {
    return invalid('bizname.reserved', `个体工商户名称不能含“${reserved}”，请删除后重新起名`);
  }
  const length = codePointLength(name);
  if (length < MIN_LENGTH || length > MAX_LENGTH) {
    return invalid('bizname.length', `个体工商户名称应为${MIN_LENGTH}–${MAX_LENGTH}个字，现在是${length}个字，请修改`);
  }
  if (!BUSINESS_NAME_FORMS.some((form) => name.endsWith(form) && codePointLength(name) > codePointLength(form))) {
    return invalid('bizname.form', '个体工商户名称应以组织形式结尾，例如“店”“馆”“厂”“部”“行”“中心”“坊”“社”，请补上');
  }

  const warnings: Issue[] = [];
  const division = options.divisionName?.trim();
  if (division) {
    const short = division.replace(DIVISION_SUFFIX, '');
    const startsWithDivision = name.startsWith(division) || (codePointLength(short) >= 2 && name.startsWith(short));
    if (!startsWithDivision) {
      warnings.push(warning('bizname.division', `个体工商户名称一般以行政区划“${division}”开头，请确认是否需要加上`));
    }
  }
  return valid(name, warnings);
}
