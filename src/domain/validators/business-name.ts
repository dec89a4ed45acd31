// 个体工商户 names (个体工商户名称登记管理办法): 行政区划 + 字号 + 行业 + 组织形式 in that order (§6),
// 规范汉字 only, 行业 naming the main business (§10), an organisation form that is not a company's
// (§11). These are the rules behind the most common returns of 个体工商户设立登记 (see domain note).
import type { PlaceNames } from '../divisions';
import { invalid, valid, warning, type Issue, type Validation } from '../result';
import { BUSINESS_FORMS_NAMING_TRADE, BUSINESS_TRADE_WORDS, TRADITIONAL_TO_SIMPLIFIED } from './business-name-data';
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
/** 字号 (the trade name proper) has at least two characters. */
const MIN_TRADE_NAME = 2;
const HAN = /^\p{Script=Han}$/u;
/** Division names are often written without their level suffix (东湖区 → 东湖). */
const DIVISION_SUFFIX = /(?:自治县|自治州|自治区|特别行政区|街道|[省市县区旗镇乡村])$/u;

export interface BusinessNameOptions {
  /** The county (optionally + town) name the business name should start with, e.g. 东湖区. */
  divisionName?: string;
  /** The applicant's places: the name should start with the county (§7), optionally then the town or village. */
  place?: PlaceNames;
}

function describeBadCharacter(ch: string): string {
  if (/[A-Za-z]/.test(ch)) return `不能使用字母或拼音“${ch}”`;
  if (/\d/.test(ch)) return `不能使用数字“${ch}”（可写成汉字数字）`;
  if (/\s/u.test(ch)) return '不能有空格';
  return `不能使用符号“${ch}”`;
}

/** The forms a name may be written in: full (东湖区) and, when still two characters, short (东湖). */
function spellings(name: string | undefined): string[] {
  const full = name?.trim();
  if (!full) return [];
  const short = full.replace(DIVISION_SUFFIX, '');
  return codePointLength(short) >= 2 && short !== full ? [full, short] : [full];
}

/** Removes the longest spelling `name` starts with; undefined when it starts with none. */
function stripPrefix(name: string, place: string | undefined): string | undefined {
  const hit = spellings(place).find((s) => name.startsWith(s));
  return hit === undefined ? undefined : name.slice(hit.length);
}

/**
 * The name after its 行政区划: province / prefecture names may come first, then the county, then
 * optionally the town or village (§7). undefined when the county is known and the name lacks it.
 */
function afterDivision(name: string, place: PlaceNames): string | undefined {
  let rest = name;
  for (const upper of [place.province, place.prefecture]) rest = stripPrefix(rest, upper) ?? rest;
  const afterCounty = stripPrefix(rest, place.county);
  if (afterCounty === undefined) return undefined;
  return stripPrefix(afterCounty, place.town) ?? stripPrefix(afterCounty, place.village) ?? afterCounty;
}

function traditionalIssue(name: string): Validation<string> | undefined {
  const found = [...new Set([...name].filter((ch) => TRADITIONAL_TO_SIMPLIFIED.has(ch)))];
  if (found.length === 0) return undefined;
  const simplified = [...name].map((ch) => TRADITIONAL_TO_SIMPLIFIED.get(ch) ?? ch).join('');
  const listed = found.map((ch) => `“${ch}”`).join('');
  return invalid('bizname.traditional', `名称应使用规范汉字，${listed}是繁体字，请写作“${simplified}”`);
}

/** 行业 and 字号 between the division and the organisation form (§6, §10). */
function structureWarnings(core: string, form: string): Issue[] {
  if (BUSINESS_FORMS_NAMING_TRADE.includes(form)) return [];
  const trade = BUSINESS_TRADE_WORDS.filter((w) => core.endsWith(w)).sort(
    (a, b) => codePointLength(b) - codePointLength(a),
  )[0];
  if (trade === undefined) {
    if (BUSINESS_TRADE_WORDS.some((w) => core.includes(w))) return [];
    return [
      warning(
        'bizname.trade',
        `名称缺少行业表述，应在组织形式“${form}”前写明主营行业，如“便利”“百货”“餐饮”“理发”“农机修理”`,
      ),
    ];
  }
  const tradeName = core.slice(0, core.length - trade.length);
  if (codePointLength(tradeName) < MIN_TRADE_NAME) {
    return [warning('bizname.trade_name', `名称中的字号应由两个以上汉字组成，请在行业“${trade}”前补上字号`)];
  }
  return [];
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
  const traditional = traditionalIssue(name);
  if (traditional) return traditional;
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
  // Longest form first: 商行 before 行, 超市 before 市.
  const form = [...BUSINESS_NAME_FORMS]
    .sort((a, b) => codePointLength(b) - codePointLength(a))
    .find((f) => name.endsWith(f) && length > codePointLength(f));
  if (form === undefined) {
    return invalid('bizname.form', '个体工商户名称应以组织形式结尾，例如“店”“馆”“厂”“部”“行”“中心”“坊”“社”，请补上');
  }

  const warnings: Issue[] = [];
  const place: PlaceNames = options.place ?? (options.divisionName ? { county: options.divisionName } : {});
  let rest: string | undefined = name;
  if (place.county?.trim()) {
    rest = afterDivision(name, place);
    if (rest === undefined) {
      warnings.push(
        warning(
          'bizname.division',
          `个体工商户名称应以所在县（市、区）“${place.county.trim()}”开头（行政区划＋字号＋行业＋组织形式），请确认是否需要加上`,
        ),
      );
    }
  }
  // Without a known division the name is read whole: a missing 行业 is still a missing 行业.
  const core = (rest ?? name).slice(0, (rest ?? name).length - form.length);
  warnings.push(...structureWarnings(core, form));
  return valid(name, warnings);
}
