// In-page timing of one screen change for tests/bench/screen-change.bench.ts. Serialised into the
// page by Playwright (page.evaluate): must not reference anything outside its body.
//
// The tap (pointerdown, pointerup, click) is dispatched from inside the page (no test-runner round
// trip is counted). The screen counts as shown in the animation frame after the DOM first
// satisfies `ready` (every selector present, with its text if one is given, and nothing marked
// aria-busy: a lazy screen's 正在打开…… or the workbench's 正在打开办件……). It counts as
// interactive when the first task after that frame runs: a click made then would be handled at
// once, so a long task right after the paint (rules, a validation pass) is counted too. A screen
// that draws its first screenful first and the rest a moment later (the workbench's materials and
// report) also gives `complete`: likewise timed to the first free task after the frame that
// paints `complete` as well.

export interface Target { selector: string; text?: string }

export interface ScreenTiming {
  /** ms from the click to the frame that paints the new screen. */
  shown: number;
  /** ms from the click until the main thread is free after that frame. */
  interactive: number;
  /** The longest main-thread task between the click and `interactive` (0 if none ≥ 50 ms). */
  longestTask: number;
  /** ms from the click until the main thread is free after the frame that paints `complete` too
   *  (≈ `interactive` without `complete`, or for a screen drawn in one go). */
  complete: number;
}

export function timeScreenChange({ click, ready, complete = [], timeoutMs }: { click: Target | 'back'; ready: Target[]; complete?: Target[]; timeoutMs: number }): Promise<ScreenTiming> {
  const find = (t: Target): Element | null => {
    const all = [...document.querySelectorAll(t.selector)];
    return (t.text === undefined ? all[0] : all.find((e) => e.textContent?.includes(t.text!))) ?? null;
  };
  const isReady = () => ready.every((t) => find(t) !== null) && document.querySelector('[aria-busy="true"]') === null;
  const isComplete = () => complete.every((t) => find(t) !== null);
  return new Promise<ScreenTiming>((resolve, reject) => {
    let longestTask = 0;
    const tasks = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.startTime >= t0) longestTask = Math.max(longestTask, e.duration);
    });
    tasks.observe({ type: 'longtask' });
    let seen = false;
    let completeSeen = false;
    let first: Omit<ScreenTiming, 'complete'> | undefined;
    let completeAt: number | undefined;
    const timer = setTimeout(() => {
      observer.disconnect();
      tasks.disconnect();
      reject(new Error(`screen not ready after ${timeoutMs} ms: ${JSON.stringify([...ready, ...complete])} at ${location.hash}`));
    }, timeoutMs);
    const finish = () => {
      if (!first || completeAt === undefined) return;
      clearTimeout(timer);
      observer.disconnect();
      resolve({ ...first, complete: completeAt });
    };
    const check = () => {
      if (!seen && isReady()) {
        seen = true;
        requestAnimationFrame(() => {
          const shown = performance.now() - t0;
          setTimeout(() => {
            const interactive = performance.now() - t0;
            // Long-task entries arrive after their task: read them once more before reporting.
            for (const e of tasks.takeRecords()) if (e.startTime >= t0) longestTask = Math.max(longestTask, e.duration);
            tasks.disconnect();
            first = { shown, interactive, longestTask };
            finish();
          }, 0);
        });
      }
      if (seen && !completeSeen && isComplete()) {
        completeSeen = true;
        requestAnimationFrame(() =>
          setTimeout(() => {
            completeAt = performance.now() - t0;
            finish();
          }, 0),
        );
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    const target = click === 'back' ? null : find(click);
    if (click !== 'back' && !(target instanceof HTMLElement)) {
      clearTimeout(timer);
      observer.disconnect();
      tasks.disconnect();
      reject(new Error(`nothing to click: ${JSON.stringify(click)} at ${location.hash}`));
      return;
    }
    const t0 = performance.now();
    // A finger's tap: pointerdown and pointerup, then the click (or the back button's own tap).
    // Without them the page never saw the user touch it, and work that waits for a quiet moment
    // (src/ui/app/long-idle.ts) ran in the very next step.
    const tapped = target instanceof HTMLElement ? target : document.body;
    for (const type of ['pointerdown', 'pointerup'])
      tapped.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, isPrimary: true, pointerType: 'touch' }));
    if (target instanceof HTMLElement) target.click();
    else history.back();
  });
}
