// Applicants' names for a page of the case list, in one read and one native decryption pass,
// without the person schema or the pinyin search (persons.ts): a profile is validated when it is
// written, and the list shows only its name.
import { getDb } from './connection';
import { openRows } from './sealing';
import { readRows } from './validate';

/** id → name of the stored profiles among `ids` (a missing or unreadable one is left out). */
export async function personNames(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const rows = (await getDb().persons.bulkGet(unique)).filter((r) => r !== undefined);
  await openRows(rows);
  const names = new Map<string, string>();
  for (const row of readRows(rows, 'persons')) {
    try {
      if (typeof row.name === 'string') names.set(row.id, row.name);
    } catch {
      // A row that does not open (storage.corrupt) shows as missing; reading it by key reports why.
    }
  }
  return names;
}
