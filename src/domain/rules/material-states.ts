// Per-requirement state for the checklist: missing, tolerated, or how its checks went.
import type { EvaluationContext } from './context';
import type { Finding, MaterialState } from './types';

export function materialStates(
  ctx: EvaluationContext,
  findings: readonly Finding[],
  checked: ReadonlySet<string>,
): Record<string, MaterialState> {
  const byMaterial = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.target.type !== 'material') continue;
    const list = byMaterial.get(f.target.id);
    if (list) list.push(f);
    else byMaterial.set(f.target.id, [f]);
  }
  const states: Record<string, MaterialState> = {};
  for (const r of ctx.item.materials) {
    const own = byMaterial.get(r.id) ?? [];
    const present = ctx.captured(r.id)?.present ?? false;
    const status = ctx.tolerated(r.id)
      ? 'tolerated'
      : ctx.alternatives.notNeeded(r.id)
        ? 'not-needed'
        : !present
          ? 'missing'
          : own.some((f) => f.severity === 'error')
            ? 'errors'
            : own.some((f) => f.severity === 'warning')
              ? 'warnings'
              : checked.has(r.id) || r.dataFields.length > 0
                ? 'passes'
                : 'captured';
    states[r.id] = { status, findings: own };
  }
  return states;
}
