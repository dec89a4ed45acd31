// 容缺受理: every claimed tolerance must name a tolerable material of an item that allows it, the
// material must really be missing, the promise date must be today or later and within the item's
// working-day limit, and the applicant must have signed the commitment (容缺承诺书).
import { parseIsoDate } from '../../dates';
import type { TolerancePromise } from '../../schemas/case';
import type { EvaluationContext } from '../context';
import { finding } from '../findings';
import type { Finding, RuleEvaluator } from '../types';

function promiseFindings(t: TolerancePromise, ctx: EvaluationContext): Finding[] {
  const r = ctx.requirement(t.requirementId);
  if (!r) {
    const message = `容缺登记的材料“${t.requirementId}”不在本事项的材料清单中，请删除这条容缺登记`;
    return [
      finding(
        'tolerance.unknown',
        'error',
        message,
        { type: 'case', ref: `tolerance.${t.requirementId}` },
        'tolerance-allowed',
      ),
    ];
  }
  const target = { type: 'material', id: r.id } as const;
  const error = (code: string, message: string) => [finding(code, 'error', message, target, 'tolerance-allowed')];
  if (!ctx.item.toleranceAllowed)
    return error('tolerance.not_allowed', `本事项不能容缺受理，请补齐“${r.name}”后再提交`);
  if (r.requirement !== 'tolerable')
    return error('tolerance.not_tolerable', `“${r.name}”是主要材料，不能容缺，请补齐后再提交`);
  if (ctx.captured(r.id)?.present) return error('tolerance.not_missing', `“${r.name}”已经提供，请取消这条容缺登记`);
  if (!parseIsoDate(t.promisedBy))
    return error('tolerance.date_invalid', `“${r.name}”的承诺补交日期“${t.promisedBy}”不是有效日期，请重新选择`);
  if (t.promisedBy < ctx.today) {
    return error('tolerance.date_past', `“${r.name}”的承诺补交日期 ${t.promisedBy} 已过，请与申请人重新约定补交日期`);
  }
  const workingDays = ctx.input.workingDaysBetween?.(ctx.today, t.promisedBy);
  if (workingDays !== undefined && workingDays > ctx.item.maxToleranceDays) {
    return error(
      'tolerance.date_too_late',
      `“${r.name}”的承诺补交日期 ${t.promisedBy} 距今${workingDays}个工作日，超过本事项允许的${ctx.item.maxToleranceDays}个工作日，请约定更早的补交日期`,
    );
  }
  return [];
}

export const toleranceAllowed: RuleEvaluator<'tolerance-allowed'> = {
  kind: 'tolerance-allowed',
  evaluate(rule, ctx) {
    // Promises already kept (suppliedAt) need no further checks.
    const open = ctx.input.caseData.tolerance.filter((t) => t.suppliedAt === undefined);
    const out = open.flatMap((t) => promiseFindings(t, ctx));
    if (open.length > 0 && rule.commitmentMaterial) {
      const commitment = ctx.captured(rule.commitmentMaterial);
      // A required commitment that is absent is already reported as a missing material.
      const reportedMissing = commitment && !commitment.present && commitment.requirement.requirement !== 'optional';
      if (commitment && !commitment.signature && !reportedMissing) {
        const message = `已登记容缺材料，请申请人（或委托人）在“${commitment.requirement.name}”上签名`;
        out.push(
          finding(
            'tolerance.commitment_unsigned',
            'error',
            message,
            { type: 'material', id: commitment.requirement.id },
            'tolerance-allowed',
          ),
        );
      }
    }
    return out;
  },
  materials: (rule) => (rule.commitmentMaterial ? [rule.commitmentMaterial] : []),
};
