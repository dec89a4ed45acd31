// Device storage in real Chromium IndexedDB (an on-disk profile, not fake-indexeddb and not an
// incognito context, whose IndexedDB lives in memory). Two figures the agent feels:
//  - saving one user action (case status + audit + outbox row) — one 'strict' transaction;
//  - opening the app on 10,000 cases and showing the filtered list (indexed queries).
// Each twice: plaintext (the baseline) and sealed (encryption at rest, AES-256-GCM per row, as
// shipped). Budget: sealed within 1.5x of plaintext for both.
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
    const oneSealed = await page.evaluate((n) => window.__storageBench.oneTransaction(n, true), ACTIONS);
    type ColdList = Awaited<ReturnType<Window['__storageBench']['coldList']>>;
    const coldRuns = async (sealed: boolean): Promise<ColdList[]> => {
      const seeded = await page.evaluate(([n, s]) => window.__storageBench.seedCases(n, s), [CASES, sealed] as const);
      if (seeded !== CASES) throw new Error(`seeded ${seeded} cases, expected ${CASES}`);
      const runs: ColdList[] = [];
      for (let i = 0; i < COLD_RUNS; i++) {
        await open(); // a new page load: nothing cached in JS
        runs.push(await page.evaluate((s) => window.__storageBench.coldList(s), sealed));
      }
      return runs;
    };
    const coldSealed = await coldRuns(true);
    const cold = await coldRuns(false);
    const m = (k: Exclude<keyof ColdList, 'sizes'>, runs = cold) => median(runs.map((c) => c[k]));
    // What the agent waits for when the app opens on its list: the database, the newest 50, the count.
    const openList = (runs: ColdList[]) => median(runs.map((c) => c.openMs + c.newestMs + c.returnedMs + c.countMs));
    const scan = { label: 'read all + filter in JS', value: m('scanMs') };
    return [
      { figure: `storage: save one action (case+audit+outbox, 1 strict tx), p95 of ${ACTIONS}`, unit: 'ms', value: percentile(one, 95), baseline: { label: 'same writes in 3 transactions', value: percentile(three, 95) } },
      { figure: 'storage: save one action, p50', unit: 'ms', value: percentile(one, 50), baseline: { label: 'same writes in 3 transactions', value: percentile(three, 50) } },
      { figure: `storage: save one action SEALED (AES-256-GCM), p95 of ${ACTIONS} (budget 1.5x)`, unit: 'ms', value: percentile(oneSealed, 95), baseline: { label: 'plaintext', value: percentile(one, 95) } },
      { figure: 'storage: save one action SEALED, p50', unit: 'ms', value: percentile(oneSealed, 50), baseline: { label: 'plaintext', value: percentile(one, 50) } },
      { figure: `storage: open ${CASES.toLocaleString('en-US')}-case list SEALED (open + newest 50 + returned 50 + count) (budget 1.5x)`, unit: 'ms', value: openList(coldSealed), baseline: { label: 'plaintext', value: openList(cold) } },
      { figure: 'storage: newest 50 of all cases SEALED', unit: 'ms', value: m('newestMs', coldSealed), baseline: { label: 'plaintext', value: m('newestMs') } },
      { figure: 'storage: item + 2 statuses, newest 50 SEALED (the filter reads clear fields only)', unit: 'ms', value: m('itemMs', coldSealed), baseline: { label: 'plaintext', value: m('itemMs') } },
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
