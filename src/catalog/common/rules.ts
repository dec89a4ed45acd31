// Rule builders: the rules stay data, these only spare each item the boilerplate.
import type { PersonFieldKey, PhotoThresholds, ValueRef } from '../../domain/schemas/catalog';
import type { MaterialInput, RuleInput } from './types';

export const field = (key: string): ValueRef => ({ source: 'field', key });
export const person = (key: PersonFieldKey): ValueRef => ({ source: 'person', key });
export const onMaterial = (material: string, key: string): ValueRef => ({ source: 'material', material, key });

/**
 * The applicant's ID card must still be valid today. No message override: the engine's own
 * messages tell "expired" from "expires within 30 days" and "validity unknown".
 */
export const idCardNotExpired: RuleInput = { kind: 'not-expired', ref: person('idCardValidUntil') };

/** Format checks on the applicant block of the form. */
export const APPLICANT_RULES: readonly RuleInput[] = [
  { kind: 'field-format', ref: field('name'), format: 'person-name' },
  { kind: 'field-format', ref: field('idNumber'), format: 'id-number' },
  { kind: 'field-format', ref: field('phone'), format: 'mobile' },
];

/** A name and ID number read off a document must be the applicant's own. */
export function matchesApplicant(material: string, what: 'name' | 'idNumber' = 'name', key: string = what): RuleInput {
  return {
    kind: 'equals',
    left: onMaterial(material, key),
    right: person(what),
    ...(what === 'idNumber' && { message: '证件上的公民身份号码与申请人身份证不一致，请核对' }),
  };
}

export function sameValue(left: ValueRef, right: ValueRef, message: string): RuleInput {
  return { kind: 'equals', left, right, message };
}

/** Where a rule's parameters come from; a local one (county or province policy) says so. */
export interface RuleSource {
  source: string;
  local?: boolean;
  /** A local limit is a warning unless the item says it binds (error). */
  severity?: 'error' | 'warning';
}

/**
 * Age in completed years, both bounds inclusive ("under 60" is maxAge 59). The engine's message
 * states the age found; every age condition names its source, here or spread in beside it (the
 * catalogue test checks it).
 */
export function ageRange(minAge: number | undefined, maxAge?: number, from?: RuleSource): RuleInput {
  return {
    kind: 'age-range',
    ...(minAge !== undefined && { minAge }),
    ...(maxAge !== undefined && { maxAge }),
    ...(from && { source: from.source }),
    ...(from?.local !== undefined && { local: from.local }),
    ...(from?.severity !== undefined && { severity: from.severity }),
  };
}

/**
 * The checks every capture needs: photo quality and page count on each document photo, a
 * signature on each signed material. `portraits` maps a material id to portrait thresholds
 * (documents keep the defaults). The 容缺承诺书 is left to the tolerance-allowed rule, which
 * asks for it only when something is actually tolerated.
 */
export function captureRules(
  materials: readonly MaterialInput[],
  portraits: Record<string, Partial<PhotoThresholds>> = {},
): RuleInput[] {
  const rules: RuleInput[] = [];
  for (const m of materials) {
    if (m.kind === 'document-photo') {
      const thresholds = portraits[m.id];
      rules.push({ kind: 'photo-quality', material: m.id, ...(thresholds && { thresholds }) });
      rules.push({ kind: 'page-count', material: m.id });
    }
    if (m.kind === 'signature' && m.id !== 'tolerance-commitment')
      rules.push({ kind: 'signature-present', material: m.id });
  }
  return rules;
}

export const TOLERANCE_RULE: RuleInput = { kind: 'tolerance-allowed', commitmentMaterial: 'tolerance-commitment' };
