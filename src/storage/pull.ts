// Applies one page of server changes and stores the new cursor in the same transaction, so a
// crash between pages never skips or half-applies a change.
import { type Change, Decision, Rectification, ServiceItem } from '../domain';
import type { SkippedChange } from '../domain/api';
import { recordSkippedChanges } from './skipped-changes';
import { HOLIDAY_YEARS_KEY, mergeHolidayYear } from './holidays';
import { makeAudit } from './audit';
import { PINYIN_BACKFILL_KEY } from './db';
import { mergeServerPerson } from './server-person';
import { setSyncCursor } from './settings';
import { writeTransaction } from './transaction';
import { parseInput } from './validate';

export interface PullPage {
  changes: Change[];
  cursor: number;
  /** Changes this app could not read (a newer server's kinds): recorded, the cursor moves on. */
  skipped?: SkippedChange[];
  /** When the page arrived (for the skipped list). */
  at?: number;
}

export interface PullSummary {
  /** Cases whose status or decisions changed (the UI refreshes and notifies for these). */
  caseIds: string[];
  catalogItems: number;
  /** Holiday arrangements newly stored (present only when some were): reinstall the calendar. */
  holidayYears?: number;
  cursor: number;
}

/** Applies changes in server order; a change older than the local copy's version is skipped. */
export async function applyPullPage({
  changes,
  cursor,
  skipped = [],
  at = Date.now(),
}: PullPage): Promise<PullSummary> {
  return writeTransaction(
    ['cases', 'persons', 'decisions', 'rectifications', 'catalog', 'catalogVersions', 'audit', 'settings', 'syncState'],
    async (db) => {
      const caseIds = new Set<string>();
      let catalogItems = 0;
      let holidayYears = 0;
      let newPersons = false;
      for (const change of [...changes].sort((a, b) => a.seq - b.seq)) {
        switch (change.type) {
          case 'case.status': {
            const c = await db.cases.get(change.caseId);
            if (!c || change.version < c.baseVersion) break;
            await db.cases.put({
              ...c,
              status: change.status,
              baseVersion: change.version,
              updatedAt: Math.max(c.updatedAt, change.at),
              ...(change.dueOn ? { dueOn: change.dueOn } : {}),
              ...(change.acceptedOn ? { acceptedOn: change.acceptedOn } : {}),
            });
            if (c.status !== change.status) {
              await db.audit.add(
                makeAudit({
                  entity: 'case',
                  entityId: c.id,
                  caseId: c.id,
                  action: 'case.status',
                  from: c.status,
                  to: change.status,
                  actor: { role: 'system', id: 'server' },
                  at: change.at,
                }),
              );
            }
            caseIds.add(c.id);
            break;
          }
          case 'decision': {
            await db.decisions.put(parseInput(Decision, change.decision, '审核决定'));
            const c = await db.cases.get(change.caseId);
            if (c && change.version > c.baseVersion) await db.cases.update(c.id, { baseVersion: change.version });
            caseIds.add(change.caseId);
            break;
          }
          case 'rectification':
            await db.rectifications.put(parseInput(Rectification, change.rectification, '整改'));
            caseIds.add(change.caseId);
            break;
          case 'catalog.item': {
            const item = parseInput(ServiceItem, change.item, '事项');
            // Every version is kept (open cases use theirs); the newest also becomes the current one.
            await db.catalogVersions.put(item);
            const stored = await db.catalog.get(item.code);
            if ((stored?.version ?? 0) < item.version) {
              await db.catalog.put(item);
              catalogItems++;
            }
            break;
          }
          case 'person':
            if (await mergeServerPerson(db, change.person)) newPersons = true;
            break;
          case 'holiday.year': {
            const next = mergeHolidayYear((await db.syncState.get(HOLIDAY_YEARS_KEY))?.value, change.arrangement);
            if (next) {
              await db.syncState.put({ key: HOLIDAY_YEARS_KEY, value: next });
              holidayYears++;
            }
            break;
          }
        }
      }
      if (newPersons) await db.settings.put({ key: PINYIN_BACKFILL_KEY, value: true });
      // Only with something to record: awaiting an async helper that touches no table lets
      // fake-indexeddb (unit tests) commit the transaction under the cursor write below.
      if (skipped.length > 0) await recordSkippedChanges(skipped, at);
      await setSyncCursor(cursor);
      return { caseIds: [...caseIds], catalogItems, cursor, ...(holidayYears > 0 && { holidayYears }) };
    },
  );
}
