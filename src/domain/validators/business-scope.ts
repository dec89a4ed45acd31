// 经营范围: each entry should use the wording of the 经营范围规范表述目录; a non-standard one is a
// common return of 个体工商户设立登记. A warning (the registry may accept other catalogue entries
// this subset lacks) that names the closest standard wording.
import { valid, warning, type Validation } from '../result';
import { BUSINESS_SCOPE_ALIASES, BUSINESS_SCOPE_STANDARD } from './business-scope-data';
import { toHalfWidth } from './normalise';

/** Entries are separated by Chinese or Western punctuation or line breaks. */
const SEPARATORS = /[；;、，,。.\n\r]+/u;
const STANDARD = new Set(BUSINESS_SCOPE_STANDARD);
/** 一般项目：… / 许可项目：… prefixes, as the licence prints them. */
const SECTION_PREFIX = /^(?:一般项目|许可项目|经营项目)[:：]?/u;

/** Character pairs of a string: the unit of the similarity below. */
function bigrams(s: string): string[] {
  const chars = [...s];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((ch, i) => `${chars[i]}${ch}`);
}

/** Dice similarity on character pairs (0–1). */
function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  const pool = [...y];
  let shared = 0;
  for (const g of x) {
    const i = pool.indexOf(g);
    if (i >= 0) {
      shared++;
      pool.splice(i, 1);
    }
  }
  return (2 * shared) / (x.length + y.length || 1);
}

/** The standard entry closest to what the agent typed (an alias first, else the most similar). */
export function closestScopeEntry(entry: string): string {
  const alias = BUSINESS_SCOPE_ALIASES.find(([word]) => entry.includes(word));
  if (alias) return alias[1];
  let best = BUSINESS_SCOPE_STANDARD[0] ?? '';
  let bestScore = -1;
  for (const s of BUSINESS_SCOPE_STANDARD) {
    const score = similarity(entry, s);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

/** The closing sentences a licence prints after the entries: not entries themselves. */
const BOILERPLATE = [
  /（?除依法须经批准的项目外，凭营业执照依法自主开展经营活动）?/gu,
  /（?依法须经批准的项目，经相关部门批准后[^）。]*）?/gu,
];

/** The entries of a 经营范围 text, trimmed, with 一般项目/许可项目 prefixes removed. */
export function scopeEntries(text: string): string[] {
  let t = toHalfWidth(text.normalize('NFC')).replace(/\(/g, '（').replace(/\)/g, '）').replace(/,/g, '，');
  for (const b of BOILERPLATE) t = t.replace(b, '；');
  return t
    .split(SEPARATORS)
    .map((e) => e.replace(/\s+/gu, '').replace(SECTION_PREFIX, ''))
    .filter((e) => e !== '' && !/^（.*）$/u.test(e));
}

export function validateBusinessScope(input: string): Validation<string> {
  const text = input.trim();
  const nonStandard = scopeEntries(text).filter((e) => !STANDARD.has(e));
  if (nonStandard.length === 0) return valid(text);
  const advice = nonStandard.map((e) => `“${e}”建议写作“${closestScopeEntry(e)}”`).join('，');
  return valid(text, [
    warning('scope.nonstandard', `${advice}（《经营范围规范表述目录》的规范表述），请按目录修改或确认后继续`),
  ]);
}
