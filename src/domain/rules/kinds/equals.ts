// Two values must agree, e.g. the name on the form and the name on the 户口簿 page.
import { finding } from '../findings';
import type { RuleEvaluator } from '../types';
import { comparable } from './compare';

export const equals: RuleEvaluator<'equals'> = {
  kind: 'equals',
  evaluate(rule, ctx) {
    const left = ctx.value(rule.left),
      right = ctx.value(rule.right);
    if (left === undefined || right === undefined || left === right || comparable(left) === comparable(right))
      return [];
    const message = `「${ctx.label(rule.left)}」“${left}”与「${ctx.label(rule.right)}」“${right}”不一致，请对照证件核对后改正`;
    return [finding('value.mismatch', 'error', message, ctx.target(rule.left), 'equals')];
  },
  materials: (rule) => [rule.left, rule.right].flatMap((r) => (r.source === 'material' ? [r.material] : [])),
};
