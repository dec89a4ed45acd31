// Every required (or tolerable) material must be captured, unless its tolerance is accepted. A
// material in an alternative (或) is asked for through its alternative: one finding for the choice.
import { alternativeFindings } from '../alternatives';
import type { MaterialRequirement } from '../../schemas/catalog';
import type { EvaluationContext } from '../context';
import { finding } from '../findings';
import type { Finding } from '../types';

function missingMessage(r: MaterialRequirement, toleranceHint: boolean): string {
  const standard = r.standard ? `（要求：${r.standard}）` : '';
  const hint = toleranceHint ? '；如申请人暂时无法提供，可登记容缺并请申请人签署容缺承诺书' : '';
  switch (r.kind) {
    case 'document-photo': {
      const pages = r.pagesMin > 1 ? `，共需${r.pagesMin}页` : '';
      return `缺少“${r.name}”，请拍摄上传${pages}${standard}${hint}`;
    }
    case 'signature':
      return `“${r.name}”尚未签名，请申请人（或委托人）在屏幕上签名${hint}`;
    case 'e-licence':
      return `缺少“${r.name}”，请调取电子证照或拍摄原件${standard}${hint}`;
    case 'data':
      return `“${r.name}”的信息尚未填写，请按证件填写${hint}`;
  }
}

export function materialPresenceFindings(ctx: EvaluationContext): Finding[] {
  const out: Finding[] = [];
  for (const r of ctx.item.materials) {
    if (r.requirement === 'optional' || ctx.captured(r.id)?.present) continue;
    const alternative = ctx.alternatives.of(r.id);
    // In a complete group and absent = optional there; otherwise the choice's own finding says it.
    if (alternative && !ctx.tolerated(r.id)) continue;
    const target = { type: 'material', id: r.id } as const;
    if (ctx.tolerated(r.id)) {
      const promise = ctx.input.caseData.tolerance.find((t) => t.requirementId === r.id);
      const by = promise ? `，申请人承诺于 ${promise.promisedBy} 前补交` : '';
      out.push(
        finding(
          'material.tolerated',
          'info',
          `“${r.name}”容缺受理${by}；到期未补交将终止办理`,
          target,
          'material-missing',
        ),
      );
      continue;
    }
    const toleranceHint = ctx.item.toleranceAllowed && r.requirement === 'tolerable';
    out.push(finding('material.missing', 'error', missingMessage(r, toleranceHint), target, 'material-missing'));
  }
  out.push(...alternativeFindings(ctx.item, ctx.alternatives, ctx.given));
  return out;
}
