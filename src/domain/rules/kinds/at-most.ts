// A number must not exceed another (申报补贴面积 ≤ 承包经营权证上的面积): over-declaring is a
// return reason of its own, and the larger side is usually read from a document.
import { finding } from '../findings';
import type { RuleEvaluator } from '../types';

/** A decimal as typed (full-width digits and a trailing unit such as 亩 allowed), or undefined. */
function amount(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const ascii = raw.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
  const m = /^(\d+(?:\.\d+)?)\s*[^\d.]*$/.exec(ascii);
  return m ? Number(m[1]) : undefined;
}

export const atMost: RuleEvaluator<'at-most'> = {
  kind: 'at-most',
  evaluate(rule, ctx) {
    const value = amount(ctx.value(rule.ref)),
      max = amount(ctx.value(rule.max));
    // Missing or non-numeric values are the fields' own checks.
    if (value === undefined || max === undefined || value <= max) return [];
    const message = `「${ctx.label(rule.ref)}」${value} 超过了「${ctx.label(rule.max)}」${max}，请核对后按实际填写`;
    return [finding('value.too_large', 'error', message, ctx.target(rule.ref), 'at-most')];
  },
  materials: (rule) => [rule.ref, rule.max].flatMap((r) => (r.source === 'material' ? [r.material] : [])),
};
