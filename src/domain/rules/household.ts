// The applicant's household as the rules see it: who must co-sign a household material (every adult,
// the applicant included) and how many people a 户口簿 of the household should show.
import { ageAt } from '../dates';
import type { Signature } from '../schemas/case';
import type { Person } from '../schemas/person';
import type { EvaluationInput } from './types';

export const ADULT_AGE = 18;

/** The household profiles linked from the applicant that the caller passed, without duplicates. */
export function householdMembers(input: Pick<EvaluationInput, 'applicant' | 'household'>): Person[] {
  const linked = new Set(input.applicant.household.map((l) => l.personId));
  const seen = new Set<string>([input.applicant.id]);
  const out: Person[] = [];
  for (const p of input.household ?? []) {
    if (!linked.has(p.id) || seen.has(p.id)) continue;
    seen.add(p.id);
    out.push(p);
  }
  return out;
}

const isAdult = (p: Person, today: string) => {
  try {
    return ageAt(p.birthDate, today) >= ADULT_AGE;
  } catch {
    return true; // an unreadable birth date: ask for the signature rather than skip it
  }
};

/** Who must sign: the applicant, then every adult household member (profile order). */
export function requiredSigners(input: Pick<EvaluationInput, 'applicant' | 'household' | 'today'>): Person[] {
  return [input.applicant, ...householdMembers(input).filter((p) => isAdult(p, input.today))];
}

/** Has `person` signed? The applicant's own signature may predate person ids (role applicant). */
export function hasSigned(person: Person, applicantId: string, signatures: readonly Signature[]): boolean {
  return signatures.some(
    (s) => s.personId === person.id || (person.id === applicantId && !s.personId && s.signerRole === 'applicant'),
  );
}
