// Where the first screens' main-thread time goes (issue 13): a Chromium trace at 4× CPU of
//   - the login page on a new device (no service worker yet),
//   - the everyday start up to the lock screen, in a new browser on a signed-in profile, offline,
//   - the same, the PIN tapped, up to the case list's first rows,
// on the real production build served by the real township server. Prints each long task
// (≥ TRACE_MIN_MS, default 50) with its parts and hottest functions.
// Run: `node --import tsx tests/bench/trace-start.ts` (TRACE_RUNS=n repeats each page).
import { chromium, type BrowserContext } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAppInto, signInWithPin, startServer } from './lib/cold-start-app';
import { installColdStartProbe } from './lib/cold-start-probe';
import { formatTasks, longTasks, startTrace, stopTrace } from './lib/main-thread-trace';
import { seedCases } from '../e2e/fixtures/seed-cases';
// @ts-expect-error plain ESM helper shared with scripts/
import { chromiumPath, CHROMIUM_ARGS } from '../../scripts/browser.mjs';

const PIN = '246813';
/** The list's first rows need rows: the probe cannot tell an empty list from one still loading. */
const CASES = 200;
const VILLAGE = '341822100201'; // agent1's village in the demo county
const MIN_MS = Number(process.env.TRACE_MIN_MS ?? 50);
const RUNS = Number(process.env.TRACE_RUNS ?? 1);
const NAME_SHIM = 'globalThis.__name ??= (fn) => fn;';

const launch = async (profile: string): Promise<BrowserContext> => {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath() as string | undefined, args: CHROMIUM_ARGS as string[],
    viewport: { width: 412, height: 823 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
  });
  await context.addInitScript({ content: NAME_SHIM });
  return context;
};

/** Resolves once an element matching `selector` is in the document (checked on every DOM change). */
function shown(selector: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve());
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true });
    check();
  });
}

async function traced(context: BrowserContext, url: string, title: string, until: 'login' | 'lock' | 'rows'): Promise<void> {
  const page = await context.newPage();
  if (until === 'rows') await page.addInitScript(installColdStartProbe, { clickNewCase: false, pin: PIN });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await startTrace(cdp);
  const t0 = Date.now();
  await page.goto(url);
  // Waited for inside the page (Playwright's locators would add their own long tasks to the trace).
  if (until === 'rows') await page.evaluate(() => window.__coldStart.listed);
  else await page.evaluate(shown, until === 'login' ? '#login-title' : '.pin-pad__key');
  const marks = until === 'rows' ? await page.evaluate(() => window.__coldStart.marks) : {};
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
  await page.waitForTimeout(3_000); // what follows right after the first screen counts for TBT too
  const events = await stopTrace(cdp);
  if (process.env.TRACE_SAVE) writeFileSync(join(process.env.TRACE_SAVE, `${until}-${Date.now()}.json`), JSON.stringify(events));
  const tasks = longTasks(events, MIN_MS);
  const tbt = tasks.reduce((s, t) => s + Math.max(0, t.durMs - 50), 0);
  console.log(`\n=== ${title}: FCP ${fcp.toFixed(0)} ms, marks ${JSON.stringify(marks)}, wall ${Date.now() - t0} ms; ${tasks.length} tasks ≥ ${MIN_MS} ms, Σ(dur−50) ${tbt.toFixed(0)} ms`);
  console.log(formatTasks(tasks));
  await page.close();
}

const outDir = await buildAppInto();
const app = await startServer(outDir);
const profiles = [mkdtempSync(join(tmpdir(), 'daiban-trace-new-')), mkdtempSync(join(tmpdir(), 'daiban-trace-day-'))];
try {
  for (let i = 0; i < RUNS; i++) {
    const fresh = await launch(join(profiles[0]!, String(i)));
    await traced(fresh, `${app.url}/`, 'login page, new device', 'login');
    await fresh.close();
  }
  const first = await launch(profiles[1]!);
  const signedIn = first.pages()[0] ?? (await first.newPage());
  await signInWithPin(signedIn, app.url, PIN);
  await seedCases(signedIn, CASES, VILLAGE, 'agent1');
  await first.close();
  for (let i = 0; i < RUNS; i++) {
    for (const until of ['lock', 'rows'] as const) {
      const day = await launch(profiles[1]!);
      await day.setOffline(true);
      await traced(day, `${app.url}/`, until === 'lock' ? 'everyday start, offline, to the lock screen' : 'everyday start, offline, PIN tapped, to the first rows', until);
      await day.close();
    }
  }
} finally {
  await app.close();
  if (!process.env.TRACE_KEEP) rmSync(outDir, { recursive: true, force: true });
  else console.log(`build kept in ${outDir}`);
  for (const p of profiles) rmSync(p, { recursive: true, force: true });
}
