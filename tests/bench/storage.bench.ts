// Device storage in real Chromium IndexedDB (an on-disk profile, not fake-indexeddb and not an
// incognito context, whose IndexedDB lives in memory). Two figures the agent feels:
//  - saving one user action (case status + audit + outbox row) — one 'strict' transaction;
//  - opening the app on 10,000 cases and showing the filtered list (indexed queries).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { buildPages, servePages } from '../e2e/pages/build';
import { median, percentile } from './lib/chromium';
// @ts-expect-error plain ESM helper shared with scripts/
import { chromiumPath, CHROMIUM_ARGS } from '../../scripts/browser.mjs';

const ACTIONS = 200;
const CASES = 10_000;
const COLD_RUNS = 3;

export async function run() {
  const dir = await buildPages();
  const server = await servePages(dir);
  const profile = mkdtempSync(join(tmpdir(), 'daiban-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath() as string | undefined, args: CHROMIUM_ARGS as string[] });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const open = async () => {
      await page.goto(`${server.url}/bench-storage.html`);
      await page.waitForFunction(() => document.title === 'ready');
    };
    await open();
    const one = await page.evaluate((n) => window.__storageBench.oneTransaction(n), ACTIONS);
    const three = await page.evaluate((n) => window.__storageBench.threeTransactions(n), ACTIONS);
    const seeded = await page.evaluate((n) => window.__storageBench.seedCases(n), CASES);
    if (seeded !== CASES) throw new Error(`seeded ${seeded} cases, expected ${CASES}`);
    type ColdList = Awaited<ReturnType<Window['__storageBench']['coldList']>>;
    const cold: ColdList[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      await open(); // a new page load: nothing cached in JS
      cold.push(await page.evaluate(() => window.__storageBench.coldList()));
    }
    const m = (k: Exclude<keyof ColdList, 'sizes'>) => median(cold.map((c) => c[k]));
    const scan = { label: 'read all + filter in JS', value: m('scanMs') };
    return [
      { figure: `storage: save one action (case+audit+outbox, 1 strict tx), p95 of ${ACTIONS}`, unit: 'ms', value: percentile(one, 95), baseline: { label: 'same writes in 3 transactions', value: percentile(three, 95) } },
      { figure: 'storage: save one action, p50', unit: 'ms', value: percentile(one, 50), baseline: { label: 'same writes in 3 transactions', value: percentile(three, 50) } },
      { figure: `storage: open database holding ${CASES.toLocaleString('en-US')} cases (after reload)`, unit: 'ms', value: m('openMs') },
      { figure: 'storage: list "returned" cases, newest 50 ([status+updatedAt])', unit: 'ms', value: m('returnedMs'), baseline: scan },
      { figure: 'storage: count "returned" cases', unit: 'ms', value: m('countMs') },
      { figure: 'storage: newest 50 of all cases (updatedAt)', unit: 'ms', value: m('newestMs') },
      { figure: 'storage: item + 2 statuses, newest 50', unit: 'ms', value: m('itemMs') },
      { figure: 'storage: due before a date, newest 50 (dueOn)', unit: 'ms', value: m('dueMs') },
    ];
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
