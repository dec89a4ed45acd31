// The county's division list as this device last received it (GET /api/divisions), kept in the
// settings table: the person form checks 12-digit codes against it offline. Checked by hand on
// read (no zod: the save path of the person form is on screens that must stay light); a row
// that does not read is treated as no list, which only means structure-only checks.
import { getDb } from './connection';

/** Storage key. DO NOT RENAME: devices in the field hold it. */
const KEY = 'countyDivisions';

export interface CachedCountyDivisions {
  countyCode: string;
  version: string;
  divisions: { code: string; name: string }[];
  /** When the server last confirmed this version (a 200 or a 304). */
  checkedAt: number;
}

function read(value: unknown): CachedCountyDivisions | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.countyCode !== 'string' || !/^\d{6}$/.test(v.countyCode)) return undefined;
  if (typeof v.version !== 'string' || typeof v.checkedAt !== 'number' || !Array.isArray(v.divisions)) return undefined;
  const divisions: CachedCountyDivisions['divisions'] = [];
  for (const d of v.divisions as unknown[]) {
    const row = d as { code?: unknown; name?: unknown } | null;
    if (typeof row?.code !== 'string' || typeof row.name !== 'string') return undefined;
    divisions.push({ code: row.code, name: row.name });
  }
  return { countyCode: v.countyCode, version: v.version, divisions, checkedAt: v.checkedAt };
}

export async function readCountyDivisions(): Promise<CachedCountyDivisions | undefined> {
  return read((await getDb().settings.get(KEY))?.value);
}

export async function writeCountyDivisions(list: CachedCountyDivisions): Promise<void> {
  await getDb().settings.put({ key: KEY, value: list });
}

/** The server confirmed the stored version (304): only the time changes, if it is still that version. */
export async function confirmCountyDivisions(countyCode: string, version: string, at: number): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.settings, async () => {
    const stored = read((await db.settings.get(KEY))?.value);
    if (stored?.countyCode === countyCode && stored.version === version)
      await db.settings.put({ key: KEY, value: { ...stored, checkedAt: at } });
  });
}
