// Field-level difference between two versions of an item (the admin's draft against the published
// one): every leaf path that was added, removed or changed. Arrays of objects with an id (`key` for
// fields, `id` for materials) are matched by it, so inserting one material is one addition, not a
// change of every later index.
export interface ItemChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function identity(v: Json): string | undefined {
  if (!isObject(v)) return undefined;
  if (typeof v.id === 'string') return v.id;
  if (typeof v.key === 'string') return v.key;
  return undefined;
}

function keyed(list: Json[]): Map<string, Json> | undefined {
  const map = new Map<string, Json>();
  for (const v of list) {
    const id = identity(v);
    if (id === undefined || map.has(id)) return undefined;
    map.set(id, v);
  }
  return map;
}

function walk(before: Json, after: Json, path: string, out: ItemChange[]): void {
  const at = (k: string) => (path ? `${path}.${k}` : k);
  if (Array.isArray(before) && Array.isArray(after)) {
    const a = keyed(before),
      b = keyed(after);
    if (a && b) {
      for (const [id, v] of a) walk(v, b.has(id) ? b.get(id) : undefined, at(id), out);
      for (const [id, v] of b) if (!a.has(id)) walk(undefined, v, at(id), out);
      return;
    }
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) walk(before[i], after[i], at(String(i)), out);
    return;
  }
  if (isObject(before) && isObject(after)) {
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) walk(before[k], after[k], at(k), out);
    return;
  }
  if (before === undefined && after === undefined) return;
  if (before === undefined) out.push({ path, kind: 'added', after });
  else if (after === undefined) out.push({ path, kind: 'removed', before });
  else if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path, kind: 'changed', before, after });
}

/** Changes from `before` to `after`; the version number itself is not a change. */
export function diffItems(before: Json, after: Json): ItemChange[] {
  const strip = (v: Json) => (isObject(v) ? { ...v, version: undefined } : v);
  const out: ItemChange[] = [];
  walk(strip(before), strip(after), '', out);
  return out;
}
