// Form values filled from the profile (`fromProfile`) must still say what the profile says: an agent
// who edits a prefilled name or ID number on the form alone sends the office a case whose applicant
// and form disagree. Identity fields are errors; contact and payment details are warnings. Updating
// the profile to the new value (the form then equals it again) clears the finding.
import type { FormField, PersonFieldKey } from '../../schemas/catalog';
import { profileFieldValue } from '../../prefill';
import { compactNumber, toHalfWidth } from '../../validators/normalise';
import type { EvaluationContext } from '../context';
import { finding } from '../findings';
import { PERSON_FIELD_LABELS } from '../labels';
import type { Finding } from '../types';

/** Fields that identify the applicant: a form that disagrees with the profile names someone else. */
export const IDENTITY_FIELDS: ReadonlySet<PersonFieldKey> = new Set(['name', 'idNumber', 'sex', 'birthDate']);

const MAINLAND_PREFIX = /^(?:\(\+86\)|\+86|0086)/;

/** The form in which a profile value and a form value are compared (spacing, width, case, 长期). */
export function comparableValue(key: PersonFieldKey, value: string): string {
  const v = toHalfWidth(value.normalize('NFC')).trim();
  switch (key) {
    case 'idNumber':
    case 'bankCard':
    case 'divisionCode':
      return compactNumber(v).toUpperCase();
    case 'phone':
      return compactNumber(v).replace(MAINLAND_PREFIX, '');
    case 'idCardValidUntil':
      return v === 'long-term' ? '长期' : v;
    default:
      return v.replace(/\s+/gu, '');
  }
}

function driftFinding(field: FormField, key: PersonFieldKey, ctx: EvaluationContext): Finding[] {
  const formValue = ctx.input.caseData.fields[field.key]?.trim();
  const profileValue = profileFieldValue(ctx.input.applicant, key).trim();
  // An empty form value is left to `required`; a profile without the value has nothing to drift from.
  if (!formValue || !profileValue) return [];
  if (comparableValue(key, formValue) === comparableValue(key, profileValue)) return [];
  const shown =
    key === 'sex' ? (field.options?.find((o) => o.value === profileValue)?.label ?? profileValue) : profileValue;
  const what = PERSON_FIELD_LABELS[key];
  const identity = IDENTITY_FIELDS.has(key);
  const message = identity
    ? `「${field.label}」与群众档案中的${what}“${shown}”不一致：请改回档案值；若档案有误，请先核对证件并更新档案`
    : `「${field.label}」与群众档案中的${what}“${shown}”不一致：请改回档案值，或确认新值后更新档案`;
  return [
    finding('profile.drift', identity ? 'error' : 'warning', message, { type: 'field', key: field.key }, 'equals'),
  ];
}

/** `found`: the findings so far; a field whose value is already an error (wrong format) gets only that one. */
export function profileDriftFindings(ctx: EvaluationContext, found: readonly Finding[]): Finding[] {
  const failing = new Set(
    found.flatMap((f) => (f.severity === 'error' && f.target.type === 'field' ? [f.target.key] : [])),
  );
  return ctx.item.fields.flatMap((f) =>
    f.fromProfile && !failing.has(f.key) ? driftFinding(f, f.fromProfile, ctx) : [],
  );
}
