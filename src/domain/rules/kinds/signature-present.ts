// A captured material must also carry an on-screen signature (e.g. a photographed 申请书 that the
// applicant signs). An absent material is reported as missing instead.
import { finding } from '../findings';
import type { RuleEvaluator } from '../types';

export const signaturePresent: RuleEvaluator<'signature-present'> = {
  kind: 'signature-present',
  evaluate(rule, ctx) {
    const m = ctx.captured(rule.material);
    if (!m?.present || m.signature) return [];
    const message = `“${m.requirement.name}”还没有签名，请申请人（或委托人）本人在屏幕上签名`;
    return [
      finding('signature.missing', 'error', message, { type: 'material', id: rule.material }, 'signature-present'),
    ];
  },
  materials: (rule) => [rule.material],
};
