// Blind indexes of person profiles: what searchPersons matches, stored as keyed hashes
// (vault.blindToken) in one multi-entry index `search`, instead of plaintext name / ID / phone
// indexes. Prefix search is kept by indexing the token of every prefix up to a bound; a longer
// query looks up its bounded prefix and the decrypted rows are checked against the whole query.
import { blindToken } from './vault';

/** Token namespaces: a name prefix never matches an ID prefix. */
const KIND = { name: 'n', key: 'k', id: 'i', phone: 'p' } as const;
/** Bounds per field (chars). Names are 2–4 characters; pinyin keys rarely exceed 12 letters. */
export const PREFIX_BOUNDS = { name: 6, key: 12, id: 18, phone: 11 } as const;

type Field = keyof typeof KIND;

function prefixes(text: string, max: number): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let n = 1; n <= Math.min(chars.length, max); n++) out.push(chars.slice(0, n).join(''));
  return out;
}

const token = (field: Field, text: string) => blindToken(KIND[field], text);

export interface IndexedPerson {
  name?: unknown;
  idNumber?: unknown;
  phone?: unknown;
  initials?: unknown;
}

/** Every token of a profile (name prefixes, search-key prefixes, ID and phone prefixes). */
export function personTokens(p: IndexedPerson): string[] {
  const out = new Set<string>();
  const add = (field: Field, text: unknown) => {
    if (typeof text !== 'string' || text === '') return;
    for (const pre of prefixes(text, PREFIX_BOUNDS[field])) out.add(token(field, pre));
  };
  add('name', p.name);
  for (const k of Array.isArray(p.initials) ? p.initials : []) add('key', k);
  add('id', typeof p.idNumber === 'string' ? p.idNumber.toUpperCase() : undefined);
  add('phone', p.phone);
  return [...out];
}

/** The token to look up for a query on `field` (the query cut to the field's bound). */
export function queryToken(field: Field, query: string): string {
  return token(field, Array.from(query).slice(0, PREFIX_BOUNDS[field]).join(''));
}
