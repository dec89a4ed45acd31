// The case list shows its first page without waiting for the count: IndexedDB counts by walking
// every entry, which on a big list takes longer than reading the first page by index (issue 13).
import { signal } from '@preact/signals';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Case } from '../../../src/domain/schemas/case';
import type { AppState } from '../../../src/state/app-state';
import type { CaseQuery } from '../../../src/storage/cases';

const storage = vi.hoisted(() => ({
  count: (): Promise<number> => Promise.resolve(0),
  /** What the list asked storage for, in order. */
  calls: [] as string[],
  list: vi.fn<(q: CaseQuery) => Promise<Case[]>>(),
}));
vi.mock('../../../src/storage/first-reads', () => ({
  countCases: () => {
    storage.calls.push('count');
    return storage.count();
  },
  listCases: (q: CaseQuery) => {
    storage.calls.push(`list ${q.offset}`);
    return storage.list(q);
  },
  personNames: async (ids: readonly string[]) => new Map(ids.map((id) => [id, `申请人${id}`])),
  storedCatalogItems: async () => [],
}));

const {
  CASE_PAGE_SIZE,
  EARLY_PAGE_WAIT_MS,
  createCaseListSlice,
  ensureCaseRows,
  loadCaseList,
  loadShownCaseList,
  readFirstPageEarly,
  resetCaseList,
  showFirstPageEarly,
} = await import('../../../src/state/case-list');

const aCase = (i: number) => ({ id: `c${i}`, itemCode: 'MZ-GLJT', applicantId: `p${i % 3}`, status: 'draft' }) as Case;
const page = (q: CaseQuery) => {
  const from = q.offset ?? 0;
  return Array.from({ length: Math.max(0, Math.min(q.limit ?? 50, TOTAL - from)) }, (_, k) => aCase(from + k));
};
const TOTAL = 250;

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const newState = (route = 'cases') =>
  ({
    caseList: createCaseListSlice(),
    today: signal('2026-12-02'),
    router: { route: signal({ name: route }) },
  }) as unknown as AppState;

/** Storage holding TOTAL cases, nothing asked yet. */
function storageWithTotal() {
  storage.list.mockReset();
  storage.calls.length = 0;
  storage.count = () => Promise.resolve(TOTAL);
  storage.list.mockImplementation(async (q) => page(q));
}

