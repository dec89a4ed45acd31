// Person profiles (群众档案): typed once, reused by every case.
import {
  type Actor,
  Person,
  type PersonField,
  type PersonInput,
  type Relation,
  settlePersonConflicts,
  stampPersonEdit,
} from '../domain';
import { makeAudit } from './audit';
import { getDb } from './connection';
import type { DaibanDb, PersonRow } from './db';
import { DuplicatePersonError, StorageError } from './errors';
import { completePinyinBackfill } from './pinyin-backfill';
import { loadSearchKeys } from './pinyin';
import { onDatabaseReady } from './ready-tasks';
import { queryToken } from './person-index';
import { writeTransaction } from './transaction';
import { parseInput, parseRow, parseRows } from './validate';
import { openRows } from './sealing';

const toPerson = (row: unknown) => parseRow(Person, row, '群众档案', 'persons');

// Person search keys written before schema v2 get their pinyin once a page opens the database.
onDatabaseReady(completePinyinBackfill);

/** A second profile with the same ID number is refused (`storage.conflict`). */
async function refuseTwin(db: DaibanDb, p: Person, idToken = queryToken('id', p.idNumber.toUpperCase())) {
  const twin = (await db.persons.where('search').equals(idToken).toArray()).find(
    (other) => other.idNumber.toUpperCase() === p.idNumber.toUpperCase(),
  );
  if (twin && twin.id !== p.id) {
    throw new DuplicatePersonError(twin, p.idNumber);
  }
}

/**
 * Saves a profile and its audit event in one transaction. Search keys (pinyin initials, name
 * characters) are computed first, outside the transaction. Refuses a second profile with the
 * same ID number (`storage.conflict`).
 */
export async function savePerson(input: PersonInput, actor: Actor, deviceId: string): Promise<Person> {
  const edited = parseInput(Person, input, '群众档案');
  const initials = await loadSearchKeys(edited.name);
  const idToken = queryToken('id', edited.idNumber.toUpperCase());
  return writeTransaction(['persons', 'audit'], async (db) => {
    await refuseTwin(db, edited, idToken);
    const previous = await db.persons.get(edited.id);
    // Per-field edit times: another device's edits of other fields merge in (mergePerson).
    const person = stampPersonEdit(previous && parseInput(Person, previous, '群众档案'), edited, edited.updatedAt);
    await db.persons.put({ ...person, initials });
    await db.audit.add(
      makeAudit({
        entity: 'person',
        entityId: person.id,
        action: previous ? 'person.update' : 'person.create',
        actor,
        deviceId,
      }),
    );
    return person;
  });
}

/**
 * The agent's answer to a field's conflicts (values another device wrote over): `value` becomes
 * the field's value and the conflicts close (settlePersonConflicts), with an audit event.
 */
export async function settleConflicts(
  id: string,
  field: PersonField,
  value: unknown,
  actor: Actor,
  deviceId: string,
  now = Date.now(),
): Promise<Person> {
  const initials = field === 'name' && typeof value === 'string' ? await loadSearchKeys(value) : undefined;
  return writeTransaction(['persons', 'audit'], async (db) => {
    const row = await db.persons.get(id);
    if (!row) throw new StorageError('storage.not_found', '找不到这份档案');
    const person = parseInput(Person, settlePersonConflicts(toPerson(row), field, value, now), '群众档案');
    if (field === 'idNumber') await refuseTwin(db, person);
    await db.persons.put({ ...person, initials: initials ?? row.initials });
    await db.audit.add(
      makeAudit({ entity: 'person', entityId: id, action: 'person.conflict_settled', detail: field, actor, deviceId }),
    );
    return person;
  });
}

export async function getPerson(id: string): Promise<Person | undefined> {
  const row = await getDb().persons.get(id);
  return row && toPerson(row);
}

export async function getPersonByIdNumber(idNumber: string): Promise<Person | undefined> {
  const id = idNumber.toUpperCase();
  const rows = await getDb().persons.where('search').equals(queryToken('id', id)).toArray();
  const row = rows.find((p) => p.idNumber.toUpperCase() === id);
  return row && toPerson(row);
}

