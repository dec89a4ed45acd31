// The rules engine: evaluate(input) → Report. See types.ts for the contract.
export { evaluate } from './evaluate';
export { checkItemReferences } from './references';
export { alternativeProblems, alternativeRef, alternativesFromReport, type AlternativesView } from './alternatives';
export { RULE_EVALUATORS } from './registry';
export type { EvaluationInput, Finding, MaterialState, MaterialStatus, Report } from './types';
