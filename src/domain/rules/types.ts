// The rules engine's contract: what goes in (a case with its item, applicant and materials) and
// what comes out (findings with stable keys, per-material states, and whether it can be submitted).
import type { PlaceNames } from '../divisions';
import type { Case, Material, Signature } from '../schemas/case';
import type { MaterialRequirement, Rule, RuleKind, ServiceItem } from '../schemas/catalog';
import type { Person } from '../schemas/person';
import type { Severity } from '../result';
import type { EvaluationContext } from './context';

export interface EvaluationInput {
  item: ServiceItem;
  caseData: Pick<Case, 'fields' | 'tolerance' | 'acknowledged' | 'itemCode'>;
  applicant: Person;
  materials: Material[];
  /** `YYYY-MM-DD`, passed in so evaluation never reads the clock. */
  today: string;
  /** Names of the applicant's places, as far as the caller knows them (divisions.ts placeNamesOf):
   *  checks that depend on the place (a 个体户 name starting with its county) run only with them. */
  place?: PlaceNames;
  /** The profiles the applicant's `household` links to, as far as the caller has them: who must
   *  co-sign a household material and how many 户口簿 member pages to expect. */
  household?: Person[];
  /** Working days after `from` up to `to` (the calendar module's workingDaysBetween). */
  workingDaysBetween?: (from: string, to: string) => number;
}

/**
 * Where a finding points. `material.id` is the requirement id of the item (not the Material row id);
 * `page` (1-based) and `field` (a data field key) narrow it; `case.ref` names what a case-level
 * finding is about (e.g. `person.birthDate`) so that keys stay unique.
 */
export type FindingTarget =
  | { type: 'field'; key: string }
  | { type: 'material'; id: string; page?: number; field?: string }
  | { type: 'case'; ref?: string };

export interface Finding {
  /** Stable: `${code}@${target}` — what an acknowledgment records. */
  key: string;
  code: string;
  severity: Severity;
  /** Chinese: what is wrong and what to do. */
  message: string;
  target: FindingTarget;
  rule: RuleKind | 'material-missing';
}

export type MaterialStatus = 'missing' | 'captured' | 'passes' | 'warnings' | 'errors' | 'tolerated' | 'not-needed';

/**
 * missing: nothing captured · tolerated: missing under an accepted tolerance claim ·
 * errors / warnings: its worst finding · passes: captured, checked by a rule or its data fields,
 * nothing found · captured: captured, but no rule checks its content · not-needed: absent, and another
 * group of its alternative (或) is complete.
 */
export interface MaterialState {
  status: MaterialStatus;
  findings: Finding[];
}

export interface Report {
  findings: Finding[];
  errors: number;
  warnings: number;
  /** Warnings whose key is not in caseData.acknowledged. */
  unacknowledged: Finding[];
  /** No errors and every warning acknowledged. */
  canSubmit: boolean;
  /** Keyed by material requirement id, for every requirement of the item. */
  materials: Record<string, MaterialState>;
}

/** A requirement's captured materials merged into one view (a requirement may have several rows). */
export interface CapturedMaterial {
  requirement: MaterialRequirement;
  pages: Material['pages'];
  signature: Material['signature'];
  /** Every signature (the main one first, then further signers', one per person). */
  signatures: Signature[];
  licenceRef: string | undefined;
  data: Record<string, string>;
  /** Has pages, a signature or a licence reference (data materials: any typed value). */
  present: boolean;
}

export type RuleOf<K extends RuleKind> = Extract<Rule, { kind: K }>;

/** One rule kind: a file in kinds/ and a line in the registry. */
export interface RuleEvaluator<K extends RuleKind> {
  kind: K;
  /** Findings for one rule; severity and message overrides are applied by the engine. */
  evaluate(rule: RuleOf<K>, ctx: EvaluationContext): Finding[];
  /** Material requirement ids whose content this rule checks (a clean result means 'passes'). */
  materials?(rule: RuleOf<K>): string[];
}
