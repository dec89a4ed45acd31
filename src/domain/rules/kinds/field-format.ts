// A value must be in a given format (ID number, mobile, USCC…). Empty values are left to `required`.
import { checkFormat } from '../formats';
import type { RuleEvaluator } from '../types';
import { validationFindings } from '../validation-findings';

export const fieldFormat: RuleEvaluator<'field-format'> = {
  kind: 'field-format',
  evaluate(rule, ctx) {
    const value = ctx.value(rule.ref);
    if (value === undefined) return [];
    return validationFindings(
      checkFormat(rule.format, value, ctx.today, ctx.input.place),
      ctx.label(rule.ref),
      ctx.target(rule.ref),
      'field-format',
    );
  },
  materials: (rule) => (rule.ref.source === 'material' ? [rule.ref.material] : []),
};
