// A value must be given: a form field, a profile value, or data typed from a material.
import { finding } from '../findings';
import type { RuleEvaluator } from '../types';

export const required: RuleEvaluator<'required'> = {
  kind: 'required',
  evaluate(rule, ctx) {
    if (ctx.value(rule.ref) !== undefined) return [];
    const label = ctx.label(rule.ref),
      target = ctx.target(rule.ref);
    switch (rule.ref.source) {
      case 'field':
        return [finding('field.required', 'error', `请填写「${label}」`, target, 'required')];
      case 'person':
        return [
          finding('person.required', 'error', `群众档案中缺少「${label}」，请先在档案中补充`, target, 'required'),
        ];
      case 'material':
        // An absent material is already reported as missing; only typed data of a captured one is asked for.
        if (!ctx.captured(rule.ref.material)?.present) return [];
        return [finding('field.required', 'error', `请填写「${label}」`, target, 'required')];
    }
  },
  materials: (rule) => (rule.ref.source === 'material' ? [rule.ref.material] : []),
};
