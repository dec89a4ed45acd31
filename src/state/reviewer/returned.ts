// A returned case on the tablet: only what the reviewer flagged reopens. Targets are material
// requirement ids, or `field:<key>` for a form field (see ReturnReason.target).
import type { Decision, ReturnReason } from '../../domain/schemas/decision';
import type { ServiceItem } from '../../domain/schemas/catalog';

export const FIELD_TARGET_PREFIX = 'field:';

/** The newest return decision, or undefined when the case was never returned. */
export function latestReturn(decisions: readonly Decision[]): Decision | undefined {
  return [...decisions]
    .filter((d) => d.kind === 'return')
    .sort((a, b) => a.decidedAt - b.decidedAt)
    .at(-1);
}

export interface TargetReasons {
  target: string;
  kind: 'material' | 'field';
  /** Requirement id or field key. */
  key: string;
  label: string;
  reasons: ReturnReason[];
}

/** Reasons grouped by what they flag, in the order the reviewer wrote them. */
export function reasonsByTarget(
  decision: Pick<Decision, 'reasons'>,
  item?: Pick<ServiceItem, 'materials' | 'fields'>,
): TargetReasons[] {
  const groups = new Map<string, TargetReasons>();
  for (const r of decision.reasons) {
    let g = groups.get(r.target);
    if (!g) {
      const isField = r.target.startsWith(FIELD_TARGET_PREFIX);
      const key = isField ? r.target.slice(FIELD_TARGET_PREFIX.length) : r.target;
      const label = isField
        ? (item?.fields.find((f) => f.key === key)?.label ?? key)
        : (item?.materials.find((m) => m.id === key)?.name ?? key);
      g = { target: r.target, kind: isField ? 'field' : 'material', key, label, reasons: [] };
      groups.set(r.target, g);
    }
    g.reasons.push(r);
  }
  return [...groups.values()];
}

export const flaggedMaterialIds = (d: Pick<Decision, 'reasons'>) => [
  ...new Set(d.reasons.filter((r) => !r.target.startsWith(FIELD_TARGET_PREFIX)).map((r) => r.target)),
];

export const flaggedFieldKeys = (d: Pick<Decision, 'reasons'>) => [
  ...new Set(
    d.reasons
      .filter((r) => r.target.startsWith(FIELD_TARGET_PREFIX))
      .map((r) => r.target.slice(FIELD_TARGET_PREFIX.length)),
  ),
];
