// Form fields: required ones filled, and every value in the format its type implies. The same for
// the data fields typed from a captured material.
import type { FormField } from '../../schemas/catalog';
import type { EvaluationContext } from '../context';
import { finding } from '../findings';
import { checkFieldValue } from '../formats';
import type { Finding, FindingTarget } from '../types';
import { validationFindings } from '../validation-findings';

function fieldFindings(
  field: FormField,
  raw: string | undefined,
  label: string,
  target: FindingTarget,
  ctx: EvaluationContext,
): Finding[] {
  const value = raw?.trim();
  if (!value) {
    return field.required ? [finding('field.required', 'error', `请填写「${label}」`, target, 'required')] : [];
  }
  return validationFindings(checkFieldValue(field, value, ctx.today, ctx.input.place), label, target, 'field-format');
}

export function formFieldFindings(ctx: EvaluationContext): Finding[] {
  const values = ctx.input.caseData.fields;
  return ctx.item.fields.flatMap((f) => fieldFindings(f, values[f.key], f.label, { type: 'field', key: f.key }, ctx));
}

/** Data fields are checked once the material is captured; a missing material is reported as such. */
export function dataFieldFindings(ctx: EvaluationContext): Finding[] {
  const out: Finding[] = [];
  for (const r of ctx.item.materials) {
    const m = ctx.captured(r.id);
    if (!m?.present || r.dataFields.length === 0) continue;
    for (const f of r.dataFields) {
      out.push(
        ...fieldFindings(
          f,
          m.data[f.key],
          `${r.name}上的${f.label}`,
          { type: 'material', id: r.id, field: f.key },
          ctx,
        ),
      );
    }
  }
  return out;
}
