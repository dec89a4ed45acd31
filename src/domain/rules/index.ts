// The rules engine: evaluate(input) → Report. See types.ts for the contract.
export { evaluate } from './evaluate';
export { checkItemReferences, ruleMaterials } from './references';
export { RULE_EVALUATORS } from './registry';
export { findingKey, targetKey } from './findings';
export { checkFieldValue, checkFormat } from './formats';
export { PERSON_FIELD_LABELS } from './labels';
export type {
  CapturedMaterial, EvaluationInput, Finding, FindingTarget, MaterialState, MaterialStatus, Report, RuleEvaluator, RuleOf,
} from './types';
