// 办件列表 state: a filtered, paged window over possibly 50,000 cases. The first page is read
// by index and shown at once; the count follows (IndexedDB counts by walking every entry: ~0.1 s
// per 10,000 cases, more on a tablet), then pages of rows load as the virtual list scrolls to them
// (the screen reads a little ahead of the view).
// First screen: storage's list reads only (no schema, no pinyin), the generated item names.
import { effect, signal } from '@preact/signals';
import type { Case, CaseStatus } from '../domain/schemas/case';
import { addWorkingDays } from '../domain/calendar/calendar';
import type { CaseFilter } from '../storage/cases';
// Read without Dexie while it is not loaded yet (issue 13: it loads after the first rows).
import { countCases, listCases, personNames } from '../storage/first-reads';
import type { AppState } from './app-state';
import { itemTitle, loadPulledNames } from './catalog-names';

export const CASE_PAGE_SIZE = 100;
/** "Due soon" = due within this many working days (overdue included). */
export const DUE_SOON_WORKING_DAYS = 3;

export interface CaseListFilter {
  status?: CaseStatus | undefined;
  dueSoon?: boolean | undefined;
  returned?: boolean | undefined;
  itemCode?: string | undefined;
  applicantId?: string | undefined;
  /** Shown on the filter chip; not part of the query. */
  applicantName?: string | undefined;
}

export interface CaseRow {
  case: Case;
  itemName: string;
  applicantName: string;
}

export function createCaseListSlice() {
  return {
    filter: signal<CaseListFilter>({}),
    total: signal(0),
    /** Sparse: index → row once its page has loaded. */
    rows: signal<(CaseRow | undefined)[]>([]),
    loading: signal(true), // until the first page is read: never flash "no cases" on start
    /** The first page is shown, the count is still on its way (`total` = the rows shown so far). */
    counting: signal(false),
    error: signal<string | null>(null),
    /** Bookkeeping, not rendered: which pages are in, and a counter that drops stale answers. */
    paging: {
      generation: 0,
      loaded: new Set<number>(),
      loading: new Set<number>(),
      names: new Map<string, string>(),
      /** The filter of the rows on screen: reading it again keeps them in place (loadCaseList). */
      shown: undefined as CaseListFilter | undefined,
      /** The first page read at start, before the list was drawn (readFirstPageEarly). */
      early: undefined as EarlyPage | undefined,
      /** The generation of the load showFirstPageEarly started: the list's first showing takes it. */
      loadedBeforeShell: undefined as number | undefined,
      /** The list's error when a page could not be read: cleared once a page reads again. */
      pageError: undefined as string | undefined,
    },
  };
}

interface EarlyPage {
  filter: CaseListFilter;
  rows: Promise<CaseRow[]>;
  count: Promise<number>;
}

export function resetCaseList(state: AppState): void {
  const p = state.caseList.paging;
  p.early = undefined;
  p.loadedBeforeShell = undefined;
  p.shown = undefined;
  p.generation++;
  p.loaded.clear();
  p.loading.clear();
  p.names.clear();
  state.caseList.rows.value = [];
  state.caseList.total.value = 0;
  state.caseList.counting.value = false;
}

/** Cases the township is still working on: only these can be "due soon". */
export const OPEN_STATUSES: readonly CaseStatus[] = [
  'submitted',
  'resubmitted',
  'in_review',
  'accepted',
  'accepted_tolerance',
  'suspended',
];

/** The storage query for a UI filter (pure). */
export function toStorageFilter(f: CaseListFilter, today: string): CaseFilter {
  return {
    ...(f.status ? { status: f.status } : f.dueSoon && !f.returned ? { status: [...OPEN_STATUSES] } : {}),
    ...(f.returned && { returned: true }),
    ...(f.itemCode && { itemCode: f.itemCode }),
    ...(f.applicantId && { applicantId: f.applicantId }),
    ...(f.dueSoon && { dueBefore: addWorkingDays(today, DUE_SOON_WORKING_DAYS + 1) }),
  };
}

/**
 * Applies a filter (or reloads the current one): the first page is read by index and shown, then
 * the count (read at the same time, answered later on a big list) sizes the list.
 */
