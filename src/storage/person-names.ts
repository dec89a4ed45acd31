// Applicants' names for a page of the case list, in one read and one native decryption pass,
// without the person schema or the pinyin search (persons.ts): a profile is validated when it is
// written, and the list shows only its name.
import { getDb } from './connection';
import { namesOf } from './list-checks';

/** id → name of the stored profiles among `ids` (a missing or unreadable one is left out). */
export async function personNames(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const rows = (await getDb().persons.bulkGet(unique)).filter((r) => r !== undefined);
  return namesOf(rows);
}
