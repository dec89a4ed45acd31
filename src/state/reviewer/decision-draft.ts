// Turning the reviewer's form input into one `Decision`. The decision id is made once, when the
// form opens, and kept until the server confirms it: resending after a dropped connection is then
// a replay the server recognises, never a second decision.
import { uuidv7 } from '../../domain/ids';
import { Decision, type DecisionKind, type ReasonCode, type ReturnReason } from '../../domain/schemas/decision';
import { checkToleranceDue, type ToleranceWindow } from '../../domain/review';

export interface DecisionContext {
  caseId: string;
  revision: number;
  reviewerId: string;
}

export interface DraftReason {
  target: string;
  code: ReasonCode;
  text: string;
}

/** The return form's state for one material or field: the codes ticked and one text. */
export interface TargetDraft {
  codes: ReasonCode[];
  text: string;
}

/** One text per target: it goes with “其他” when chosen, else with the first code. */
export function toReasons(drafts: Record<string, TargetDraft>): DraftReason[] {
  return Object.entries(drafts).flatMap(([target, d]) => {
    const textOn = d.codes.includes('other') ? 'other' : d.codes[0];
    return d.codes.map((code) => ({ target, code, text: code === textOn ? d.text : '' }));
  });
}

export interface DecisionFormInput {
  kind: DecisionKind;
  reasons?: DraftReason[];
  toleranceDue?: { requirementId: string; dueBy: string }[];
  outcome?: string;
  delivery?: { method: 'post'; trackingNumber: string } | { method: 'collect'; servicePoint: string };
  note?: string;
  /** 不予受理: the provision cited. */
  legalBasis?: string;
  /** 回访: reached the applicant, and (if so) satisfied or not. */
  followUp?: { reached: boolean; satisfied?: boolean };
}

export interface DraftProblem {
  field: string;
  message: string;
}

/** Form-level checks in Chinese, before the schema: what the reviewer must still fill in. */
export function checkDecisionInput(input: DecisionFormInput, window?: ToleranceWindow): DraftProblem[] {
  const problems: DraftProblem[] = [];
  switch (input.kind) {
    case 'return': {
      const reasons = input.reasons ?? [];
      if (reasons.length === 0) problems.push({ field: 'reasons', message: '请至少为一项材料或字段选择退回原因' });
      reasons.forEach((r, i) => {
        if (r.code === 'other' && !r.text.trim())
          problems.push({ field: `reasons.${i}`, message: '选择“其他”时必须写明原因' });
      });
      const keys = reasons.map((r) => `${r.target}|${r.code}`);
      if (new Set(keys).size !== keys.length)
        problems.push({ field: 'reasons', message: '同一材料的同一原因只需选一次' });
      break;
    }
    case 'accept-with-tolerance': {
      const due = input.toleranceDue ?? [];
      if (due.length === 0) problems.push({ field: 'toleranceDue', message: '请选择容缺的材料并填写补齐期限' });
      for (const d of due) {
        const p = window ? checkToleranceDue(d.dueBy, window) : undefined;
        if (p) problems.push({ field: `toleranceDue.${d.requirementId}`, message: p.message });
      }
      break;
    }
    case 'complete':
      if (!input.outcome?.trim()) problems.push({ field: 'outcome', message: '请填写办理结果' });
      problems.push(...checkDelivery(input.delivery, true));
      break;
    case 'deliver':
      problems.push(...checkDelivery(input.delivery, false));
      break;
    case 'suspend':
    case 'terminate':
      if (!input.note?.trim())
        problems.push({ field: 'note', message: input.kind === 'suspend' ? '请写明中止原因' : '请写明终止原因' });
      break;
    case 'refuse':
      if (!input.note?.trim()) problems.push({ field: 'note', message: '请写明不予受理的原因' });
      if (!input.legalBasis?.trim()) problems.push({ field: 'legalBasis', message: '请写明不予受理的法律依据' });
      break;
    case 'follow-up':
      if (!input.followUp) problems.push({ field: 'followUp', message: '请选择是否联系上申请人' });
      else if (input.followUp.reached && input.followUp.satisfied === undefined)
        problems.push({ field: 'followUp', message: '请选择申请人是否满意' });
      break;
    default:
      break;
  }
  return problems;
}

function checkDelivery(delivery: DecisionFormInput['delivery'], required: boolean): DraftProblem[] {
  if (!delivery) return required ? [{ field: 'delivery', message: '请选择送达方式：邮寄或到村便民服务点领取' }] : [];
  if (delivery.method === 'post' && delivery.trackingNumber.trim().length < 4)
    return [{ field: 'delivery', message: '请填写邮寄单号（至少 4 位）' }];
  if (delivery.method === 'collect' && !delivery.servicePoint.trim())
    return [{ field: 'delivery', message: '请填写领取的村便民服务点' }];
  return [];
}

/** The Decision the server receives; throws only on a programming error (input not checked). */
export function buildDecision(id: string, ctx: DecisionContext, input: DecisionFormInput, now: number): Decision {
  const reasons: ReturnReason[] = (input.reasons ?? []).map((r) => ({
    target: r.target,
    code: r.code,
    text: r.text.trim(),
  }));
  return Decision.parse({
    id,
    caseId: ctx.caseId,
    kind: input.kind,
    reasons: input.kind === 'return' ? reasons : [],
    toleranceDue: input.kind === 'accept-with-tolerance' ? (input.toleranceDue ?? []) : [],
    outcome: input.outcome?.trim() || undefined,
    delivery:
      input.delivery &&
      (input.delivery.method === 'post'
        ? { method: 'post', trackingNumber: input.delivery.trackingNumber.trim() }
        : { method: 'collect', servicePoint: input.delivery.servicePoint.trim() }),
    note: input.note?.trim() || undefined,
    legalBasis: input.kind === 'refuse' ? input.legalBasis?.trim() || undefined : undefined,
    followUp:
      input.kind === 'follow-up' && input.followUp
        ? {
            reached: input.followUp.reached,
            ...(input.followUp.reached && { satisfied: input.followUp.satisfied }),
            note: input.note?.trim() ?? '',
          }
        : undefined,
    reviewerId: ctx.reviewerId,
    decidedAt: now,
    revision: ctx.revision,
  });
}

export const newDecisionId = () => uuidv7();
