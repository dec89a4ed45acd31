// Opening and closing a case on the workbench.
import { batch } from '@preact/signals';
import { getCase, getPerson, listCaseOutbox, listMaterials } from '../../storage';
import type { AppState } from '../app-state';
import { clearWorkbench, type WorkbenchSlice } from './slice';
import { flushCaseSave, forgetPendingWrites, hasPendingWrites, queueWrite } from './edit';
import { loadReturnScope } from './return-scope';
import { fetchMissingCaseFiles } from './case-files';
import { elsewhereChanges, provideEarlyCaseRead, type KnownCase } from '../case-early-read';
import './logic'; // the derived values of the slice (report, item …) come with the workbench code

/** Who a case names, as its opener already knows it (the list's row, the case just created). */
export type CasePeople = Omit<KnownCase, 'id'>;

/**
 * The case and what its screen shows with it, as stored on the device. The case, its materials,
 * its outbox and the people `known` names are read together (issue 13: each round trip waits for
 * the main thread, busy drawing the route at a tap); people the stored case names that `known`
 * did not (it changed since) are read after it, then a returned case's scope and the household.
 * `readOnly`: a returned case is not read (its first read records what the reviewer flagged).
 */
export async function readCase(id: string, known?: CasePeople, opts: { readOnly?: boolean } = {}) {
  const person = (personId: string | undefined) => (personId ? getPerson(personId) : Promise.resolve(undefined));
  const [c, materials, outbox, knownApplicant, knownEntruster] = await Promise.all([
    getCase(id),
    listMaterials(id),
    listCaseOutbox(id),
    person(known?.applicantId),
    person(known?.entrusterId),
  ]);
  if (!c || (opts.readOnly && c.status === 'returned')) return undefined;
  const [applicant, entruster] = await Promise.all([
    known?.applicantId === c.applicantId ? knownApplicant : person(c.applicantId),
    known?.entrusterId === c.entrusterId ? knownEntruster : person(c.entrusterId),
  ]);
  const returnScope = await loadReturnScope(c, materials, outbox);
  // Household members co-sign household materials; a profile not on this device is left out.
  const members = await Promise.all((applicant?.household ?? []).map((l) => getPerson(l.personId)));
  const household = members.filter((p) => p !== undefined);
  return { c, applicant, entruster, household, materials, outbox, returnScope };
}

type CaseRead = Awaited<ReturnType<typeof readCase>>;

/** Puts a read case into a workbench slice in one change: the screen and its derived values (the
 *  report) see the whole case at once. */
export function showCase(wb: WorkbenchSlice, read: NonNullable<CaseRead>): void {
  batch(() => {
    wb.applicant.value = read.applicant ?? null;
    wb.entruster.value = read.entruster ?? null;
    wb.household.value = read.household;
    wb.materials.value = read.materials;
    wb.outbox.value = read.outbox;
    wb.returnScope.value = read.returnScope;
    wb.record.value = read.c;
  });
}

/** A read begun by a tap on the case's card, before its screen is drawn. */
interface EarlyRead {
  id: string;
  read: Promise<CaseRead>;
  /** The write queue's tail when it was queued: anything queued later may have changed the case. */
  tail: Promise<unknown>;
  /** Sync's changes to cases so far: a pull or restore after it may have changed this case. */
  synced: number;
  at: number;
}
const earlyReads = new WeakMap<AppState, EarlyRead>();
/** A tap whose screen did not open at once (a slow chunk, a dialog) leaves a read too old to use. */
const EARLY_READ_MAX_AGE_MS = 2_000;

provideEarlyCaseRead((state, known) => {
  const id = known.id;
  // In the write queue, like every read of the workbench: after any write still under way.
  const read = queueWrite(state, () => readCase(id, known));
  read.catch(() => undefined); // the opening reports it, if it uses this read
  earlyReads.set(state, {
    id,
    read,
    tail: state.workbench.writes.chain,
    synced: elsewhereChanges(),
    at: performance.now(),
  });
});

/** The early read of `id`, if nothing was queued, typed or synced since it began; used once. */
function takeEarlyRead(state: AppState, id: string): Promise<CaseRead> | undefined {
  const early = earlyReads.get(state);
  earlyReads.delete(state);
  const fresh =
    early?.id === id &&
    early.tail === state.workbench.writes.chain &&
    early.synced === elsewhereChanges() &&
    !hasPendingWrites(state) &&
    performance.now() - early.at < EARLY_READ_MAX_AGE_MS;
  return fresh ? early.read : undefined;
}

export async function openCase(state: AppState, id: string): Promise<void> {
  state.workbench.openId.value = id;
  await readIntoWorkbench(state, id);
}

async function readIntoWorkbench(state: AppState, id: string): Promise<void> {
  const wb = state.workbench;
  wb.loading.value = true;
  wb.error.value = null;
  let early = takeEarlyRead(state, id);
  try {
    // Unsaved typing goes first (also when the same case is re-read after a pull). The read runs
    // in the write queue, so no photo or signature write lands between reading and showing it;
    // typing that lands meanwhile is flushed and the case read again. If typing cannot be written
    // (the case changed status on the server), the stored copy wins.
    let result: 'shown' | 'missing' | 'typed' | 'stale' = 'typed';
    for (let attempt = 0; result === 'typed'; attempt++) {
      await flushCaseSave(state).catch(() => undefined);
      result = await queueWrite(state, async () => {
        if (wb.openId.value !== id) return 'stale';
        const read = await (early ?? readCase(id));
        early = undefined; // a second attempt reads again
        if (wb.openId.value !== id) return 'stale'; // another case was opened meanwhile
        if (!read) return 'missing';
        if (wb.record.value?.id === id && hasPendingWrites(state) && attempt < 2) return 'typed';
        showCase(wb, read);
        forgetPendingWrites(state);
        return 'shown';
      });
    }
    if (result === 'stale') return;
    if (result === 'missing') {
      wb.record.value = null;
      wb.error.value = '找不到这个办件，可能已被删除或属于其他账号';
      return;
    }
    const applicant = wb.applicant.value;
    if (!applicant) wb.error.value = '申请人的档案不在本机，无法检查材料';
    // Restored from the server: its photos come now (in the background, the case is usable meanwhile).
    void fetchMissingCaseFiles(state, id).catch(() => undefined);
  } catch (e) {
    wb.error.value = e instanceof Error ? e.message : String(e);
  } finally {
    wb.loading.value = false;
  }
}

/** Re-reads the open case (after sync changed it): the one the screen shows, not an earlier one. */
export async function reloadCase(state: AppState): Promise<void> {
  const id = state.workbench.openId.value;
  if (id) await readIntoWorkbench(state, id);
}

export function closeWorkbench(state: AppState): void {
  forgetPendingWrites(state);
  clearWorkbench(state);
}
