// Page count within the requirement's pagesMin..pagesMax, checked only once pages were taken
// (an absent material is reported as missing; an e-licence needs no pages).
import type { RuleKind } from '../../schemas/catalog';
import type { EvaluationContext } from '../context';
import { finding } from '../findings';
import type { CapturedMaterial, Finding } from '../types';

export function pageCountFindingsFor(m: CapturedMaterial, rule: RuleKind): Finding[] {
  const r = m.requirement,
    n = m.pages.length;
  if (n === 0) return [];
  const target = { type: 'material', id: r.id } as const;
  if (n < r.pagesMin) {
    return [
      finding('pages.too_few', 'error', `“${r.name}”需要${r.pagesMin}页，现在只有${n}页，请补拍缺少的页`, target, rule),
    ];
  }
  if (n > r.pagesMax) {
    return [
      finding(
        'pages.too_many',
        'error',
        `“${r.name}”最多${r.pagesMax}页，现在有${n}页，请删除多余或重复的页`,
        target,
        rule,
      ),
    ];
  }
  return [];
}

export function pageCountFindings(ctx: EvaluationContext): Finding[] {
  const out: Finding[] = [];
  for (const r of ctx.item.materials) {
    const m = ctx.captured(r.id);
    if (m) out.push(...pageCountFindingsFor(m, 'page-count'));
  }
  return out;
}
