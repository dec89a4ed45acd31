// Second half of the version-2 migration: adds pinyin search keys to persons written before v2.
// Runs from Dexie's `ready` hook (outside any upgrade transaction, so pinyin-pro can be imported).
// Until it has run (e.g. the service worker opened the database first), the flag stays set and
// persons are still found by name characters.
import type Dexie from 'dexie';
import { type KeyValueRow, type PersonRow, PINYIN_BACKFILL_KEY } from './db';
import { loadSearchKeyFn } from './pinyin';

export async function completePinyinBackfill(db: Dexie): Promise<void> {
  const settings = db.table<KeyValueRow, string>('settings');
  if (!(await settings.get(PINYIN_BACKFILL_KEY))) return;
  const keysOf = await loadSearchKeyFn();
  await db.transaction('rw', ['persons', 'settings'], async () => {
    await db
      .table<PersonRow, string>('persons')
      .toCollection()
      .modify((p) => {
        p.initials = keysOf(p.name);
      });
    await settings.delete(PINYIN_BACKFILL_KEY);
  });
}
