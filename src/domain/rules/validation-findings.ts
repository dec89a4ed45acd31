// Turns a validator's answer about one value into findings that name the value for the agent.
import type { RuleKind } from '../schemas/catalog';
import type { Validation } from '../result';
import { finding } from './findings';
import type { Finding, FindingTarget } from './types';

export function validationFindings(
  v: Validation<unknown>,
  label: string,
  target: FindingTarget,
  rule: RuleKind,
): Finding[] {
  if (!v.ok) return [finding(v.error.code, 'error', `「${label}」：${v.error.message}`, target, rule)];
  return v.warnings.map((w) => finding(w.code, w.severity, `「${label}」：${w.message}`, target, rule));
}
