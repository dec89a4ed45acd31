// The service catalogue on the device: the newest version of each item (`catalog`) and every
// version pulled (`catalogVersions`), kept across logouts, so an open case keeps its version offline.
import { ServiceItem } from '../domain';
import { getDb } from './connection';
import type { DaibanDb } from './db';
import { parseInput, parseRow, readRows } from './validate';

/** Keeps the version and makes it the newest when it is (joins the caller's transaction). */
export async function storeCatalogItem(db: DaibanDb, item: ServiceItem): Promise<boolean> {
  await db.catalogVersions.put(item);
  const stored = await db.catalog.get(item.code);
  if ((stored?.version ?? 0) >= item.version) return false;
  await db.catalog.put(item);
  return true;
}

/** Stores items, keeping an already stored newer version; resolves to how many became the newest. */
export async function putCatalogItems(items: unknown[]): Promise<number> {
  const parsed = items.map((i) => parseInput(ServiceItem, i, '事项'));
  const db = getDb();
  return db.transaction('rw', db.catalog, db.catalogVersions, async () => {
    let newer = 0;
    for (const item of parsed) if (await storeCatalogItem(db, item)) newer++;
    return newer;
  });
}

export async function getCatalogItem(code: string): Promise<ServiceItem | undefined> {
  const row = await getDb().catalog.get(code);
  return row && parseRow(ServiceItem, row, '事项', 'catalog');
}

/** Stored items (validated when stored: putCatalogItems, the pull). */
export async function listCatalog(): Promise<ServiceItem[]> {
  return readRows(await getDb().catalog.toArray(), 'catalog');
}

/** Every stored version of every item. */
export async function listCatalogVersions(): Promise<ServiceItem[]> {
  return readRows(await getDb().catalogVersions.toArray(), 'catalog');
}
