// Everything a rule needs to read, prepared once per evaluation: requirements and captured
// materials by id, and ValueRef resolution (value, Chinese label, finding target).
import { materialSignatures, type Material, type Signature } from '../schemas/case';
import type { FormField, MaterialRequirement, PersonFieldKey, ServiceItem, ValueRef } from '../schemas/catalog';
import type { Person } from '../schemas/person';
import { alternativesView, type AlternativesView } from './alternatives';
import { PERSON_FIELD_LABELS } from './labels';
import type { CapturedMaterial, EvaluationInput, FindingTarget } from './types';

export interface EvaluationContext {
  readonly input: EvaluationInput;
  readonly item: ServiceItem;
  readonly today: string;
  readonly fieldOrder: ReadonlyMap<string, number>;
  readonly materialOrder: ReadonlyMap<string, number>;
  requirement(id: string): MaterialRequirement | undefined;
  /** The captured view of a requirement (empty when nothing was captured); undefined for unknown ids. */
  captured(id: string): CapturedMaterial | undefined;
  /** Tolerance is claimed and accepted for this requirement (see isTolerated). */
  tolerated(id: string): boolean;
  /** Captured or tolerated. */
  given(id: string): boolean;
  /** The item's 或 choices as captured so far. */
  readonly alternatives: AlternativesView;
  /** Trimmed value; undefined when empty or absent. */
  value(ref: ValueRef): string | undefined;
  label(ref: ValueRef): string;
  target(ref: ValueRef): FindingTarget;
  field(key: string): FormField | undefined;
}

const nonEmpty = (s: string | undefined) => {
  const t = s?.trim();
  return t ? t : undefined;
};

export function personValue(p: Person, key: PersonFieldKey): string | undefined {
  switch (key) {
    case 'idCardIssuedOn':
      return p.idCard?.issuedOn;
    case 'idCardValidUntil':
      return p.idCard?.validUntil;
    default:
      return p[key];
  }
}

function mergeMaterials(requirement: MaterialRequirement, rows: readonly Material[]): CapturedMaterial {
  // One row is the usual case: reuse its arrays instead of copying.
  const first = rows[0];
  const pages = rows.length === 1 && first ? first.pages : rows.flatMap((m) => m.pages);
  const signature = rows.find((m) => m.signature)?.signature;
  // One signature per signer: a later row's signature of the same person replaces an earlier one.
  const bySigner = new Map<string, Signature>();
  for (const s of rows.flatMap(materialSignatures)) bySigner.set(s.personId ?? `main:${s.sha256}`, s);
  const signatures = rows.length === 1 && first ? materialSignatures(first) : [...bySigner.values()];
  const licenceRef = rows.find((m) => m.licenceRef?.trim())?.licenceRef?.trim();
  const data =
    rows.length === 1 && first ? first.data : (Object.assign({}, ...rows.map((m) => m.data)) as Record<string, string>);
  const hasData = Object.values(data).some((v) => v.trim() !== '');
  const present =
    pages.length > 0 || signatures.length > 0 || licenceRef !== undefined || (requirement.kind === 'data' && hasData);
  return { requirement, pages, signature, signatures, licenceRef, data, present };
}

/** Tolerated: missing, tolerable, the item allows tolerance, and the case claims it. */
export function isTolerated(input: EvaluationInput, requirement: MaterialRequirement, present: boolean): boolean {
  return (
    !present &&
    input.item.toleranceAllowed &&
    requirement.requirement === 'tolerable' &&
    input.caseData.tolerance.some((t) => t.requirementId === requirement.id)
  );
}

export function createContext(input: EvaluationInput): EvaluationContext {
  const { item, caseData, applicant } = input;
  const requirements = new Map(item.materials.map((r) => [r.id, r]));
  const fields = new Map(item.fields.map((f) => [f.key, f]));
  const fieldOrder = new Map(item.fields.map((f, i) => [f.key, i]));
  const materialOrder = new Map(item.materials.map((r, i) => [r.id, i]));
  const profileFields = new Map<string, FormField>();
  for (const f of item.fields)
    if (f.fromProfile && !profileFields.has(f.fromProfile)) profileFields.set(f.fromProfile, f);

  // Rows sorted so that merging never depends on the order the caller passed them in.
  const rowsByRequirement = new Map<string, Material[]>();
  const rows = [...input.materials].sort(
    (a, b) => a.updatedAt - b.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  for (const m of rows) {
    const list = rowsByRequirement.get(m.requirementId);
    if (list) list.push(m);
    else rowsByRequirement.set(m.requirementId, [m]);
  }
  const captured = new Map<string, CapturedMaterial>();
  for (const r of item.materials) captured.set(r.id, mergeMaterials(r, rowsByRequirement.get(r.id) ?? []));

  const tolerated = (id: string) => {
    const c = captured.get(id);
    return c !== undefined && isTolerated(input, c.requirement, c.present);
  };
  const given = (id: string) => (captured.get(id)?.present ?? false) || tolerated(id);

  const ctx: EvaluationContext = {
    input,
    alternatives: alternativesView(item, given),
    given,
    item,
    today: input.today,
    fieldOrder,
    materialOrder,
    requirement: (id) => requirements.get(id),
    captured: (id) => captured.get(id),
    tolerated,
    field: (key) => fields.get(key),
    value(ref) {
      switch (ref.source) {
        case 'field':
          return nonEmpty(caseData.fields[ref.key]);
        case 'person':
          return nonEmpty(personValue(applicant, ref.key));
        case 'material':
          return nonEmpty(captured.get(ref.material)?.data[ref.key]);
      }
    },
    label(ref) {
      switch (ref.source) {
        case 'field':
          return fields.get(ref.key)?.label ?? ref.key;
        case 'person':
          return `申请人${PERSON_FIELD_LABELS[ref.key]}`;
        case 'material': {
          const r = requirements.get(ref.material);
          const dataLabel = r?.dataFields.find((f) => f.key === ref.key)?.label ?? ref.key;
          return `${r?.name ?? ref.material}上的${dataLabel}`;
        }
      }
    },
    target(ref) {
      switch (ref.source) {
        case 'field':
          return { type: 'field', key: ref.key };
        case 'person': {
          // Point at the form field filled from this profile value, when the form has one.
          const f = profileFields.get(ref.key);
          return f ? { type: 'field', key: f.key } : { type: 'case', ref: `person.${ref.key}` };
        }
        case 'material':
          return { type: 'material', id: ref.material, field: ref.key };
      }
    },
  };
  return ctx;
}
