// Two devices may edit one profile (群众档案) offline. Profiles merge field by field: the newer edit
// of each field wins, and when both devices changed the same field without seeing each other's
// value, the replaced value is kept in `conflicts` so the agent sees it and decides — never lost
// silently. The merge is deterministic and idempotent: server and devices converge.
import type { Person } from '../schemas/person';

/** The fields an agent edits; everything else is identity or bookkeeping. */
export const PERSON_FIELDS = [
  'name',
  'sex',
  'idNumber',
  'birthDate',
  'ethnicity',
  'phone',
  'address',
  'divisionCode',
  'idCard',
  'bankCard',
  'bankName',
  'household',
] as const satisfies readonly (keyof Person)[];
export type PersonField = (typeof PERSON_FIELDS)[number];

interface Stamp {
  at: number;
  from: number;
}
type Conflict = NonNullable<Person['conflicts']>[number];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** A field's stamp; a profile without stamps (older app) dates every field at its updatedAt. */
function stampOf(p: Person, f: PersonField): Stamp {
  const s = p.fieldsAt?.[f];
  if (s) return s;
  const t = p.fieldsAt ? p.createdAt : p.updatedAt;
  return { at: t, from: t };
}

function withField(p: Person, f: PersonField, value: unknown): Person {
  const next = { ...p } as Record<string, unknown>;
  if (value === undefined) delete next[f];
  else next[f] = value;
  return next as Person;
}

/**
 * Stamps the fields `next` changed against `previous` (the stored copy) at `now`. Editing a field
 * settles its open conflicts (the agent saw them on the form).
 */
export function stampPersonEdit(previous: Person | undefined, next: Person, now: number): Person {
  if (!previous) {
    // A new profile: every field dates from its creation.
    const t = Math.min(next.createdAt, now);
    const fieldsAt = Object.fromEntries(PERSON_FIELDS.map((f) => [f, { at: t, from: t }]));
    return { ...next, fieldsAt, conflicts: [] };
  }
  const fieldsAt: Record<string, Stamp> = {};
  for (const f of PERSON_FIELDS) fieldsAt[f] = stampOf(previous, f);
  const conflicts = previous.conflicts ?? [];
  for (const f of PERSON_FIELDS) {
    if (same(previous[f], next[f])) continue;
    const seen = Math.max(fieldsAt[f]!.at, ...conflicts.filter((c) => c.field === f).map((c) => c.at));
    fieldsAt[f] = { at: Math.max(now, seen), from: seen };
  }
  return { ...next, fieldsAt, conflicts: openConflicts(conflicts, fieldsAt) };
}

const openConflicts = (conflicts: Conflict[], fieldsAt: Record<string, Stamp>) =>
  conflicts.filter((c) => c.at > (fieldsAt[c.field]?.from ?? 0));

const conflictKey = (c: Conflict) => `${c.field}|${c.at}|${JSON.stringify(c.value ?? null)}`;

/** Merges two copies of one profile; the result is the same whichever copy comes first. */
export function mergePerson(a: Person, b: Person): Person {
  if (a.id !== b.id) throw new Error('mergePerson: different persons');
  let merged: Person = { ...(a.updatedAt >= b.updatedAt ? a : b) };
  const fieldsAt: Record<string, Stamp> = {};
  // Per field, the newest value either copy replaced knowingly: older conflicts are settled.
  const seen: Record<string, Stamp> = {};
  const conflicts = new Map<string, Conflict>();
  for (const c of [...(a.conflicts ?? []), ...(b.conflicts ?? [])]) conflicts.set(conflictKey(c), c);
  for (const f of PERSON_FIELDS) {
    const sa = stampOf(a, f);
    const sb = stampOf(b, f);
    seen[f] = { at: 0, from: Math.max(sa.from, sb.from) };
    if (same(a[f], b[f])) {
      fieldsAt[f] = { at: Math.max(sa.at, sb.at), from: Math.max(sa.from, sb.from) };
      merged = withField(merged, f, a[f]);
      continue;
    }
    // Newer edit wins; on a tie the larger value, so both sides pick the same one.
    const aWins = sa.at !== sb.at ? sa.at > sb.at : JSON.stringify(a[f] ?? null) > JSON.stringify(b[f] ?? null);
    const [win, lose, sw, sl] = aWins ? [a, b, sa, sb] : [b, a, sb, sa];
    merged = withField(merged, f, win[f]);
    fieldsAt[f] = sw;
    // The loser's value is a concurrent edit when the winner never saw it (edited from an older value).
    if (sl.at > sw.from) {
      const c: Conflict = { field: f, value: lose[f] ?? null, at: sl.at };
      conflicts.set(conflictKey(c), c);
    }
  }
  return {
    ...merged,
    createdAt: Math.min(a.createdAt, b.createdAt),
    updatedAt: Math.max(a.updatedAt, b.updatedAt),
    fieldsAt,
    conflicts: openConflicts(
      [...conflicts.values()].sort((x, y) => x.at - y.at || conflictKey(x).localeCompare(conflictKey(y))),
      seen,
    ).slice(-20),
  };
}

/**
 * The agent settles a field's open conflicts by choosing `value` (the shown one, or a value
 * another device replaced). The choice is a new edit that has seen every conflicting value, so
 * the conflicts close here and, once merged, on every device that holds them.
 */
export function settlePersonConflicts(p: Person, field: PersonField, value: unknown, now: number): Person {
  const conflicts = p.conflicts ?? [];
  const fieldsAt: Record<string, Stamp> = {};
  for (const f of PERSON_FIELDS) fieldsAt[f] = stampOf(p, f);
  const seen = Math.max(fieldsAt[field]!.at, ...conflicts.filter((c) => c.field === field).map((c) => c.at));
  fieldsAt[field] = { at: Math.max(now, seen), from: seen };
  return {
    ...withField(p, field, value),
    updatedAt: Math.max(p.updatedAt, now),
    fieldsAt,
    conflicts: openConflicts(conflicts, fieldsAt),
  };
}
