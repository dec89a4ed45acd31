// The materials a rule is about: the ones it names, plus the ID card when it reads the card's dates
// from the profile (those dates come off the card). A rule whose every subject is not needed — the
// applicant chose another group of an alternative — does not run.
import type { Rule, ServiceItem, ValueRef } from '../schemas/catalog';
import { ruleMaterials } from './references';

const REF_KEYS = ['ref', 'left', 'right', 'at'] as const;
const ID_CARD_KEYS: ReadonlySet<string> = new Set(['idCardIssuedOn', 'idCardValidUntil']);

function readsIdCard(item: ServiceItem, ref: ValueRef): boolean {
  if (ref.source === 'person') return ID_CARD_KEYS.has(ref.key);
  if (ref.source === 'field') {
    const from = item.fields.find((f) => f.key === ref.key)?.fromProfile;
    return from !== undefined && ID_CARD_KEYS.has(from);
  }
  return false;
}

export function ruleSubjects(item: ServiceItem, rule: Rule): string[] {
  const subjects = new Set(ruleMaterials(rule));
  const record = rule as Record<string, unknown>;
  const refs = REF_KEYS.map((k) => record[k] as ValueRef | undefined).filter((r) => r !== undefined);
  if (refs.some((r) => readsIdCard(item, r))) {
    for (const m of item.materials) if (m.profilePhoto) subjects.add(m.id);
  }
  return [...subjects];
}
