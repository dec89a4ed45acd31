// Rules name materials by requirement id. A rule naming one the item does not have is a
// catalogue mistake: evaluate reports it instead of silently skipping the check.
import type { Rule, RuleKind, ServiceItem } from '../schemas/catalog';
import { alternativeProblems } from './alternatives';
import { RULE_EVALUATORS } from './registry';
import type { RuleEvaluator } from './types';

export function ruleMaterials(rule: Rule): string[] {
  const evaluator = RULE_EVALUATORS[rule.kind] as RuleEvaluator<RuleKind>;
  return evaluator.materials?.(rule) ?? [];
}

/** Problems with an item's rule references, in English for catalogue authors (use in catalogue tests). */
export function checkItemReferences(item: ServiceItem): string[] {
  const requirements = new Map(item.materials.map((m) => [m.id, m]));
  const problems: string[] = [];
  item.rules.forEach((rule, i) => {
    for (const id of ruleMaterials(rule)) {
      if (!requirements.has(id)) problems.push(`${item.code} rule #${i} (${rule.kind}) names unknown material "${id}"`);
    }
    if (rule.kind === 'code-part' && !rule.values && !rule.equals) {
      problems.push(`${item.code} rule #${i} (code-part) has neither values nor equals: it checks nothing`);
    }
    if (rule.kind === 'tolerance-allowed' && rule.commitmentMaterial) {
      const kind = requirements.get(rule.commitmentMaterial)?.kind;
      if (kind !== undefined && kind !== 'signature') {
        problems.push(
          `${item.code} rule #${i}: commitment material "${rule.commitmentMaterial}" should be a signature, is ${kind}`,
        );
      }
    }
  });
  for (const p of alternativeProblems(item)) problems.push(`${item.code} ${p.path}: ${p.message}`);
  const tolerable = item.materials.some((m) => m.requirement === 'tolerable');
  if (item.toleranceAllowed && tolerable && !item.rules.some((r) => r.kind === 'tolerance-allowed')) {
    problems.push(`${item.code} allows tolerance but has no tolerance-allowed rule`);
  }
  return problems;
}
