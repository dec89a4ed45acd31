// A part of a number must be allowed and agree with what was typed elsewhere: the grade in a
// 残疾人证号 (20th digit) is 一级/二级 for the nursing subsidy, the category and grade equal the ones
// typed from the card, the first 18 digits are the applicant's ID number. An invalid number is
// left to its format check; `when` limits the rule to some answers (申请补贴类型 = 护理补贴).
import type { ValueRef } from '../../schemas/catalog';
import { CODE_PARTS } from '../code-parts';
import type { EvaluationContext } from '../context';
import { finding } from '../findings';
import type { Finding, RuleEvaluator } from '../types';
import { comparable } from './compare';

const among = (value: string, values: readonly string[]) =>
  values.some((x) => x === value || comparable(x) === comparable(value));

/** A select's label rather than its stored value (3 → 三级). */
function shown(ctx: EvaluationContext, ref: ValueRef, value: string): string {
  const field =
    ref.source === 'field'
      ? ctx.field(ref.key)
      : ref.source === 'material'
        ? ctx.requirement(ref.material)?.dataFields.find((f) => f.key === ref.key)
        : undefined;
  return field?.options?.find((o) => o.value === value)?.label ?? value;
}

export const codePart: RuleEvaluator<'code-part'> = {
  kind: 'code-part',
  evaluate(rule, ctx) {
    if (rule.when) {
      const w = ctx.value(rule.when.ref);
      if (w === undefined || !among(w, rule.when.values)) return [];
    }
    const value = ctx.value(rule.ref);
    if (value === undefined) return [];
    const spec = CODE_PARTS[rule.part];
    const part = spec.read(value, ctx.today);
    if (part === undefined) return [];
    const label = ctx.label(rule.ref);
    const code = rule.part.replace(/-/g, '_');
    const out: Finding[] = [];
    if (rule.values && !among(part, rule.values)) {
      const allowed = rule.values.map(spec.show).join('、');
      const message = `「${label}」${spec.label}为“${spec.show(part)}”，本事项要求为“${allowed}”，不符合办理条件；请对照证件核实`;
      out.push(finding(`${code}.not_allowed`, 'error', message, ctx.target(rule.ref), 'code-part'));
    }
    const other = rule.equals && ctx.value(rule.equals);
    if (rule.equals && other !== undefined && !among(part, [other]) && spec.show(part) !== other) {
      const message = `「${label}」${spec.label}为“${spec.show(part)}”，与「${ctx.label(rule.equals)}」“${shown(ctx, rule.equals, other)}”不一致，请对照证件核对后改正`;
      out.push(finding(`${code}.mismatch`, 'error', message, ctx.target(rule.ref), 'code-part'));
    }
    return out;
  },
  materials: (rule) =>
    [rule.ref, rule.equals, rule.when?.ref].flatMap((r) => (r?.source === 'material' ? [r.material] : [])),
};
