// Typed once, reused everywhere: the form values a person profile fills (fields marked
// `fromProfile`). The workbench, the demo seed and test fixtures all prefill through here.
import { personValue } from './rules/context';
import type { PersonFieldKey, ServiceItem } from './schemas/catalog';
import type { Person } from './schemas/person';

/** A profile value as a form shows it ('' when the profile lacks it; a long-term card reads 长期). */
export function profileFieldValue(p: Person, key: PersonFieldKey): string {
  const v = personValue(p, key);
  return v === 'long-term' ? '长期' : (v ?? '');
}

/** Form values taken from the profile for every field marked `fromProfile`. */
export function prefillFields(item: ServiceItem, applicant: Person): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const f of item.fields) {
    const v = f.fromProfile ? profileFieldValue(applicant, f.fromProfile) : '';
    if (v) fields[f.key] = v;
  }
  return fields;
}
