// Issue 13, the everyday start: after the unlock the case list's shell and its first rows are
// drawn in one go (the first page, read while the device was locked, is in before the shell's
// first render), and the rows are never moved or resized by the list's measuring afterwards (the
// list's sizes from the last time, for this window). Both are watched in the page itself: which
// DOM-change batch first holds the list's heading and its first card, and every later change of
// a row's position.
import { expect, test, type Page } from '@playwright/test';
import { login, unlock } from './fixtures/app';
import { seedCases } from './fixtures/seed-cases';

interface Watch {
  /** The DOM-change batch in which the list's heading, and its first case card, first showed. */
  titleBatch: number;
  rowsBatch: number;
  /** Rows moved or resized (their style), added or taken away after the first rows showed. */
  rowMoves: number;
}

declare global {
  interface Window {
    __firstRows: Watch;
    __filters: { atFirstRows: number[]; afterPress: number[]; afterFocus: number[] };
  }
}

/** Runs in the page before its scripts (an init script): must not reference anything outside. */
function watchFirstRows(): void {
  const w: Watch = { titleBatch: -1, rowsBatch: -1, rowMoves: 0 };
  window.__firstRows = w;
  let batch = 0;
  new MutationObserver((records) => {
    batch++;
    if (w.titleBatch < 0 && document.getElementById('cases-title')) w.titleBatch = batch;
    if (w.rowsBatch < 0 && document.querySelector('[role="list"][aria-label="办件"] a.case-card')) w.rowsBatch = batch;
    if (w.rowsBatch < 0) return;
    // From the batch that shows the rows on (a re-render in the same task lands in that batch):
    // the shell comes in whole, as one record; a row of its own record was changed after.
    const isRow = (n: Node) => n instanceof Element && n.classList.contains('vlist__row');
    for (const r of records)
      if (r.type === 'attributes' ? isRow(r.target) : [...r.addedNodes, ...r.removedNodes].some(isRow)) w.rowMoves++;
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['style'] });
}

// The bench's tablet: the list's height and its cards' height differ from the first render's guess.
test.use({ viewport: { width: 800, height: 1280 } });

async function startUnlocked(page: Page): Promise<Watch> {
  await page.reload();
  await unlock(page);
  await expect(page.getByRole('list', { name: '办件' }).getByRole('link').first()).toBeVisible();
  // A few frames for any measuring to redraw the rows.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  return page.evaluate(() => window.__firstRows);
}

test('after the unlock the list and its first rows are drawn once, and the rows are not moved after', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.addInitScript(watchFirstRows);
  await page.goto('/');
  // agent3's village: no case of other specs on the server, so nothing syncs in while watching.
  await login(page, 'agent3');
  await seedCases(page, 60, '341822100203', 'agent3');
  await page.reload();
  await unlock(page); // the list measured once in this window: its sizes are kept

  // The shell waits at most 150 ms for the first page (EARLY_PAGE_WAIT_MS): a CI machine under load
  // may miss it now and then, which is the design, not a fault. Up to 3 starts; without the change
  // none of them draws the rows with the list.
  let kept = await startUnlocked(page);
  for (let i = 0; i < 2 && kept.rowsBatch !== kept.titleBatch; i++) kept = await startUnlocked(page);
  expect(kept.titleBatch).toBeGreaterThan(0);
  expect(kept.rowsBatch).toBe(kept.titleBatch);
  expect(kept.rowMoves).toBe(0);

  // Without the kept sizes the first render guesses and the measure moves every row: what the
  // kept sizes save (and proof that the watch sees it).
  await page.evaluate(() => localStorage.removeItem('daiban:list-sizes'));
  const guessed = await startUnlocked(page);
  expect(guessed.rowMoves).toBeGreaterThan(0);
});

/**
 * Init script: the filters' option counts ([状态, 事项]) when the first case card shows; in a window
 * named 'touch', then also right after a press on 事项 and a focus on 状态, in that same task (before
 * any idle time could draw them).
 */
function watchFilterOptions(): void {
  window.__filters = { atFirstRows: [], afterPress: [], afterFocus: [] };
  const counts = () => [...document.querySelectorAll('select')].map((s) => s.options.length);
  const seen = new MutationObserver(() => {
    if (!document.querySelector('[role="list"][aria-label="办件"] a.case-card')) return;
    seen.disconnect();
    window.__filters.atFirstRows = counts();
    if (window.name !== 'touch') return;
    const [status, item] = document.querySelectorAll('select');
    item!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    queueMicrotask(() => {
      window.__filters.afterPress = counts();
      status!.focus();
      queueMicrotask(() => {
        window.__filters.afterFocus = counts();
      });
    });
  });
  seen.observe(document, { subtree: true, childList: true });
}

test("the list's filters draw their options when first needed: a press, a focus, or the first idle time", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await login(page, 'agent3');
  await seedCases(page, 5, '341822100203', 'agent3');
  await page.addInitScript(watchFilterOptions);
  const startUnlocked = async () => {
    await page.reload();
    await unlock(page);
    await expect(page.getByRole('list', { name: '办件' }).getByRole('link').first()).toBeVisible();
    return page.evaluate(() => window.__filters);
  };

  // Untouched: the first render holds only each placeholder (全部…), the chosen option; the first
  // idle time draws the rest.
  const untouched = await startUnlocked();
  expect(untouched.atFirstRows).toEqual([1, 1]);
  await expect(page.getByLabel('状态').locator('option')).not.toHaveCount(1, { timeout: 5_000 });
  await expect(page.getByLabel('事项').locator('option')).not.toHaveCount(1, { timeout: 5_000 });

  // A press draws them before the browser would open the picker, a focus (a keyboard's Tab) too,
  // each in its own task; the other select stays as it was until then.
  await page.evaluate(() => (window.name = 'touch'));
  const touched = await startUnlocked();
  expect(touched.atFirstRows).toEqual([1, 1]);
  expect(touched.afterPress[0]).toBe(1);
  expect(touched.afterPress[1]).toBeGreaterThan(10);
  expect(touched.afterFocus[0]).toBeGreaterThan(5);
});
