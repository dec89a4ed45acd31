// A value must not be one of the listed ones (e.g. 参保状态 = 已参加职工医保 rules the item out).
import { finding } from '../findings';
import type { RuleEvaluator } from '../types';
import { comparable } from './compare';

export const fieldNotIn: RuleEvaluator<'field-not-in'> = {
  kind: 'field-not-in',
  evaluate(rule, ctx) {
    const value = ctx.value(rule.ref);
    if (value === undefined) return [];
    const v = comparable(value);
    if (!rule.values.includes(value) && !rule.values.some((x) => comparable(x) === v)) return [];
    const shown =
      (rule.ref.source === 'field' && ctx.field(rule.ref.key)?.options?.find((o) => o.value === value)?.label) || value;
    const message = `「${ctx.label(rule.ref)}」为“${shown}”，不符合本事项的办理条件；请核实，确认无误请告知申请人不能办理`;
    return [finding('value.not_allowed', 'error', message, ctx.target(rule.ref), 'field-not-in')];
  },
  materials: (rule) => (rule.ref.source === 'material' ? [rule.ref.material] : []),
};
