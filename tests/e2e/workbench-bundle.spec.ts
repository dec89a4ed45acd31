// What the tablet downloads for its first screen (login, then the case list): the app's own code
// and the libraries it cannot start without (Preact, signals, the row-sealing crypto), but not
// Dexie, zod, the catalogue, the rules engine, the workbench, the other screens, the signature pad,
// the QR code, pinyin or the desks: those arrive as their own chunks when first used (and are
// precached by the service worker for offline use, which tests/e2e/workbench.spec.ts exercises
// offline). The first screen reads IndexedDB directly (src/storage/first-reads.ts, quick-read.ts);
// background work (Dexie with every other query and write, sync engine, service-worker
// registration, the image worker bridge) loads after the first rows are on screen: the app marks
// that moment ('daiban:first-rows') and the budget counts every script requested before it.
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { login, unlock } from './fixtures/app';

/**
 * Budgets for the first screen's JavaScript, gzip bytes of the scripts as served (level 9).
 * Before issue 13, login then the case list took 150,245 bytes gzip (452,563 raw, 8 files):
 * zod with its JSON-Schema code, the whole catalogue, the rules engine, sync, workbench state and
 * the image-worker bridge all loaded at start. Issue 13 (measured 2026-12-02):
 *  - login, then the case list: 104,925 (of which the login's own code was ~30 KB: the API client
 *    and the contract's zod schemas, which validated the server's answer; fetched only on submit);
 *  - the everyday start (stored session, unlock, case list): 71,829, 7 files — Dexie (~29 KB),
 *    Preact + signals (~8.4 KB), the row-sealing crypto (~8 KB), the app's first screen.
 * Then the login's answer (and an error body) checked by hand, no classic zod on the login path
 * (src/domain/api/answer-checks.ts, held equal to the schemas by tests/unit/net/answer-checks.test.ts):
 *  - login, then the case list: 78,992 bytes gzip, 13 files (the everyday start's code plus the
 *    login: the API client, the answer checks, the session's storing, the service worker's
 *    registration).
 * The target is 60 KB for both: what is left is listed in the issue 13 report (the list
 * read without Dexie).
 * Since then the login path grew to 81,082 bytes with issue 14's shell pieces every screen needs
 * (the offline-readiness banner, the phone tab bar's badges, the update's flush of form drafts)
 * and issue 15's county division fetch in the sync wiring: the budget moved from 79 to 80 KB.
 * Then Dexie left the first screen (issue 13, measured 2026-12-02): the boot, the login's writes
 * (a new device's database, created as Dexie would, and the session) and the case list's first
 * reads go straight to IndexedDB; Dexie (~30 KB) loads after the first rows:
 *  - login, then the case list: 54,128 bytes gzip, 18 files (was 81,082);
 *  - the everyday start: 46,688 bytes gzip, 11 files (was 73,646). Target 60 KB: met.
 * Then the case list's memoised rows (a scroll frame no longer draws every row again: frame gap
 * p95 0.43–0.57×) and the PIN derivation beside its attempt write added ~120 bytes: the everyday
 * start measured 47,099–47,109 bytes, at its 46 KB budget give or take the chunks' hash names;
 * the budget moved to 47 KB, still well under the 60 KB.
 * Then AES-GCM (@noble/ciphers, ~3 KB gzip, and ≈ 40 ms at 4× CPU to evaluate) left both paths:
 * it loads with Dexie; the first screen opens its rows and seals the session by WebCrypto. Measured
 * 2026-12-03: login, then the case list 51,896 bytes gzip; the everyday start 44,455. With the
 * screens' shared chunk loaders (a preloaded screen draws in its first render) the everyday start
 * measured 44,583: the budgets move down to 53 and 45 KB to keep the gain.
 * Stop 35: the case list kept (hidden) under a case opened from it — Back at the agent's place,
 * read again keeping unchanged rows, the scroll kept while hidden — and a review's fixes to it
 * (which filter the rows belong to, what a pull may change) took the everyday start from 45,814
 * to 46,130 bytes: its budget moves to 45.25 KB (46,336), still far under the 60 KB.
 * Stop 39: the entry's static imports are one file (vite.config.ts), not twelve: one gzip stream
 * instead of twelve measured 43,211 bytes for the everyday start (2 files) and 51,042 for the
 * login path (43,682 and 51,513 with the shell drawn with its first rows and the list's kept sizes):
 * the budgets move down to 51 and 43.25 KB to keep the gain.
 * Stop 43: the everyday start is one file, 42,505 bytes (the bundler's runtime file is no longer on
 * the first screen): its budget moves to 42.5 KB (43,520).
 */
