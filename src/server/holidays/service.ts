// The holiday arrangements on the server: stored per year (each save a new version), audited,
// sent to every device through the change feed, and installed as this process's calendar so
// the server's own deadlines (acceptance, rectification, review lists, statistics) use them.
import {
  HOLIDAY_YEARS,
  calendarCovers,
  chinaDate,
  installHolidayYears,
  missingNextYear,
  type Actor,
  type HolidayArrangement,
  type HolidayYearInput,
} from '../../domain';
import { auditAdmin } from '../admin/audit';
import type { Store } from '../store';

const EVERYONE = { villageCode: null, townshipCode: null, countyCode: null };
const SEED_ACTOR: Actor = { role: 'system', id: 'seed' };

async function install(store: Store): Promise<HolidayArrangement[]> {
  const years = await store.holidays.latest();
  installHolidayYears(years);
  return years;
}

/** At start: the built-in years become stored arrangements (once), then the calendar is installed. */
export async function seedHolidayYears(store: Store, now: number): Promise<number> {
  const seeded = await store.transaction(async (tx) => {
    const stored = new Set((await tx.holidays.latest()).map((y) => y.year));
    let added = 0;
    for (const y of HOLIDAY_YEARS) {
      if (stored.has(y.year)) continue;
      const arrangement = await tx.holidays.save(
        { year: y.year, source: y.source, holidays: [...y.holidays], workingWeekends: [...y.workingWeekends] },
        SEED_ACTOR.id,
        now,
      );
      await tx.changes.append(EVERYONE, { type: 'holiday.year', arrangement }, now);
      await auditAdmin(tx, SEED_ACTOR, { entity: 'holiday', entityId: String(y.year), action: 'holiday.seed' }, now);
      added++;
    }
    return added;
  });
  await install(store);
  return seeded;
}

export async function saveHolidayYear(
  store: Store,
  actor: Actor,
  input: HolidayYearInput,
  now: number,
): Promise<HolidayArrangement> {
  const arrangement = await store.transaction(async (tx) => {
    const saved = await tx.holidays.save(input, actor.id, now);
    await tx.changes.append(EVERYONE, { type: 'holiday.year', arrangement: saved }, now);
    const detail = `第${saved.version}版：${saved.holidays.length}个放假安排，${saved.workingWeekends.length}个调休上班日；${saved.source}`;
    await auditAdmin(
      tx,
      actor,
      { entity: 'holiday', entityId: String(saved.year), action: 'holiday.save', detail },
      now,
    );
    return saved;
  });
  await install(store);
  return arrangement;
}

export const listHolidayYears = (store: Store) => install(store);

/** Next year while its arrangement is missing, from 1 November (China date of `now`). */
export const awaitedYear = (now: number) => missingNextYear(chinaDate(now), calendarCovers);

/** The server log line for a missing next year (English for operators, Chinese for the admin). */
export const missingYearWarning = (year: number) =>
  `holiday arrangement for ${year} is missing: deadlines reaching into ${year} count Monday–Friday only. ` +
  `尚未录入${year}年节假日安排，请县级管理员在“节假日”页录入。`;
