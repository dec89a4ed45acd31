// The rules engine: the item's structure (materials present, page counts, form fields and their
// implied formats) plus its explicit rules, evaluated to a deterministic report. Pure: no clock,
// no I/O, the same answer in page, worker, service worker and server.
import type { Rule, RuleKind } from '../schemas/catalog';
import { createContext, type EvaluationContext } from './context';
import { dedupeByKey, finding, sortFindings } from './findings';
import { materialStates } from './material-states';
import { ruleMaterials } from './references';
import { RULE_EVALUATORS } from './registry';
import { ruleSubjects } from './rule-subjects';
import { dataFieldFindings, formFieldFindings } from './structure/form-fields';
import { householdPageFindings } from './structure/household-pages';
import { materialPresenceFindings } from './structure/material-presence';
import { pageCountFindings } from './structure/page-count';
import { profileDriftFindings } from './structure/profile-drift';
import type { EvaluationInput, Finding, Report, RuleEvaluator } from './types';

function ruleFindings(rule: Rule, materials: readonly string[], ctx: EvaluationContext): Finding[] {
  const unknown = materials.filter((id) => !ctx.requirement(id));
  if (unknown.length > 0) {
    return unknown.map((id) =>
      finding(
        'rule.unknown_material',
        'error',
        `事项配置有误：检查规则引用了不存在的材料“${id}”，请联系县级管理员更新事项清单`,
        { type: 'case', ref: `rule.${id}` },
        rule.kind,
      ),
    );
  }
  const evaluator = RULE_EVALUATORS[rule.kind] as RuleEvaluator<RuleKind>;
  const found = evaluator.evaluate(rule, ctx);
  if (rule.severity === undefined && rule.message === undefined) return found;
  return found.map((f) => ({ ...f, severity: rule.severity ?? f.severity, message: rule.message ?? f.message }));
}

export function evaluate(input: EvaluationInput): Report {
  const ctx = createContext(input);
  const checked = new Set<string>();
  const collected: Finding[] = [];
  // Explicit rules first: on a shared key the author's severity and wording win over the structure's.
  for (const rule of input.item.rules) {
    const subjects = ruleSubjects(input.item, rule);
    if (subjects.length > 0 && subjects.every((id) => ctx.alternatives.notNeeded(id))) continue;
    const materials = ruleMaterials(rule);
    for (const id of materials) checked.add(id);
    collected.push(...ruleFindings(rule, materials, ctx));
  }
  collected.push(
    ...materialPresenceFindings(ctx),
    ...pageCountFindings(ctx),
    ...householdPageFindings(ctx),
    ...formFieldFindings(ctx),
    ...dataFieldFindings(ctx),
  );
  collected.push(...profileDriftFindings(ctx, collected));

  const findings = sortFindings(dedupeByKey(collected), ctx.fieldOrder, ctx.materialOrder);
  const acknowledged = new Set(input.caseData.acknowledged);
  let errors = 0;
  const warnings: Finding[] = [];
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings.push(f);
  }
  const unacknowledged = warnings.filter((f) => !acknowledged.has(f.key));
  return {
    findings,
    errors,
    warnings: warnings.length,
    unacknowledged,
    canSubmit: errors === 0 && unacknowledged.length === 0,
    materials: materialStates(ctx, findings, checked),
  };
}