describe('case list: the first page before the count', () => {
  beforeEach(storageWithTotal);

  it('shows the first page while the count is on its way, then sizes the list by the count', async () => {
    const count = deferred<number>();
    storage.count = () => count.promise;
    const state = newState();
    const done = loadCaseList(state);
    await vi.waitFor(() => expect(state.caseList.loading.value).toBe(false));
    expect(state.caseList.counting.value).toBe(true);
    expect(state.caseList.rows.value).toHaveLength(CASE_PAGE_SIZE);
    expect(state.caseList.rows.value[0]).toMatchObject({ case: { id: 'c0' }, applicantName: '申请人p0' });
    expect(storage.list).toHaveBeenCalledWith({ offset: 0, limit: CASE_PAGE_SIZE });
    // Scrolling before the count is known reads nothing beyond the rows shown.
    await ensureCaseRows(state, 0, 200);
    expect(storage.list).toHaveBeenCalledTimes(1);

    // The count starts after the first page's read: it would hold that read back in IndexedDB.
    expect(storage.calls).toEqual(['list 0', 'count']);
    count.resolve(TOTAL);
    await done;
    expect(state.caseList.counting.value).toBe(false);
    expect(state.caseList.total.value).toBe(TOTAL);
    expect(state.caseList.rows.value).toHaveLength(TOTAL);
    expect(state.caseList.rows.value[CASE_PAGE_SIZE]).toBeUndefined();
    await ensureCaseRows(state, CASE_PAGE_SIZE, CASE_PAGE_SIZE + 10);
    expect(state.caseList.rows.value[CASE_PAGE_SIZE]).toMatchObject({ case: { id: `c${CASE_PAGE_SIZE}` } });
  });

  it('a short first page is the whole list: nothing left to count for the screen', async () => {
    const count = deferred<number>();
    storage.count = () => count.promise;
    storage.list.mockImplementation(async () => [aCase(0), aCase(1)]);
    const state = newState();
    const done = loadCaseList(state);
    await vi.waitFor(() => expect(state.caseList.loading.value).toBe(false));
    expect(state.caseList.counting.value).toBe(false);
    expect(state.caseList.total.value).toBe(2);
    count.resolve(2);
    await done;
    expect(state.caseList.total.value).toBe(2);
  });

  it('read again (the list shown once more), it keeps its length, its place and the first rows that did not change', async () => {
    storage.count = () => Promise.resolve(TOTAL);
    const state = newState();
    await loadCaseList(state);
    await ensureCaseRows(state, 150, 160);
    const shown = state.caseList.rows.value.slice();
    expect(shown[150]).toMatchObject({ case: { id: 'c150' } });

    // Meanwhile two cases changed (a write moves updatedAt; a pull may change the status).
    storage.list.mockImplementation(async (q) =>
      page(q).map((c) =>
        c.id === 'c1' ? { ...c, updatedAt: 99 } : c.id === 'c151' ? ({ ...c, status: 'returned' } as Case) : c,
      ),
    );
    const count = deferred<number>();
    storage.count = () => count.promise;
    const again = loadCaseList(state);
    await vi.waitFor(() => expect(state.caseList.loading.value).toBe(false));
    const rows = () => state.caseList.rows.value;
    // While counting: not cut to the first page (the agent's place at row 150 is kept)…
    expect(rows()).toHaveLength(TOTAL);
    expect(state.caseList.total.value).toBe(TOTAL);
    expect(rows()[150]).toBe(shown[150]);
    // …an unchanged row is the row on screen (its card is not drawn again), a changed one is new.
    expect(rows()[0]).toBe(shown[0]);
    expect(rows()[1]).not.toBe(shown[1]);
    expect(rows()[1]).toMatchObject({ case: { id: 'c1', updatedAt: 99 } });
    // The page further down is read again when the list asks for it.
    await ensureCaseRows(state, 150, 160);
    expect(rows()[150]).not.toBe(shown[150]);
    expect(rows()[150]).toMatchObject({ case: { id: 'c150' } });
    expect(rows()[151]).toMatchObject({ case: { id: 'c151', status: 'returned' } });
    count.resolve(TOTAL - 10);
    await again;
    expect(rows()).toHaveLength(TOTAL - 10);

    // Another filter starts from its own first page.
    storage.count = () => new Promise<number>(() => undefined);
    void loadCaseList(state, { returned: true });
    await vi.waitFor(() => expect(state.caseList.loading.value).toBe(false));
    expect(rows()).toHaveLength(CASE_PAGE_SIZE);
  });

  it("a reload while another filter's first page is on its way keeps none of the old filter's rows", async () => {
    storage.count = () => Promise.resolve(TOTAL);
    const state = newState();
    await loadCaseList(state);
    await ensureCaseRows(state, 150, 160);
    const slow = deferred<Case[]>();
    storage.list.mockImplementationOnce(() => slow.promise);
    storage.count = () => new Promise<number>(() => undefined);
    void loadCaseList(state, { returned: true }); // the agent taps 退回补正…
    void loadCaseList(state); // …and a pull reloads the list before its rows are in
    await vi.waitFor(() => expect(state.caseList.loading.value).toBe(false));
    expect(state.caseList.rows.value).toHaveLength(CASE_PAGE_SIZE);
    slow.resolve([]);
  });

  it('a failing count is the list error, the rows shown stay', async () => {
    storage.count = () => Promise.reject(new Error('IndexedDB 出错'));
    const state = newState();
    await loadCaseList(state);
    expect(state.caseList.error.value).toBe('IndexedDB 出错');
    expect(state.caseList.counting.value).toBe(false);
    expect(state.caseList.rows.value).toHaveLength(CASE_PAGE_SIZE);
  });

  it('a later page that cannot be read is the list error, and scrolling back to it reads it again', async () => {
    const state = newState();
    await loadCaseList(state);
    storage.list.mockImplementationOnce(() => Promise.reject(new Error('IndexedDB 出错')));
    await ensureCaseRows(state, CASE_PAGE_SIZE, CASE_PAGE_SIZE + 10); // resolves: shown, not thrown
    expect(state.caseList.error.value).toBe('IndexedDB 出错');
    expect(state.caseList.rows.value[CASE_PAGE_SIZE]).toBeUndefined();
    await ensureCaseRows(state, CASE_PAGE_SIZE, CASE_PAGE_SIZE + 10);
    expect(state.caseList.rows.value[CASE_PAGE_SIZE]?.case.id).toBe(`c${CASE_PAGE_SIZE}`);
    expect(state.caseList.error.value).toBeNull(); // no stale banner over rows that did load
  });
});

