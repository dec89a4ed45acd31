// What the tablet downloads for its first screen (login, then the case list): the app's own code
// and the libraries it cannot start without (Preact, Dexie, zod, workbox-window, Comlink), but
// not the workbench, the other agent screens (new case, persons, notice, receipt, sync, settings),
// the signature pad, the QR code, pinyin or the reviewer desk: those arrive as their own chunks
// when first used (and are precached by the service worker for offline use,
// which tests/e2e/workbench.spec.ts exercises offline).
import { expect, test, type Page } from '@playwright/test';
import { login } from './fixtures/app';

/** Budget for the first screen's JavaScript (raw bytes). Measured 419,924 with one main chunk,
 *  385,317 once the other screens loaded lazily and the first screen imported state directly.
 *  Raised by exactly what encryption at rest adds (issue 10, measured 394,921 → 428,821, +33,900):
 *  noble AES-GCM / HMAC / SHA-256 (~15.8 KB), sealing, blind indexes, keyring and the device lock
 *  (~11 KB), the lock screen and PIN pad (~4.3 KB), idb-keyval now on the first screen (~2.7 KB).
 *  Raised again by what the session lifetime work adds to every start (issue 10, measured 435,437
 *  with the revoked-session handling already loaded lazily: +6,500): rotated-token adoption in the
 *  one API client and in storage, the session-end slice, the login screen's notice.
 *  Raised by what live published data adds to every start (issue 11, measured 452,400: +17,000):
 *  the live channel (a fetch-read event stream with back-off and watchdog), the restore client and
 *  its merge, the field-level profile merge the pull now applies, the pulled holiday arrangements
 *  and catalogue versions, and their schemas in the sync contract.
 *  Issue 13 redesigns the bundle. */
const FIRST_SCREEN_JS_BUDGET = 395_000 + 34_000 + 6_500 + 17_000;
const LAZY_CHUNKS =
  /\/assets\/(signature_pad|qrcode|workbench-screen|reviewer|esm|new-case|notice|receipt|person-list|person-edit|person-form|sync-status|settings)-[\w-]+\.js$/;

function recordScripts(page: Page): Map<string, number> {
  const scripts = new Map<string, number>();
  page.on('response', async (r) => {
    if (!r.url().endsWith('.js') || r.url().includes('/sw.js') || r.url().includes('.worker-')) return;
    scripts.set(new URL(r.url()).pathname, (await r.body().catch(() => Buffer.alloc(0))).length);
  });
  return scripts;
}

test('the first screen loads no lazy chunk and stays within its JavaScript budget; the workbench arrives on first use', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  const page = await context.newPage();
  const scripts = recordScripts(page);
  await page.goto('/');
  await login(page);
  // The live stream stays open, so the network is never idle: wait until no script has arrived
  // for a second.
  await page.waitForLoadState('load');
  for (let seen = -1; seen !== scripts.size;) {
    seen = scripts.size;
    await page.waitForTimeout(1_000);
  }

  const first = [...scripts.entries()];
  expect(first.filter(([path]) => LAZY_CHUNKS.test(path)).map(([path]) => path)).toEqual([]);
  const total = first.reduce((sum, [, bytes]) => sum + bytes, 0);
  console.log(`first screen JavaScript: ${first.length} files, ${total} bytes`);
  expect(total).toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual(FIRST_SCREEN_JS_BUDGET);

  // Opening a case fetches the workbench chunk (and still not the signature pad: no signature yet).
  await page.goto('/#/cases/01890000-0000-7000-8000-000000000000');
  await expect(page.getByText('找不到这个办件')).toBeVisible();
  expect([...scripts.keys()].some((path) => /\/workbench-screen-/.test(path))).toBe(true);
  expect([...scripts.keys()].some((path) => /\/(signature_pad|qrcode)-/.test(path))).toBe(false);

  // Another lazily loaded screen arrives on first use too.
  await page.goto('/#/settings');
  await expect(page.getByRole('heading', { name: '设置与关于' })).toBeVisible();
  expect([...scripts.keys()].some((path) => /\/settings-/.test(path))).toBe(true);
  await context.close();
});