/**
 * Finds persons by what an agent types: name prefix (张), a name character (三), pinyin
 * initials or full pinyin prefix (zs, zhangs), ID number prefix or phone prefix (digits).
 * Exact name matches come first, then the most recently updated.
 */
export async function searchPersons(query: string, limit = 20): Promise<Person[]> {
  const q = query.trim().replace(/\s+/g, '');
  if (q === '') return [];
  const db = getDb();
  const found = new Map<string, PersonRow>();
  const cap = limit * 4;
  // Blind-index lookups (person-index.ts); each hit is checked on the decrypted row, which also
  // covers queries longer than the indexed prefixes.
  const add = async (field: Parameters<typeof queryToken>[0], text: string, hit: (p: PersonRow) => boolean) => {
    const rows = await db.persons.where('search').equals(queryToken(field, text)).limit(cap).toArray();
    await openRows(rows);
    for (const r of rows) if (hit(r)) found.set(r.id, r);
  };
  if (/^\d+[\dxX]?$/.test(q)) {
    const id = q.toUpperCase();
    await add('id', id, (p) => p.idNumber.toUpperCase().startsWith(id));
    await add('phone', q, (p) => (p.phone ?? '').startsWith(q));
  } else if (/^[a-zA-Z]+$/.test(q)) {
    const key = q.toLowerCase();
    await add('key', key, (p) => (p.initials ?? []).some((k) => k.startsWith(key)));
  } else {
    await add('name', q, (p) => p.name.startsWith(q));
    if (Array.from(q).length === 1) await add('key', q, (p) => (p.initials ?? []).includes(q));
  }
  const rank = (p: PersonRow) => (p.name === q ? 0 : 1);
  const sorted = [...found.values()].sort((a, b) => rank(a) - rank(b) || b.updatedAt - a.updatedAt);
  return parseRows(Person, sorted.slice(0, limit), 'persons');
}

export interface PersonListOptions {
  villageCode?: string;
  offset?: number;
  limit?: number;
}

/** Profiles, most recently updated first. */
export async function listPersons({ villageCode, offset = 0, limit = 50 }: PersonListOptions = {}): Promise<Person[]> {
  const db = getDb();
  const rows = villageCode
    ? (await db.persons.where('villageCode').equals(villageCode).reverse().sortBy('updatedAt')).slice(
        offset,
        offset + limit,
      )
    : await db.persons.orderBy('updatedAt').reverse().offset(offset).limit(limit).toArray();
  await openRows(rows);
  return parseRows(Person, rows, 'persons');
}

export const countPersons = (): Promise<number> => getDb().persons.count();

const INVERSE: Record<Relation, Relation> = {
  spouse: 'spouse',
  child: 'parent',
  parent: 'child',
  sibling: 'sibling',
  grandchild: 'grandparent',
  grandparent: 'grandchild',
  other: 'other',
};

export interface HouseholdMember {
  person: Person;
  relation: Relation;
}

/**
 * The person's household: the links on their own profile, plus persons whose profile links to
 * them (relation inverted: if B lists A as parent, A sees B as child). `relation` is what the
 * member is to `personId`.
 */
export async function listHousehold(personId: string): Promise<HouseholdMember[]> {
  const db = getDb();
  const self = await db.persons.get(personId);
  if (!self) return [];
  const relations = new Map<string, Relation>();
  for (const link of self.household ?? []) relations.set(link.personId, link.relation);
  // Reverse links: a full scan is fine for one village's profiles (hundreds to a few thousand).
  await db.persons.each((p) => {
    const link = p.household?.find((l) => l.personId === personId);
    if (link && !relations.has(p.id)) relations.set(p.id, INVERSE[link.relation]);
  });
  relations.delete(personId);
  const rows = await db.persons.bulkGet([...relations.keys()]);
  return rows.flatMap((row) => (row ? [{ person: toPerson(row), relation: relations.get(row.id)! }] : []));
}
