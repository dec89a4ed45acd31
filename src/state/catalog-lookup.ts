// The service catalogue as the app sees it: the bundled CATALOG (precached with the app, so it
// works offline from the first visit) overlaid with newer item versions pulled from the township
// server into storage.
import { signal } from '@preact/signals';
import type { ServiceItem } from '../domain';
import { CATALOG, CATEGORIES } from '../catalog';
import { listCatalog } from '../storage';

const pulled = signal<ReadonlyMap<string, ServiceItem>>(new Map());

/** Reads pulled item versions from storage (boot, and after a sync pull). */
export async function loadPulledCatalog(): Promise<void> {
  const items = await listCatalog();
  pulled.value = new Map(items.map((i) => [i.code, i]));
}

/** Newest known version of an item. */
export function lookupItem(code: string): ServiceItem | undefined {
  const bundled = CATALOG.find((i) => i.code === code);
  const newer = pulled.value.get(code);
  if (newer && (!bundled || newer.version >= bundled.version)) return newer;
  return bundled;
}

/** Every item, bundled order, with pulled versions in place (and pulled-only items at the end). */
export function catalogItems(): ServiceItem[] {
  const overlay = pulled.value;
  const merged = CATALOG.map((i) => lookupItem(i.code) ?? i);
  for (const [code, item] of overlay) if (!CATALOG.some((i) => i.code === code)) merged.push(item);
  return merged;
}

export const itemTitle = (code: string) => lookupItem(code)?.name ?? `未知事项（${code}）`;

export const itemCategories = (): readonly string[] => {
  const extra = catalogItems()
    .map((i) => i.category)
    .filter((c) => !(CATEGORIES as readonly string[]).includes(c));
  return [...CATEGORIES, ...new Set(extra)].filter((c) => catalogItems().some((i) => i.category === c));
};