describe('case list: the first page read at start, before the list is drawn', () => {
  beforeEach(storageWithTotal);

  it("the list's first load takes the early read instead of reading again; a later load reads", async () => {
    const state = newState();
    readFirstPageEarly(state);
    // The count is asked right behind the page (one getAllRecords), not after its answer.
    expect(storage.calls).toEqual(['list 0', 'count']);
    await loadCaseList(state);
    expect(storage.calls).toEqual(['list 0', 'count']);
    expect(state.caseList.rows.value[0]).toMatchObject({ case: { id: 'c0' }, applicantName: '申请人p0' });
    expect(state.caseList.total.value).toBe(TOTAL);
    await loadCaseList(state); // the screen shown again: read afresh
    expect(storage.calls).toEqual(['list 0', 'count', 'list 0', 'count']);
  });

  it('a failed early read is read again by the list; a filtered first load never takes it', async () => {
    storage.list.mockImplementationOnce(() => Promise.reject(new Error('locked')));
    const state = newState();
    readFirstPageEarly(state);
    await loadCaseList(state);
    expect(state.caseList.error.value).toBeNull();
    expect(state.caseList.rows.value[0]).toMatchObject({ case: { id: 'c0' } });
    expect(storage.list).toHaveBeenCalledTimes(2);

    const other = newState();
    readFirstPageEarly(other);
    await loadCaseList(other, { returned: true });
    expect(storage.list).toHaveBeenLastCalledWith(expect.objectContaining({ returned: true }));
    expect(storage.list).toHaveBeenCalledTimes(4);
  });

  it('a failed early count is counted again by the list', async () => {
    let counts = 0;
    storage.count = () => (++counts === 1 ? Promise.reject(new Error('locked')) : Promise.resolve(TOTAL));
    const state = newState();
    readFirstPageEarly(state);
    await loadCaseList(state);
    expect(state.caseList.error.value).toBeNull();
    expect(state.caseList.total.value).toBe(TOTAL);
    expect(counts).toBe(2);
  });

  it('reads nothing early when another screen opens first (a deep link)', () => {
    readFirstPageEarly(newState('case'));
    expect(storage.calls).toEqual([]);
  });

  it('a logout drops the early read: the next user reads their own list', async () => {
    const state = newState();
    readFirstPageEarly(state);
    resetCaseList(state);
    await loadCaseList(state);
    expect(storage.list).toHaveBeenCalledTimes(2);
  });
});

describe('case list: the shell drawn with its first rows', () => {
  beforeEach(storageWithTotal);
  afterEach(() => vi.useRealTimers());

  it('the early page is in the slice when the shell may draw, and the list shown then reads nothing again', async () => {
    const state = newState();
    readFirstPageEarly(state);
    await showFirstPageEarly(state);
    expect(state.caseList.loading.value).toBe(false);
    expect(state.caseList.rows.value[0]).toMatchObject({ case: { id: 'c0' }, applicantName: '申请人p0' });
    loadShownCaseList(state); // the list's first showing
    await new Promise((r) => setTimeout(r, 0));
    expect(storage.calls).toEqual(['list 0', 'count']);
    loadShownCaseList(state); // shown again later (Back from a case): read afresh
    await new Promise((r) => setTimeout(r, 0));
    expect(storage.calls).toEqual(['list 0', 'count', 'list 0', 'count']);
  });

  it('a slow early page lets the shell draw after the wait; its rows follow, with no second read', async () => {
    vi.useFakeTimers();
    const slow = deferred<Case[]>();
    storage.list.mockImplementationOnce(() => slow.promise);
    const state = newState();
    readFirstPageEarly(state);
    let drawn = false;
    void showFirstPageEarly(state).then(() => (drawn = true));
    await vi.advanceTimersByTimeAsync(EARLY_PAGE_WAIT_MS - 1);
    expect(drawn).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(drawn).toBe(true);
    expect(state.caseList.loading.value).toBe(true);
    loadShownCaseList(state); // the list mounts while the page is still on its way
    slow.resolve(page({ offset: 0, limit: CASE_PAGE_SIZE }));
    await vi.advanceTimersByTimeAsync(0);
    expect(state.caseList.rows.value[0]).toMatchObject({ case: { id: 'c0' } });
    expect(storage.list).toHaveBeenCalledTimes(1);
  });

  it('without an early page nothing waits and the list reads when shown', async () => {
    const state = newState('case'); // a deep link: nothing read early
    readFirstPageEarly(state);
    await showFirstPageEarly(state);
    expect(storage.calls).toEqual([]);
    loadShownCaseList(state);
    await new Promise((r) => setTimeout(r, 0));
    expect(storage.calls).toEqual(['list 0', 'count']);
  });

  it('another screen during the wait (Back, a link): the list shown later reads afresh', async () => {
    vi.useFakeTimers();
    const slow = deferred<Case[]>();
    storage.list.mockImplementationOnce(() => slow.promise);
    const state = newState();
    readFirstPageEarly(state);
    const shell = showFirstPageEarly(state);
    (state.router.route as { value: { name: string } }).value = { name: 'persons' };
    await vi.advanceTimersByTimeAsync(EARLY_PAGE_WAIT_MS);
    await shell;
    slow.resolve(page({ offset: 0, limit: CASE_PAGE_SIZE }));
    await vi.advanceTimersByTimeAsync(0);
    loadShownCaseList(state); // the agent comes to the list minutes later
    await vi.advanceTimersByTimeAsync(0);
    expect(storage.list).toHaveBeenCalledTimes(2);
  });

  it("a logout after the early load: the next showing reads the new user's list", async () => {
    const state = newState();
    readFirstPageEarly(state);
    await showFirstPageEarly(state);
    resetCaseList(state);
    loadShownCaseList(state);
    await new Promise((r) => setTimeout(r, 0));
    expect(storage.list).toHaveBeenCalledTimes(2);
  });
});
