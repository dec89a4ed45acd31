// Second half of the version-2 migration: adds pinyin search keys to persons written before v2.
// Runs from Dexie's `ready` hook (outside any upgrade transaction, so pinyin-pro can be imported).
import type Dexie from 'dexie';
import type { KeyValueRow, PersonRow } from './db';
import { loadSearchKeyFn } from './initials';

/** Settings key set by the v2 upgrade while persons still lack their pinyin search keys. */
export const PINYIN_BACKFILL_KEY = 'migration.pinyinBackfill';

export async function completePinyinBackfill(db: Dexie): Promise<void> {
  const settings = db.table<KeyValueRow, string>('settings');
  if (!(await settings.get(PINYIN_BACKFILL_KEY))) return;
  const keysOf = await loadSearchKeyFn();
  await db.transaction('rw', ['persons', 'settings'], async () => {
    await db.table<PersonRow, string>('persons').toCollection().modify((p) => {
      p.initials = keysOf(p.name);
    });
    await settings.delete(PINYIN_BACKFILL_KEY);
  });
}