export async function loadCaseList(
  state: AppState,
  filter: CaseListFilter = state.caseList.filter.value,
): Promise<void> {
  const p = state.caseList.paging;
  const gen = ++p.generation;
  p.loaded.clear();
  p.loading.clear();
  const again = filter === p.shown;
  state.caseList.filter.value = filter;
  state.caseList.loading.value = true;
  state.caseList.counting.value = false;
  state.caseList.error.value = null;
  const query = toStorageFilter(filter, state.today.value);
  try {
    const early = p.early?.filter === filter ? p.early : undefined;
    p.early = undefined;
    const read = () => readPage(p.names, query, 0, namesOfItems());
    const first = await (early?.rows.catch(read) ?? read());
    // Counted only now: IndexedDB answers a connection's requests in turn, so a count started
    // first would hold the page's reads back behind its walk over every entry.
    const counted = early?.count.catch(() => countCases(query)) ?? countCases(query);
    counted.catch(() => undefined); // awaited below; a failure there is the list's error
    if (gen !== p.generation) return;
    // A full page: more may follow, the count says how many. The rows show meanwhile.
    const more = first.length === CASE_PAGE_SIZE;
    // Read again (the list shown once more): rows further down stay as they were until their
    // pages are read again, so the list keeps its length and the agent's place in it.
    const shown = state.caseList.rows.value;
    const before = again && more ? shown.slice(first.length) : [];
    if (again) keepUnchanged(first, shown);
    state.caseList.rows.value = [...first, ...before];
    state.caseList.total.value = first.length + before.length;
    p.loaded.add(0);
    p.shown = filter;
    state.caseList.counting.value = more;
    state.caseList.loading.value = false;
    const total = await counted;
    if (gen !== p.generation) return;
    const rows = state.caseList.rows.value.slice(0, total);
    rows.length = total;
    state.caseList.rows.value = rows;
    state.caseList.total.value = total;
  } catch (e) {
    if (gen === p.generation) state.caseList.error.value = e instanceof Error ? e.message : String(e);
  } finally {
    if (gen === p.generation) {
      state.caseList.loading.value = false;
      state.caseList.counting.value = false;
    }
  }
}

/**
 * Starts reading the list's first page at start-up when the list is the screen, on a locked device
 * before the PIN is in: the read waits for the key, and the list's first load takes it instead of
 * reading again — before the shell's first render (showFirstPageEarly) or, on a deep link that
 * comes back to the list, when the list is shown (issue 13: the cold start's reads overlap the
 * PIN's derivation).
 */
export function readFirstPageEarly(state: AppState): void {
  if (state.router.route.value.name !== 'cases') return;
  const filter = state.caseList.filter.value;
  const query = toStorageFilter(filter, state.today.value);
  const rows = readPage(state.caseList.paging.names, query, 0, namesOfItems());
  // Asked right behind the page's one read (getAllRecords), not after it: the rows and the count
  // then arrive together.
  const count = countCases(query);
  // A failed early read is read again by the list.
  rows.catch(() => undefined);
  count.catch(() => undefined);
  state.caseList.paging.early = { filter, rows, count };
}

/** How long the shell's first render waits for the early first page; past it, it is drawn without its rows. */
export const EARLY_PAGE_WAIT_MS = 150;

/**
 * Once the device is unlocked, before the shell's first render: the early first page becomes the
 * list's rows (or EARLY_PAGE_WAIT_MS pass), so the shell and its first rows are drawn and laid out
 * once. Drawn first, the shell's render and layout (≈ 140 ms at 4× CPU) held the page's decryption
 * back, and the rows took a second render and layout after it (issue 13: from the PIN to the list
 * 401 against 441 ms, 9 runs alternating).
 */
export async function showFirstPageEarly(state: AppState): Promise<void> {
  const p = state.caseList.paging;
  if (!p.early || p.early.filter !== state.caseList.filter.value) return;
  void loadCaseList(state);
  p.loadedBeforeShell = p.generation;
  await new Promise<void>((resolve) => {
    let stop = () => undefined as void;
    const done = () => {
      clearTimeout(timer);
      queueMicrotask(() => stop()); // also when the effect's first run decides
      resolve();
    };
    const timer = setTimeout(done, EARLY_PAGE_WAIT_MS);
    stop = effect(() => {
      if (!state.caseList.loading.value) done();
    });
  });
  // Not the list after all (Back or a link during the wait): its first showing, maybe much later,
  // reads afresh instead of taking rows read at start.
  if (state.router.route.value.name !== 'cases') p.loadedBeforeShell = undefined;
}