const FIRST_SCREEN_GZIP_BUDGET = 51 * 1024;
const COLD_START_GZIP_BUDGET = 42.5 * 1024;
/** A string of Dexie's that survives minification (its error names). */
const DEXIE_MARK = 'DatabaseClosedError';
/** @noble/ciphers' AES module (its table check survives minification): evaluating it builds four
 *  64 K-entry tables, the lock screen's longest task before it loaded with Dexie (issue 13). */
const AES_MARK = 'wrong sbox length';
// Lazily loaded screens and the code they bring: the image bridge, the whole catalogue
// (catalog-lookup), the workbench state (open) and the agent's decision reads (agent-side).
const LAZY_CHUNKS =
  /\/assets\/(signature_pad|qrcode|workbench-screen|reviewer|esm|new-case|notice|receipt|person-list|person-edit|person-form|sync-status|settings|bridge|shared-catalog-lookup|shared-open|shared-agent-side)-[\w-]+\.js$/;
/** The sync engine's background chunk (background-sw.js, the service worker's registration, may be in). */
const SYNC_CHUNK = /\/background-(?!sw-)[\w-]+\.js$/;

function recordScripts(page: Page): Map<string, Buffer> {
  const scripts = new Map<string, Buffer>();
  page.on('response', async (r) => {
    if (!r.url().endsWith('.js') || r.url().includes('/sw.js') || r.url().includes('.worker-')) return;
    const path = new URL(r.url()).pathname;
    const body = await r.body().catch(() => Buffer.alloc(0));
    // A body that could not be read (the page moved on) never replaces one that was.
    if (body.length > 0 || !scripts.has(path)) scripts.set(path, body);
  });
  return scripts;
}

/** Waits until no new script has arrived for a second (the live stream keeps the network busy). */
async function quiet(scripts: Map<string, Buffer>, page: Page): Promise<void> {
  for (let seen = -1; seen !== scripts.size;) {
    seen = scripts.size;
    await page.waitForTimeout(1_000);
  }
}

const gzipBytes = (body: Buffer) => gzipSync(body, { level: 9 }).length;

/** Paths of the scripts the page requested before the first rows of the case list were drawn. */
async function scriptsBeforeFirstRows(page: Page): Promise<string[]> {
  await page.waitForFunction(() => performance.getEntriesByName('daiban:first-rows', 'mark').length > 0);
  return page.evaluate(() => {
    const mark = performance.getEntriesByName('daiban:first-rows', 'mark')[0]!.startTime;
    return performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime <= mark && new URL(e.name).pathname.endsWith('.js'))
      .map((e) => new URL(e.name).pathname)
      .filter((p) => !p.endsWith('/sw.js') && !p.includes('.worker-'));
  });
}

/** V8's explicit compile hint (scripts/compile-hints-plugin.ts). */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

