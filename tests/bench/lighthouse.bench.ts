// Issue 13: Lighthouse's performance score (its default mobile preset: a Moto G-class screen,
// simulated slow 4G and 4× CPU) for the two ways the app starts, on the real production build
// served by the real township server, in Debian's Chromium:
//   - the login page (a new device: no session);
//   - the everyday start (`/` with a session on the device: the lock screen, then the case list
//     once the PIN is tapped — Lighthouse measures the load up to the lock screen, which is what
//     a tablet shows first every morning).
// Installability: Lighthouse 12 dropped its PWA category, so the browser itself is asked
// (CDP Page.getInstallabilityErrors, what Chrome's install prompt uses): zero errors expected.
// Median of RUNS Lighthouse runs per page (LH_RUNS=1 for a quick look); target ≥ 95. LH_DEBUG=1
// prints the failing audits and where the main thread's time went (bootup-time, long tasks),
// the layout shifts, the LCP element and the render-blocking files.
import { chromium, type BrowserContext } from '@playwright/test';
import lighthouse from 'lighthouse';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './lib/chromium';
import { buildAppInto, freePort, signInWithPin, startServer } from './lib/cold-start-app';
// @ts-expect-error plain ESM helper shared with scripts/
import { chromiumPath, CHROMIUM_ARGS } from '../../scripts/browser.mjs';

interface BenchResult { figure: string; unit: string; value: number; baseline?: { label: string; value: number } }

const RUNS = Number(process.env.LH_RUNS ?? 3);
const TARGET = 95;
const PIN = '246813';

/** A persistent profile (the default browser context, which Lighthouse's tabs share) with a debugging port. */
async function launch(profile: string, port: number): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`],
    viewport: { width: 412, height: 823 },
  });
}

async function signIn(context: BrowserContext, url: string): Promise<string[]> {
  const page = context.pages()[0] ?? (await context.newPage());
  await signInWithPin(page, url, PIN);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: { errorId: string }[];
  };
  await cdp.detach();
  return installabilityErrors.map((e) => e.errorId);
}

interface Scored { score: number; fcp: number; lcp: number; tbt: number; si: number }

async function score(url: string, port: number): Promise<Scored> {
  const result = await lighthouse(
    url,
    { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], disableStorageReset: true },
  );
  const value = result?.lhr.categories.performance?.score;
  if (typeof value !== 'number') throw new Error(`no performance score for ${url}: ${JSON.stringify(result?.lhr.runtimeError)}`);
  const metric = (id: string) => result!.lhr.audits[id]?.numericValue ?? NaN;
  if (process.env.LH_DEBUG) {
    for (const a of Object.values(result!.lhr.audits))
      if (a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative') console.log(`  ${a.id}: ${a.displayValue ?? ''} (${a.score})`);
    for (const id of ['bootup-time', 'mainthread-work-breakdown', 'long-tasks', 'layout-shifts', 'largest-contentful-paint-element', 'render-blocking-resources'])
      console.log(id, JSON.stringify((result!.lhr.audits[id]?.details as { items?: unknown[] } | undefined)?.items?.slice(0, 8)));
  }
  return {
    score: Math.round(value * 100),
    fcp: metric('first-contentful-paint'),
    lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'),
    si: metric('speed-index'),
  };
}

export async function run(): Promise<BenchResult[]> {
  const outDir = await buildAppInto();
  const app = await startServer(outDir);
  const profiles = [mkdtempSync(join(tmpdir(), 'daiban-lh-new-')), mkdtempSync(join(tmpdir(), 'daiban-lh-day-'))];
  try {
    const port = await freePort();
    // A new device: nothing stored, the login page.
    const fresh = await launch(profiles[0]!, port);
    const login: Scored[] = [];
    try {
      for (let i = 0; i < RUNS; i++) login.push(await score(`${app.url}/`, port));
    } finally {
      await fresh.close();
    }
    // The everyday start: signed in once (service worker installed, PIN set), then `/` again.
    const port2 = await freePort();
    const daily = await launch(profiles[1]!, port2);
    const everyday: Scored[] = [];
    let installErrors: string[];
    try {
      installErrors = await signIn(daily, app.url);
      for (let i = 0; i < RUNS; i++) everyday.push(await score(`${app.url}/`, port2));
    } finally {
      await daily.close();
    }
    const target = { label: 'target', value: TARGET };
    const figures = (name: string, runs: Scored[]): BenchResult[] => [
      { figure: `lighthouse mobile: performance, ${name} (median of ${RUNS})`, unit: 'score', value: median(runs.map((r) => r.score)), baseline: target },
      { figure: `lighthouse mobile: ${name}: FCP / LCP (simulated slow 4G)`, unit: 'ms', value: median(runs.map((r) => r.fcp)), baseline: { label: 'LCP', value: median(runs.map((r) => r.lcp)) } },
      { figure: `lighthouse mobile: ${name}: total blocking time / speed index`, unit: 'ms', value: median(runs.map((r) => r.tbt)), baseline: { label: 'speed index', value: median(runs.map((r) => r.si)) } },
    ];
    return [
      ...figures('login page', login),
      ...figures('everyday start to the lock screen', everyday),
      { figure: `installability errors (CDP Page.getInstallabilityErrors)${installErrors.length ? `: ${installErrors.join(', ')}` : ''}`, unit: 'errors', value: installErrors.length, baseline: { label: 'target', value: 0 } },
    ];
  } finally {
    await app.close();
    rmSync(outDir, { recursive: true, force: true });
    for (const p of profiles) rmSync(p, { recursive: true, force: true });
  }
}
