// The service catalogue on the device: the newest version of each item (kept across logouts).
import { ServiceItem } from '../domain';
import { getDb } from './connection';
import { parseInput, parseRow, parseRows } from './validate';

/** Stores items, keeping an already stored newer version (joins a caller's transaction). */
export async function putCatalogItems(items: unknown[]): Promise<number> {
  const parsed = items.map((i) => parseInput(ServiceItem, i, '事项'));
  const db = getDb();
  return db.transaction('rw', db.catalog, async () => {
    const stored = await db.catalog.bulkGet(parsed.map((i) => i.code));
    const newer = parsed.filter((item, i) => (stored[i]?.version ?? 0) < item.version);
    await db.catalog.bulkPut(newer);
    return newer.length;
  });
}

export async function getCatalogItem(code: string): Promise<ServiceItem | undefined> {
  const row = await getDb().catalog.get(code);
  return row && parseRow(ServiceItem, row, '事项', 'catalog');
}

export async function listCatalog(): Promise<ServiceItem[]> {
  return parseRows(ServiceItem, await getDb().catalog.toArray(), 'catalog');
}