/** The list's load each time it is shown; the first time, not if showFirstPageEarly's load is its own. */
export function loadShownCaseList(state: AppState): void {
  const p = state.caseList.paging;
  const early = p.loadedBeforeShell !== undefined && p.loadedBeforeShell === p.generation;
  p.loadedBeforeShell = undefined;
  if (!early) void loadCaseList(state);
}

/** The county's published item names for the rows (the bundled names stand in on a failure). */
const namesOfItems = () => loadPulledNames().catch(() => undefined);

/** One page of rows for the list: its cases with their item names (once `itemNames` are in) and applicants' names. */
async function readPage(
  names: Map<string, string>,
  query: CaseFilter,
  page: number,
  itemNames?: Promise<unknown>,
): Promise<CaseRow[]> {
  const cases = await listCases({ ...query, offset: page * CASE_PAGE_SIZE, limit: CASE_PAGE_SIZE });
  await Promise.all([lookUpNames(names, cases), itemNames]);
  return cases.map((c): CaseRow => ({
    case: c,
    itemName: itemTitle(c.itemCode),
    applicantName: names.get(c.applicantId) ?? MISSING_PERSON,
  }));
}

/** Loads the pages covering rows [start, end) that are not loaded yet. Never rejects: a page that
 *  cannot be read is the list's error. */
export async function ensureCaseRows(state: AppState, start: number, end: number): Promise<void> {
  const p = state.caseList.paging;
  const gen = p.generation;
  const first = Math.floor(start / CASE_PAGE_SIZE),
    last = Math.floor(Math.max(start, end - 1) / CASE_PAGE_SIZE);
  const query = toStorageFilter(state.caseList.filter.value, state.today.value);
  const jobs: Promise<void>[] = [];
  for (let page = first; page <= last; page++) {
    if (p.loaded.has(page) || p.loading.has(page) || page * CASE_PAGE_SIZE >= state.caseList.total.value) continue;
    p.loading.add(page);
    jobs.push(
      (async () => {
        try {
          const rows = await readPage(p.names, query, page);
          if (gen !== p.generation) return;
          const next = state.caseList.rows.value.slice();
          rows.forEach((r, i) => {
            next[page * CASE_PAGE_SIZE + i] = r;
          });
          state.caseList.rows.value = next;
          p.loaded.add(page);
          if (p.pageError !== undefined && state.caseList.error.value === p.pageError)
            state.caseList.error.value = null;
          p.pageError = undefined;
        } catch (e) {
          // Shown as the list's error; the page is not marked loaded, so scrolling back tries it again.
          if (gen !== p.generation) return;
          p.pageError = e instanceof Error ? e.message : String(e);
          state.caseList.error.value = p.pageError;
        } finally {
          p.loading.delete(page);
        }
      })(),
    );
  }
  await Promise.all(jobs);
}

/**
 * The first page read again: a row that shows the same as the one on screen is that row, so its
 * card is not drawn again (ListRow compares rows by identity). A local write moves updatedAt; a
 * pull may not (the tablet's clock ahead), so what a pull changes that the card shows is compared
 * too. (Pages further down are drawn again once: few rows, and bytes on the first screen.)
 */
function keepUnchanged(rows: CaseRow[], shown: readonly (CaseRow | undefined)[]): void {
  rows.forEach((r, i) => {
    const o = shown[i];
    if (
      o?.case.id === r.case.id &&
      o.case.updatedAt === r.case.updatedAt &&
      o.case.status === r.case.status &&
      o.case.dueOn === r.case.dueOn &&
      o.case.acceptedOn === r.case.acceptedOn &&
      o.itemName === r.itemName &&
      o.applicantName === r.applicantName
    )
      rows[i] = o;
  });
}

const MISSING_PERSON = '（档案缺失）';

/** Adds the page's applicants not yet known to `names`, in one read. */
async function lookUpNames(names: Map<string, string>, cases: readonly Case[]): Promise<void> {
  const missing = cases.map((c) => c.applicantId).filter((id) => !names.has(id));
  if (missing.length === 0) return;
  const found = await personNames(missing);
  for (const id of missing) names.set(id, found.get(id) ?? MISSING_PERSON);
}
