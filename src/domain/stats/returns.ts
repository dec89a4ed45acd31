// Return (补正) rates: how often submitted cases come back, for which reasons, per item and
// per village. A high rate for one reason on one item shows a rule that still lets errors through.
import { ReasonCode } from '../schemas/decision';
import { share, type Share, type StatsCase, type StatsDecision } from './types';

export interface ReasonReturnRate extends Share {
  code: ReasonCode;
  /** Flagged materials or fields with this code, over every return decision. */
  citations: number;
}

export interface GroupReturnRate extends Share {
  key: string;
  /** Cases of the group returned at least once with each reason code. */
  reasons: Partial<Record<ReasonCode, number>>;
}

export interface ReturnStats {
  overall: Share;
  byReason: ReasonReturnRate[];
  byItem: GroupReturnRate[];
  byVillage: GroupReturnRate[];
}

/** Submitted cases and, per case, the set of reason codes of all its return decisions. */
function returnsPerCase(cases: readonly StatsCase[], decisions: readonly StatsDecision[]) {
  const submitted = cases.filter((c) => c.submittedOn);
  const ids = new Set(submitted.map((c) => c.id));
  const reasons = new Map<string, Set<ReasonCode>>();
  const citations = new Map<ReasonCode, number>();
  for (const d of decisions) {
    if (d.kind !== 'return' || !ids.has(d.caseId)) continue;
    const set = reasons.get(d.caseId) ?? new Set<ReasonCode>();
    for (const code of d.reasonCodes) {
      set.add(code);
      citations.set(code, (citations.get(code) ?? 0) + 1);
    }
    reasons.set(d.caseId, set);
  }
  return { submitted, reasons, citations };
}

function byGroup(
  submitted: readonly StatsCase[],
  reasons: Map<string, Set<ReasonCode>>,
  key: (c: StatsCase) => string,
): GroupReturnRate[] {
  const groups = new Map<string, { total: number; returned: number; reasons: Partial<Record<ReasonCode, number>> }>();
  for (const c of submitted) {
    const g = groups.get(key(c)) ?? { total: 0, returned: 0, reasons: {} };
    g.total += 1;
    const codes = reasons.get(c.id);
    if (codes) {
      g.returned += 1;
      for (const code of codes) g.reasons[code] = (g.reasons[code] ?? 0) + 1;
    }
    groups.set(key(c), g);
  }
  return [...groups]
    .map(([k, g]) => ({ key: k, ...share(g.returned, g.total), reasons: g.reasons }))
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || b.total - a.total || a.key.localeCompare(b.key));
}

export function returnStats(cases: readonly StatsCase[], decisions: readonly StatsDecision[]): ReturnStats {
  const { submitted, reasons, citations } = returnsPerCase(cases, decisions);
  const byReason = ReasonCode.options.map((code) => {
    const withCode = [...reasons.values()].filter((set) => set.has(code)).length;
    return { code, citations: citations.get(code) ?? 0, ...share(withCode, submitted.length) };
  });
  return {
    overall: share(reasons.size, submitted.length),
    byReason,
    byItem: byGroup(submitted, reasons, (c) => c.itemCode),
    byVillage: byGroup(submitted, reasons, (c) => c.villageCode),
  };
}
