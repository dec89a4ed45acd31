// A date must not be before today (certificates, proofs). The ID card's validity uses the ID card
// rules: 'long-term' (长期) never expires, and a card ending within 30 days gets a warning.
import type { ValueRef } from '../../schemas/catalog';
import { validateDate, checkIdCardExpiry } from '../../validators';
import type { EvaluationContext } from '../context';
import { finding } from '../findings';
import { isLongTerm } from '../formats';
import type { RuleEvaluator } from '../types';
import { validationFindings } from '../validation-findings';

function isIdCardValidity(ref: ValueRef, ctx: EvaluationContext): boolean {
  if (ref.source === 'person') return ref.key === 'idCardValidUntil';
  if (ref.source === 'field') return ctx.field(ref.key)?.fromProfile === 'idCardValidUntil';
  return false;
}

export const notExpired: RuleEvaluator<'not-expired'> = {
  kind: 'not-expired',
  evaluate(rule, ctx) {
    const label = ctx.label(rule.ref),
      target = ctx.target(rule.ref);
    const value = ctx.value(rule.ref);
    if (value === undefined) {
      return [
        finding(
          'expiry.unknown',
          'warning',
          `「${label}」未填写，无法核对是否过期，请对照证件补充`,
          target,
          'not-expired',
        ),
      ];
    }
    if (isLongTerm(value)) return [];
    if (isIdCardValidity(rule.ref, ctx)) {
      return validationFindings(checkIdCardExpiry(value, ctx.today), label, target, 'not-expired');
    }
    const date = validateDate(value);
    if (!date.ok) return validationFindings(date, label, target, 'not-expired');
    if (date.value >= ctx.today) return [];
    const message = `「${label}」${date.value} 已过期，请申请人提供仍在有效期内的证件或证明`;
    return [finding('date.expired', 'error', message, target, 'not-expired')];
  },
  materials: (rule) => (rule.ref.source === 'material' ? [rule.ref.material] : []),
};
