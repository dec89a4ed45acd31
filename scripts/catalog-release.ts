// `npm run catalog:release`: records what each built-in item is, as shipped, in
// src/catalog/released.json (its version and a fingerprint of its definition). A deployment's
// server takes a built-in item only when its version is higher than the one it holds
// (src/server/store/repos/catalog.ts), so an item changed without a new version would never reach
// a county that already runs the app. tests/catalog/released-versions.test.ts fails until the
// record matches the code, and this script refuses to record a changed item whose version (or
// the catalogue's CATALOG_VERSION) was not raised.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CATALOG, CATALOG_VERSION } from '../src/catalog';

export const RELEASED_FILE = new URL('../src/catalog/released.json', import.meta.url);

export interface Released {
  catalogVersion: number;
  items: Record<string, { version: number; fingerprint: string }>;
}

/** JSON with object keys sorted, so a fingerprint does not depend on how an item is written. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value); // an item is JSON data: strings, numbers, booleans, null
}

/** SHA-256 of the item's definition without its version number. */
export function fingerprint<T extends { version: number }>(item: T): string {
  const { version: _version, ...definition } = item;
  return createHash('sha256').update(canonical(definition)).digest('hex').slice(0, 16);
}

export function readReleased(): Released {
  return JSON.parse(readFileSync(RELEASED_FILE, 'utf8')) as Released;
}

/** What the code holds now, in the record's shape. */
export function current(): Released {
  const items: Released['items'] = {};
  // The items as parsed, the schema's defaults filled in: what a server stores and tablets use.
  for (const item of CATALOG) items[item.code] = { version: item.version, fingerprint: fingerprint(item) };
  return { catalogVersion: CATALOG_VERSION, items };
}

/** Why the code cannot be recorded as it is: changed items whose version was not raised. */
export function unreleasable(released: Released, now: Released): string[] {
  const problems: string[] = [];
  let changed = false;
  for (const [code, item] of Object.entries(now.items)) {
    const before = released.items[code];
    if (!before) {
      changed = true;
      continue;
    }
    if (item.version < before.version)
      problems.push(`${code}: version ${item.version} is lower than the released ${before.version}`);
    else if (item.fingerprint !== before.fingerprint) {
      changed = true;
      if (item.version === before.version)
        problems.push(
          `${code} changed since version ${before.version} was released: raise its version to ${before.version + 1}`,
        );
    }
  }
  if (changed && now.catalogVersion <= released.catalogVersion)
    problems.push(`items changed: raise CATALOG_VERSION (src/catalog/index.ts) above ${released.catalogVersion}`);
  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const now = current();
  const problems = unreleasable(readReleased(), now);
  if (problems.length > 0) {
    console.error(`Not recorded:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  writeFileSync(RELEASED_FILE, `${JSON.stringify(now, null, 2)}\n`);
  console.log(`Recorded ${Object.keys(now.items).length} items, catalogue version ${now.catalogVersion}.`);
}
