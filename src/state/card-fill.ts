// A card reading put into the profile form: empty fields are filled and marked for the agent to
// confirm; fields that already hold something are never overwritten, a difference is a finding.
import type { Issue } from '../domain/result';
import { crossCheckBack, crossCheckFront, type ProfileFacts } from '../domain/idcard/cross-check';
import type { BackReading } from '../domain/idcard/read-back';
import type { FrontReading } from '../domain/idcard/read-front';
import { validateIdNumber } from '../domain/validators/id-number';
import type { PersonDraft, PersonDraftKey } from './person-form';

export interface CardFill {
  draft: PersonDraft;
  /** Fields given a value from the card (now awaiting confirmation). */
  filled: PersonDraftKey[];
  /** Differences with what the profile already says, and checks of the read values. */
  findings: Issue[];
}

/** The ethnicity a new form starts with: for a new profile it counts as empty. */
const DEFAULT_ETHNICITY = '汉族';

function facts(d: PersonDraft, today: string): ProfileFacts {
  const id = validateIdNumber(d.idNumber, today);
  return {
    name: d.name,
    idNumber: d.idNumber,
    ethnicity: d.ethnicity,
    address: d.address,
    birthDate: id.ok ? id.value.birthDate : undefined,
    idCardIssuedOn: d.idCardIssuedOn,
  };
}

function fill(
  draft: PersonDraft,
  values: Partial<Record<PersonDraftKey, string | undefined>>,
  isNew: boolean,
): { draft: PersonDraft; filled: PersonDraftKey[] } {
  const next = { ...draft };
  const filled: PersonDraftKey[] = [];
  for (const [k, v] of Object.entries(values) as [PersonDraftKey, string | undefined][]) {
    if (!v) continue;
    const now = draft[k].trim();
    const empty = now === '' || (isNew && k === 'ethnicity' && now === DEFAULT_ETHNICITY);
    if (!empty || now === v) continue;
    next[k] = v;
    filled.push(k);
  }
  if (filled.length) next.ocrPending = [...new Set([...(draft.ocrPending ?? []), ...filled])];
  return { draft: next, filled };
}

export function fillFromFront(draft: PersonDraft, r: FrontReading, isNew: boolean, today: string): CardFill {
  const out = fill(draft, { name: r.name, idNumber: r.idNumber, ethnicity: r.ethnicity, address: r.address }, isNew);
  return { ...out, findings: crossCheckFront(r, facts(out.draft, today)) };
}

export function fillFromBack(draft: PersonDraft, r: BackReading, isNew: boolean, today: string): CardFill {
  const out = fill(draft, { idCardIssuedOn: r.issuedOn }, isNew);
  return { ...out, findings: crossCheckBack(r, facts(out.draft, today), today) };
}

/** The agent checked these fields against the card. */
export const confirmRead = (d: PersonDraft, keys: readonly PersonDraftKey[]): PersonDraft => {
  const left = (d.ocrPending ?? []).filter((k) => !keys.includes(k));
  const { ocrPending: _was, ...rest } = d;
  return left.length ? { ...rest, ocrPending: left } : rest;
};
