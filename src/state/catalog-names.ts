// Item names for the case list (the first screen): the bundled names (a small module generated at
// build time) overlaid with the names of the versions the county published, read from storage
// without the item schema (items are validated when stored). catalog-lookup.ts keeps the full
// items for the workbench and refreshes these names when it reads them.
import { signal } from '@preact/signals';
import { CATALOG_NAMES, type ItemName } from '../catalog/names';
import { storedCatalogItems } from '../storage/first-reads';

const pulled = signal<ReadonlyMap<string, ItemName>>(new Map());

/** The stored (pulled) items' names; also called by catalog-lookup.ts with the items it read. */
export function setPulledNames(items: readonly ItemName[]): void {
  pulled.value = new Map(items.map((i) => [i.code, { code: i.code, version: i.version, name: i.name }]));
}

/** Reads the pulled items' names from storage (the case list, before its first rows). */
export async function loadPulledNames(): Promise<void> {
  setPulledNames(await storedCatalogItems());
}

/** The server's name once it sent the item (as catalog-lookup.ts's lookupItem), else the bundled one. */
const nameOf = (code: string): string | undefined =>
  (pulled.value.get(code) ?? CATALOG_NAMES.find((i) => i.code === code))?.name;

export const itemTitle = (code: string) => nameOf(code) ?? `未知事项（${code}）`;

/** Every item (bundled order, then pulled-only ones) as filter options. */
export function itemNameOptions(): Array<{ value: string; label: string }> {
  const codes = [...CATALOG_NAMES.map((i) => i.code)];
  for (const code of pulled.value.keys()) if (!codes.includes(code)) codes.push(code);
  return codes.map((code) => ({ value: code, label: itemTitle(code) }));
}
