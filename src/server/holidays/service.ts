// The holiday arrangements on the server: stored per year (each save a new version), audited,
// sent to every device through the change feed, and installed as this process's calendar so
// the server's own deadlines (acceptance, rectification, review lists, statistics) use them.
import {
  HOLIDAY_YEARS,
  calendarCovers,
  chinaDate,
  addWorkingDays,
  installHolidayYears,
  uuidv7,
  missingNextYear,
  workingDaysBetween,
  type Actor,
  type AuditEvent,
  type HolidayArrangement,
  type HolidayYearInput,
  type LimitUnit,
} from '../../domain';
import { auditAdmin } from '../admin/audit';
import { caseScope, systemActor } from '../cases';
import type { CaseRecord, Repositories, Store } from '../store';

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
  const arrangement = await store
    .transaction(async (tx) => {
      // Each running deadline's length in working days, counted with the calendar it was set with;
      // null for items counted in calendar days, whose due date only moves off a new day off.
      const running: { c: CaseRecord; days: number | null }[] = [];
      const units = new Map<string, LimitUnit>();
      for (const c of await tx.cases.runningThroughYear(input.year)) {
        const key = `${c.itemCode}@${c.data.itemVersion}`;
        let unit = units.get(key);
        if (unit === undefined) {
          const item = (await tx.catalog.version(c.itemCode, c.data.itemVersion)) ?? (await tx.catalog.get(c.itemCode));
          unit = item?.limitUnit ?? 'working-days';
          units.set(key, unit);
        }
        running.push({ c, days: unit === 'working-days' ? workingDaysBetween(c.acceptedOn!, c.dueOn!) : null });
      }
      const saved = await tx.holidays.save(input, actor.id, now);
      await tx.changes.append(EVERYONE, { type: 'holiday.year', arrangement: saved }, now);
      installHolidayYears(await tx.holidays.latest());
      await moveDueDates(tx, running, now);
      const detail = `第${saved.version}版：${saved.holidays.length}个放假安排，${saved.workingWeekends.length}个调休上班日；${saved.source}`;
      await auditAdmin(
        tx,
        actor,
        { entity: 'holiday', entityId: String(saved.year), action: 'holiday.save', detail },
        now,
      );
      return saved;
    })
    .finally(() => install(store));
  return arrangement;
}

/**
 * The same number of working days, counted again with the new calendar (calendar-day limits: the
 * same day, moved to the next working day if it became a day off): a deadline first set
 * Monday–Friday (未含…年节假日安排) moves past the holidays entered since. The case keeps its
 * version (nothing the agent or reviewer did changed): devices take the new date from the
 * case.status change, and the case's audit trail says why it moved.
 */
async function moveDueDates(
  tx: Repositories,
  running: { c: CaseRecord; days: number | null }[],
  now: number,
): Promise<void> {
  for (const { c, days } of running) {
    const dueOn = days === null ? addWorkingDays(c.dueOn!, 0) : addWorkingDays(c.acceptedOn!, days);
    if (dueOn === c.dueOn) continue;
    await tx.cases.update({ ...c, dueOn, data: { ...c.data, dueOn }, updatedAt: now });
    const detail = `节假日安排更新：承诺办结日由 ${c.dueOn} 调整为 ${dueOn}`;
    const event: AuditEvent = {
      id: uuidv7(now),
      entity: 'case',
      entityId: c.id,
      caseId: c.id,
      action: 'case.due_moved',
      detail,
      actor: systemActor,
      at: now,
    };
    await tx.audit.insert(event, now);
    await tx.changes.append(
      caseScope(c),
      {
        type: 'case.status',
        caseId: c.id,
        status: c.status,
        version: c.version,
        at: now,
        dueOn,
        acceptedOn: c.acceptedOn!,
      },
      now,
    );
  }
}

export const listHolidayYears = (store: Store) => install(store);

/** Next year while its arrangement is missing, from 1 November (China date of `now`). */
export const awaitedYear = (now: number) => missingNextYear(chinaDate(now), calendarCovers);

/** The server log line for a missing next year (English for operators, Chinese for the admin). */
export const missingYearWarning = (year: number) =>
  `holiday arrangement for ${year} is missing: deadlines reaching into ${year} count Monday–Friday only. ` +
  `尚未录入${year}年节假日安排，请县级管理员在“节假日”页录入。`;