test('the first screen loads no lazy chunk and stays within its gzip JavaScript budget; the workbench arrives on first use', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  const page = await context.newPage();
  const scripts = recordScripts(page);
  await page.goto('/');
  // An agent types for a few seconds: what the login screen loads meanwhile (the service worker's
  // registration) is in, as on a tablet.
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  await quiet(scripts, page);
  await login(page);
  const first = await scriptsBeforeFirstRows(page);
  // Every response body is in before it is measured.
  await expect.poll(() => first.every((path) => scripts.has(path))).toBe(true);

  const sized = first.map((path) => ({ path, raw: scripts.get(path)!.length, gzip: gzipBytes(scripts.get(path)!) }));
  const gzip = sized.reduce((sum, s) => sum + s.gzip, 0);
  const raw = sized.reduce((sum, s) => sum + s.raw, 0);
  console.log(`first screen JavaScript: ${first.length} files, ${gzip} bytes gzip (${raw} raw)`);
  for (const s of sized) console.log(`  ${s.path}  ${s.gzip} gzip  ${s.raw} raw`);
  expect(first.filter((path) => LAZY_CHUNKS.test(path) || SYNC_CHUNK.test(path))).toEqual([]);
  expect(gzip).toBeGreaterThan(0);
  expect(gzip).toBeLessThanOrEqual(FIRST_SCREEN_GZIP_BUDGET);
  // The login's answer is checked by hand: not a byte of zod (its error class names survive minification).
  expect(first.filter((path) => scripts.get(path)!.includes('ZodError'))).toEqual([]);
  // Nor Dexie: it loads once the first rows are drawn.
  expect(first.filter((path) => scripts.get(path)!.includes(DEXIE_MARK))).toEqual([]);
  // Nor AES-GCM: the first screen opens rows and seals the session by WebCrypto.
  expect(first.filter((path) => scripts.get(path)!.includes(AES_MARK))).toEqual([]);

  // What follows in the background once the rows are drawn (sync, service worker): logged only.
  await quiet(scripts, page);
  expect([...scripts.keys()].some((path) => SYNC_CHUNK.test(path))).toBe(true); // sync did start
  expect([...scripts.values()].some((body) => body.includes(DEXIE_MARK))).toBe(true); // and Dexie came
  const settled = [...scripts.values()];
  console.log(
    `after background loading: ${settled.length} files, ${settled.reduce((s, b) => s + gzipBytes(b), 0)} bytes gzip`,
  );

  // The everyday start: the app reopens offline-capable with the session stored, locked (the data
  // key lives in memory only); unlocking leads to the case list. No login code, no zod.
  await page.reload();
  await unlock(page);
  const cold = await scriptsBeforeFirstRows(page);
  await expect.poll(() => cold.every((path) => scripts.has(path))).toBe(true);
  const coldGzip = cold.reduce((sum, path) => sum + gzipBytes(scripts.get(path)!), 0);
  console.log(`cold start to the case list: ${cold.length} files, ${coldGzip} bytes gzip`);
  expect(cold.filter((path) => LAZY_CHUNKS.test(path))).toEqual([]);
  // One file: each further one is a request the first screen waits on (the bundler's 187-byte
  // runtime had been a second, there only because a module already on the first screen was also
  // imported dynamically: FCP 584 → 556 ms, list 1,091 → 1,054 ms, 9 runs alternating).
  expect(cold).toEqual([expect.stringMatching(/\/assets\/index-[\w-]+\.js$/)]);
  expect(coldGzip).toBeLessThanOrEqual(COLD_START_GZIP_BUDGET);
  // Not a byte of zod (its error class names survive minification), nor the sync engine, nor Dexie.
  expect(cold.filter((path) => scripts.get(path)!.includes('ZodError'))).toEqual([]);
  expect(cold.filter((path) => SYNC_CHUNK.test(path))).toEqual([]);
  expect(cold.filter((path) => scripts.get(path)!.includes(DEXIE_MARK))).toEqual([]);
  expect(cold.filter((path) => scripts.get(path)!.includes(AES_MARK))).toEqual([]);
  // Compiled whole as it streams in, off the main thread: a module gets no usable code cache, so
  // without the hint every start compiled each function at its first call. The hint counts only
  // on a file's first line.
  const hinted = (path: string) => scripts.get(path)!.toString('utf8', 0, COMPILE_HINT.length) === COMPILE_HINT;
  expect(cold.filter((path) => !hinted(path))).toEqual([]);

  // Opening a case fetches the workbench chunk with the signature pad (loaded while the case is
  // read, so a case's signature boxes are drawn ready: tests/e2e/workbench-first-render.spec.ts),
  // and still not the QR code (no receipt yet).
  await page.goto('/#/cases/01890000-0000-7000-8000-000000000000');
  await expect(page.getByText('找不到这个办件')).toBeVisible();
  const workbench = [...scripts.keys()].filter((path) => /\/workbench-screen-/.test(path));
  expect(workbench).toHaveLength(1);
  // Loaded in idle time on a tablet: compiled whole as it loads, not function by function at the tap.
  expect(hinted(workbench[0]!)).toBe(true);
  // Fetched beside the case's read, not after it: a missing case may be told before it is in.
  await expect.poll(() => [...scripts.keys()].some((path) => /\/signature_pad-/.test(path))).toBe(true);
  expect([...scripts.keys()].some((path) => /\/qrcode-/.test(path))).toBe(false);

  // Another lazily loaded screen arrives on first use too.
  await page.goto('/#/settings');
  await expect(page.getByRole('heading', { name: '设置与关于' })).toBeVisible();
  // (Polled: a script is recorded once its body is read, which may finish after the paint.)
  await expect.poll(() => [...scripts.keys()].some((path) => /\/settings-/.test(path))).toBe(true);
  // A preloaded screen whose chunk imports others lazily (Vite puts its preload map at the top of
  // such a chunk): the hint is still on the first line.
  const settings = [...scripts.keys()].filter((path) => /\/settings-/.test(path));
  expect(settings.filter((path) => !hinted(path))).toEqual([]);
  await context.close();
});
