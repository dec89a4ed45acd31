// The reviewer's open decision form as kept on the device (use-form-draft): which decision, its
// id (a resend after a reload stays a replay), the note, the return reasons and the 办结 input.
// A stored draft is checked field by field: one written by an older version may differ.
import { ReasonCode } from '../../domain/schemas/decision';
import type { DecisionFormInput, TargetDraft } from './decision-draft';

type Delivery = NonNullable<DecisionFormInput['delivery']>;

export interface DecisionDraft {
  /** '' when no form is open. */
  kind: string;
  decisionId: string;
  note: string;
  returnDrafts: Record<string, TargetDraft>;
  complete: { outcome: string; delivery: Delivery } | null;
}

export const NO_DECISION_DRAFT: DecisionDraft = {
  kind: '',
  decisionId: '',
  note: '',
  returnDrafts: {},
  complete: null,
};

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function targetDraft(v: unknown): TargetDraft | undefined {
  const o = obj(v);
  if (!o || !Array.isArray(o.codes)) return undefined;
  const codes = o.codes.filter((c): c is ReasonCode => ReasonCode.options.includes(c as ReasonCode));
  return codes.length > 0 ? { codes, text: str(o.text) } : undefined;
}

function delivery(v: unknown): Delivery | undefined {
  const o = obj(v);
  if (o?.method === 'post') return { method: 'post', trackingNumber: str(o.trackingNumber) };
  if (o?.method === 'collect') return { method: 'collect', servicePoint: str(o.servicePoint) };
  return undefined;
}

export function parseDecisionDraft(stored: unknown): DecisionDraft | undefined {
  const o = obj(stored);
  if (!o || typeof o.kind !== 'string') return undefined;
  const returnDrafts: Record<string, TargetDraft> = {};
  for (const [target, d] of Object.entries(obj(o.returnDrafts) ?? {})) {
    const t = targetDraft(d);
    if (t) returnDrafts[target] = t;
  }
  const c = obj(o.complete);
  const d = delivery(c?.delivery);
  return {
    kind: o.kind,
    decisionId: str(o.decisionId),
    note: str(o.note),
    returnDrafts,
    complete: c && d ? { outcome: str(c.outcome), delivery: d } : null,
  };
}
