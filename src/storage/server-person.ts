// A profile as the server holds it (restore page, pull change) meets the device's copy: they merge
// field by field (mergePerson), so an edit made here and not yet sent is never overwritten, and
// the same field edited on two devices keeps the other value as a conflict for the agent.
import { mergePerson, Person } from '../domain';
import type { DaibanDb } from './db';
import { nameCharKeys } from './name-keys';
import { parseInput } from './validate';

/** Call inside a transaction over `persons`; resolves true when the device had no copy (its
 *  pinyin search keys are still to come: set PINYIN_BACKFILL_KEY). */
export async function mergeServerPerson(db: DaibanDb, raw: unknown): Promise<boolean> {
  const incoming = parseInput(Person, raw, '群众档案');
  const mine = await db.persons.get(incoming.id);
  const merged = mine ? mergePerson(parseInput(Person, mine, '群众档案'), incoming) : incoming;
  // Name-character keys now; pinyin keys once a page opens the database (pinyin-backfill.ts), so
  // the service worker never loads the pinyin library.
  await db.persons.put({ ...merged, initials: mine?.initials ?? nameCharKeys(merged.name) });
  return !mine;
}
