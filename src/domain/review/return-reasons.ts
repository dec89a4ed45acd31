// Which return reasons make sense for a target of a 退回补正: a photo can be blurred, a phone number
// cannot. The reviewer's form offers only these as chips; codes stay the stored ReasonCode values.
import type { FieldType, FormField, MaterialKind, MaterialRequirement } from '../schemas/catalog';
import { REASON_LABELS, type ReasonCode } from '../schemas/decision';

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

const FIELD_PREFIX = 'field:';

/** The material (by id) or the field (`field:<key>`) a return's target names in `item`. */
function targetIn<M extends { id: string }, F extends { key: string }>(
  item: { materials: readonly M[]; fields: readonly F[] },
  target: string,
): { material: M; field?: undefined } | { material?: undefined; field: F } | undefined {
  const material = item.materials.find((m) => m.id === target);
  if (material) return { material };
  const field = target.startsWith(FIELD_PREFIX)
    ? item.fields.find((f) => f.key === target.slice(FIELD_PREFIX.length))
    : undefined;
  return field && { field };
}

/** What a return's target is called for people: the material's name, or the field's label. */
export function returnTargetName(
  item: {
    materials: readonly Pick<MaterialRequirement, 'id' | 'name'>[];
    fields: readonly Pick<FormField, 'key' | 'label'>[];
  },
  target: string,
): string {
  const found = targetIn(item, target);
  return found?.material?.name ?? found?.field?.label ?? target;
}

export interface MisfitReason {
  target: string;
  code: ReasonCode;
  problem: 'unknown-target' | 'not-applicable';
  message: string;
}

/**
 * The reasons of a 退回补正 that do not fit the item: a target that is neither one of its materials
 * nor `field:<key>` of one of its fields (nothing would reopen on the tablet), or a reason the form
 * never offers for that kind of target (照片模糊 on a phone number). Empty when all fit.
 */
export function misfitReasons(
  item: {
    materials: readonly Pick<MaterialRequirement, 'id' | 'name' | 'kind'>[];
    fields: readonly Pick<FormField, 'key' | 'label' | 'type'>[];
  },
  reasons: readonly { target: string; code: ReasonCode }[],
): MisfitReason[] {
  const out: MisfitReason[] = [];
  for (const r of reasons) {
    const found = targetIn(item, r.target);
    if (!found) {
      out.push({
        target: r.target,
        code: r.code,
        problem: 'unknown-target',
        message: `退回对象“${r.target}”不是本事项的材料或填写项`,
      });
      continue;
    }
    const { material, field } = found;
    const target: ReturnTarget = material ? { kind: 'material', material } : { kind: 'field', field: field! };
    if (!reasonsFor(target).includes(r.code)) {
      const what = material ? material.name : `填写项“${field!.label}”`;
      out.push({
        target: r.target,
        code: r.code,
        problem: 'not-applicable',
        message: `“${REASON_LABELS[r.code]}”不适用于${what}`,
      });
    }
  }
  return out;
}
