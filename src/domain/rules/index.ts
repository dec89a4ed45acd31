// The rules engine: evaluate(input) → Report. See types.ts for the contract.
export { evaluate } from './evaluate';
export { checkItemReferences } from './references';
export { RULE_EVALUATORS } from './registry';
export type { EvaluationInput, Finding, MaterialState, MaterialStatus, Report } from './types';
