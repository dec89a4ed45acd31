// The service catalogue as the app sees it: the bundled CATALOG (precached with the app, so it
// works offline from the first visit) overlaid with the versions the township server sent: the
// built-in ones it seeded and those the county admin published. Every pulled version is kept: a
// case is handled with the version it was opened with.
import { signal } from '@preact/signals';
import type { ServiceItem } from '../domain';
import { CATALOG, CATEGORIES } from '../catalog';
import { listCatalog, listCatalogVersions } from '../storage';
import { setPulledNames } from './catalog-names';

const pulled = signal<ReadonlyMap<string, ServiceItem>>(new Map());
const versions = signal<ReadonlyMap<string, ServiceItem>>(new Map());
const versionKey = (code: string, version: number) => `${code}@${version}`;

/** Reads pulled item versions from storage (boot, and after a sync pull). */
export async function loadPulledCatalog(): Promise<void> {
  const [items, all] = await Promise.all([listCatalog(), listCatalogVersions()]);
  pulled.value = new Map(items.map((i) => [i.code, i]));
  setPulledNames(items);
  versions.value = new Map(all.map((i) => [versionKey(i.code, i.version), i]));
}

/**
 * The item's current version (it may be withdrawn: check `withdrawn` before a new case): the
 * server's once it sent one, even when this app bundles a higher one — the server keeps a county's
 * own version over a newer built-in and accepts cases only on versions it holds. The bundled item
 * until then (a device that never synced).
 */
export function lookupItem(code: string): ServiceItem | undefined {
  return pulled.value.get(code) ?? CATALOG.find((i) => i.code === code);
}

/** One version of an item, when this device has it (pulled, or bundled). */
export function lookupItemVersion(code: string, version: number): ServiceItem | undefined {
  const stored = versions.value.get(versionKey(code, version));
  if (stored) return stored;
  const bundled = CATALOG.find((i) => i.code === code);
  if (bundled?.version === version) return bundled;
  const newest = pulled.value.get(code);
  return newest?.version === version ? newest : undefined;
}

/** The version a case was opened with; the newest as a fallback when this device never had it. */
export const itemForCase = (c: { itemCode: string; itemVersion: number }): ServiceItem | undefined =>
  lookupItemVersion(c.itemCode, c.itemVersion) ?? lookupItem(c.itemCode);

/** Every item, bundled order, with pulled versions in place (and pulled-only items at the end). */
export function catalogItems(): ServiceItem[] {
  const overlay = pulled.value;
  const merged = CATALOG.map((i) => lookupItem(i.code) ?? i);
  for (const [code, item] of overlay) if (!CATALOG.some((i) => i.code === code)) merged.push(item);
  return merged;
}

/** Items a new case may be opened on (停用 ones are left out). */
export const openableItems = (): ServiceItem[] => catalogItems().filter((i) => !i.withdrawn);

export { itemTitle } from './catalog-names';

export const itemCategories = (): readonly string[] => {
  const extra = catalogItems()
    .map((i) => i.category)
    .filter((c) => !(CATEGORIES as readonly string[]).includes(c));
  return [...CATEGORIES, ...new Set(extra)].filter((c) => catalogItems().some((i) => i.category === c));
};
