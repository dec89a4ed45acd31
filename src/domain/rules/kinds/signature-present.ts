// A captured material must also carry an on-screen signature (e.g. a photographed 申请书 that the
// applicant signs); a household material (signers: household-adults) one from every adult member.
// An absent material is reported as missing instead.
import { finding } from '../findings';
import { hasSigned, requiredSigners } from '../household';
import type { RuleEvaluator } from '../types';

export const signaturePresent: RuleEvaluator<'signature-present'> = {
  kind: 'signature-present',
  evaluate(rule, ctx) {
    const m = ctx.captured(rule.material);
    if (!m?.present) return [];
    const target = { type: 'material', id: rule.material } as const;
    if (m.requirement.signers === 'household-adults') {
      const missing = requiredSigners(ctx.input).filter((p) => !hasSigned(p, ctx.input.applicant.id, m.signatures));
      if (missing.length === 0) return [];
      const names = missing.map((p) => p.name).join('、');
      const message = `“${m.requirement.name}”须由每一位成年家庭成员本人签名，还缺${names}的签名（${missing.length}人），请逐一签名`;
      return [finding('signature.signers_missing', 'error', message, target, 'signature-present')];
    }
    if (m.signatures.length > 0) return [];
    const message = `“${m.requirement.name}”还没有签名，请申请人（或委托人）本人在屏幕上签名`;
    return [finding('signature.missing', 'error', message, target, 'signature-present')];
  },
  materials: (rule) => [rule.material],
};
