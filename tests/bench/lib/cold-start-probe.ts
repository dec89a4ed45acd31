// In-page timing for tests/bench/cold-start.bench.ts, installed as an init script (it runs in
// every document before the app's own scripts, and is never part of the app's build).
// All marks are performance.now() values, i.e. ms since the navigation started.
//
// "Interactive" is defined as: the case list (home) is rendered — the 办件列表 heading is in the
// DOM, the count line reads 共 N 件 (loading finished) and the first case row is a loaded link —
// and then a click on 新建办件, dispatched in the very next task, has navigated:
// the 新建办件 screen's heading is in the DOM. Each mark is taken in the animation frame after
// the DOM change, i.e. the frame that paints it. The click is issued from inside the page so no
// test-runner round trip is counted.
//
// Encryption at rest: a started app is locked (the data key lives in memory only). With `pin`,
// the probe taps it on the lock screen's pad as soon as the pad is painted, like the agent would;
// the unlock (PBKDF2 + opening the database) is part of every figure after `unlocked`.

export interface ColdStartMarks {
  /** The lock screen's PIN pad painted (the PIN is tapped then). */
  locked?: number;
  /** The app shell of the case list painted: its heading, before any row (after the unlock). */
  shell?: number;
  /** The case list's first loaded row painted (its count may still be on its way). */
  rows?: number;
  /** Case list rendered (heading + count + first loaded row), at the frame that paints it. */
  list?: number;
  /** When the click on 新建办件 was dispatched. */
  click?: number;
  /** The new-case screen painted after that click: the app is interactive. */
  interactive?: number;
}

export interface ColdStartProbe {
  marks: ColdStartMarks;
  /** Resolves with the marks once `list` is set. */
  listed: Promise<ColdStartMarks>;
  /** Resolves with the marks once `interactive` is set (only with `clickNewCase`). */
  done: Promise<ColdStartMarks>;
  /**
   * ms from `start` until the first list row shows `statusLabel` (`rows`), and until the count
   * also reads `count` (`counted`).
   */
  filterRows(start: () => void, count: number, statusLabel: string): Promise<{ rows: number; counted: number }>;
  /**
   * Scrolls the case list down by `step` px in every animation frame for `frames` frames (a steady
   * fling, driven from inside the page so no test-runner round trip is counted). Resolves with
   * the gaps between frames (ms) and in how many frames a row in view still showed its loading
   * placeholder.
   */
  scrollFrames(frames: number, step: number): Promise<{ gaps: number[]; placeholderFrames: number; scrolledTo: number }>;
}

declare global {
  interface Window { __coldStart: ColdStartProbe }
}

/** Serialised into the page by Playwright: must not reference anything outside its body. */
export function installColdStartProbe({ clickNewCase, pin }: { clickNewCase: boolean; pin?: string }): void {
  if (!location.protocol.startsWith('http')) return;
  const marks: ColdStartMarks = {};
  const LIST_ROW = '[role="list"][aria-label="办件"] a.case-card';
  const countText = () => document.querySelector('[data-testid="case-count"]')?.textContent ?? '';
  const listRendered = (): boolean => {
    if (!document.getElementById('cases-title')) return false;
    // Needs a row: before its first query the list briefly reads 共 0 件 (not loaded yet), so an
    // empty list cannot be told from one still loading. The bench always has cases on the device.
    return /共 \d+ 件/.test(countText()) && document.querySelector(LIST_ROW) !== null;
  };
  const newCaseLink = (): HTMLAnchorElement | null =>
    [...document.querySelectorAll<HTMLAnchorElement>('a[href="#/cases/new"]')].find((a) => a.textContent?.includes('新建办件')) ?? null;
  /** Calls `then(time)` in the frame after `test()` first holds (checked on every DOM change). */
  const whenPainted = (test: () => boolean, then: (t: number) => void) => {
    let seen = false;
    const check = () => {
      if (seen || !test()) return;
      seen = true;
      observer.disconnect();
      requestAnimationFrame(() => then(performance.now()));
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    check();
  };

  if (pin) {
    const key = (d: string) => document.querySelector<HTMLButtonElement>(`.pin-pad__key[aria-label="${d}"]`);
    whenPainted(
      () => document.getElementById('lock-title') !== null && key('0') !== null,
      (t) => {
        marks.locked = t;
        for (const d of pin) key(d)?.click();
      },
    );
  }

  whenPainted(() => document.getElementById('cases-title') !== null, (t) => { marks.shell = t; });
  whenPainted(() => document.getElementById('cases-title') !== null && document.querySelector(LIST_ROW) !== null, (t) => { marks.rows = t; });

  let resolveListed!: (m: ColdStartMarks) => void, resolveDone!: (m: ColdStartMarks) => void, failDone!: (e: Error) => void;
  const listed = new Promise<ColdStartMarks>((ok) => { resolveListed = ok; });
  const done = new Promise<ColdStartMarks>((ok, fail) => { resolveDone = ok; failDone = fail; });
  whenPainted(listRendered, (t) => {
    marks.list = t;
    resolveListed(marks);
    if (!clickNewCase) return;
    setTimeout(() => {
      const link = newCaseLink();
      if (!link) { failDone(new Error('cold-start probe: no 新建办件 link on the case list')); return; }
      marks.click = performance.now();
      link.click();
      whenPainted(() => document.getElementById('new-case-title') !== null, (t2) => {
        marks.interactive = t2;
        resolveDone(marks);
      });
    }, 0);
  });

  const filterRows = (start: () => void, count: number, statusLabel: string) => new Promise<{ rows: number; counted: number }>((ok) => {
    const t0 = performance.now();
    const first = () => document.querySelector(`[role="list"][aria-label="办件"] [aria-posinset="1"] a.case-card`);
    const shown = () => (first()?.textContent ?? '').includes(statusLabel);
    let rows = NaN;
    start();
    whenPainted(shown, (t) => { rows = t - t0; });
    whenPainted(() => countText() === `共 ${count} 件` && shown(), (t) => ok({ rows: Number.isNaN(rows) ? t - t0 : rows, counted: t - t0 }));
  });

  const scrollFrames = (frames: number, step: number) => new Promise<{ gaps: number[]; placeholderFrames: number; scrolledTo: number }>((ok, fail) => {
    const scroller = document.querySelector<HTMLElement>('.vlist');
    if (!scroller) { fail(new Error('cold-start probe: no case list to scroll')); return; }
    const gaps: number[] = [];
    let placeholderFrames = 0, last = -1;
    const visibleLoading = () => {
      const top = scroller.getBoundingClientRect().top, bottom = top + scroller.clientHeight;
      return [...scroller.querySelectorAll('.case-card--loading')].some((el) => {
        const r = el.getBoundingClientRect();
        return r.bottom > top && r.top < bottom;
      });
    };
    const tick = (t: number) => {
      if (last >= 0) {
        gaps.push(t - last);
        if (visibleLoading()) placeholderFrames++;
      }
      last = t;
      if (gaps.length >= frames) { ok({ gaps, placeholderFrames, scrolledTo: scroller.scrollTop }); return; }
      scroller.scrollTop += step;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });

  window.__coldStart = { marks, listed, done, filterRows, scrollFrames };
}
