// Which return reasons make sense for a target of a 退回补正: a photo can be blurred, a phone number
// cannot. The reviewer's form offers only these as chips; codes stay the stored ReasonCode values.
import type { FieldType, FormField, MaterialKind, MaterialRequirement } from '../schemas/catalog';
import type { ReasonCode } from '../schemas/decision';

const BY_MATERIAL: Record<MaterialKind, readonly ReasonCode[]> = {
  'document-photo': [
    'blurred',
    'glare',
    'missing-pages',
    'incomplete',
    'inconsistent-with-id',
    'expired',
    'wrong-form-version',
    'other',
  ],
  signature: ['missing-signature', 'not-signer', 'wrong-form-version', 'incomplete', 'other'],
  'e-licence': ['expired', 'inconsistent-with-id', 'not-applicants', 'other'],
  data: ['wrong-value', 'inconsistent-with-id', 'incomplete', 'other'],
};

const BY_FIELD: Record<FieldType, readonly ReasonCode[]> = {
  phone: ['wrong-number', 'not-applicants', 'other'],
  'bank-card': ['wrong-number', 'not-applicants', 'other'],
  'id-number': ['inconsistent-with-id', 'wrong-number', 'other'],
  name: ['inconsistent-with-id', 'wrong-value', 'other'],
  date: ['inconsistent-with-id', 'wrong-value', 'other'],
  'division-code': ['inconsistent-with-id', 'wrong-value', 'other'],
  'disability-card': ['inconsistent-with-id', 'wrong-number', 'other'],
  uscc: ['wrong-number', 'other'],
  'business-name': ['wrong-value', 'other'],
  text: ['wrong-value', 'other'],
  textarea: ['wrong-value', 'other'],
  number: ['wrong-value', 'other'],
  select: ['wrong-value', 'other'],
};

export type ReturnTarget =
  { kind: 'material'; material: Pick<MaterialRequirement, 'kind'> } | { kind: 'field'; field: Pick<FormField, 'type'> };

/** The reasons a reviewer may give for this target, in the order the form shows them. */
export function reasonsFor(target: ReturnTarget): readonly ReasonCode[] {
  return target.kind === 'material' ? BY_MATERIAL[target.material.kind] : BY_FIELD[target.field.type];
}
