// Building, keying, de-duplicating and ordering findings. Order and keys must never depend on the
// runtime: plain code-unit comparison, no locale.
import type { RuleKind } from '../schemas/catalog';
import type { Severity } from '../result';
import type { Finding, FindingTarget } from './types';

export function targetKey(target: FindingTarget): string {
  switch (target.type) {
    case 'field':
      return `field:${target.key}`;
    case 'material':
      return `material:${target.id}${target.field ? `.${target.field}` : ''}${target.page ? `#${target.page}` : ''}`;
    case 'case':
      return target.ref ? `case:${target.ref}` : 'case';
  }
}

export const findingKey = (code: string, target: FindingTarget) => `${code}@${targetKey(target)}`;

export function finding(
  code: string,
  severity: Severity,
  message: string,
  target: FindingTarget,
  rule: RuleKind | 'material-missing',
): Finding {
  return { key: findingKey(code, target), code, severity, message, target, rule };
}

/** Keeps the first finding for each key: explicit rules run first, so an author's wording wins. */
export function dedupeByKey(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (seen.has(f.key)) continue;
    seen.add(f.key);
    out.push(f);
  }
  return out;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Errors, then warnings, then info; within each: case-level first (eligibility), then form fields
 * in form order, then materials in checklist order and page order; ties by key.
 */
export function sortFindings(
  findings: Finding[],
  fieldOrder: ReadonlyMap<string, number>,
  materialOrder: ReadonlyMap<string, number>,
): Finding[] {
  const rank = (t: FindingTarget): number => {
    if (t.type === 'case') return 0;
    if (t.type === 'field') return 1 + (fieldOrder.get(t.key) ?? fieldOrder.size);
    return 100_000 + (materialOrder.get(t.id) ?? materialOrder.size) * 1000 + (t.page ?? 0);
  };
  const decorated = findings.map((f) => ({ f, s: SEVERITY_RANK[f.severity], r: rank(f.target) }));
  decorated.sort((a, b) => a.s - b.s || a.r - b.r || (a.f.key < b.f.key ? -1 : a.f.key > b.f.key ? 1 : 0));
  return decorated.map((d) => d.f);
}
