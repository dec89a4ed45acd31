// Issue 13: Lighthouse's performance score (its default mobile preset: a Moto G-class screen,
// simulated slow 4G and 4× CPU) for the two ways the app starts, on the real production build
// served by the real township server, in Debian's Chromium:
//   - the login page (a new device: no session);
//   - the everyday start (`/` with a session on the device: the lock screen, then the case list
//     once the PIN is tapped — Lighthouse measures the load up to the lock screen, which is what
//     a tablet shows first every morning).
// Installability: Lighthouse 12 dropped its PWA category, so the browser itself is asked
// (CDP Page.getInstallabilityErrors, what Chrome's install prompt uses): zero errors expected.
// LH_BASE=<git ref> scores a build of that commit too (its own server and browser profiles, runs
// alternating with this build's so load spikes on the shared machine fall on both sides): each
// figure then has the base build's as its baseline, and the table gives the load average.
// Median of RUNS Lighthouse runs per page (LH_RUNS=1 for a quick look); target ≥ 95. LH_DEBUG=1
// prints the failing audits and where the main thread's time went (bootup-time, long tasks),
// the layout shifts, the LCP element and the render-blocking files.
import { chromium, type BrowserContext } from '@playwright/test';
import lighthouse from 'lighthouse';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './lib/chromium';
import { buildAppInto, freePort, signInWithPin, sourcesAt, startServer, type RunningApp } from './lib/cold-start-app';
// @ts-expect-error plain ESM helper shared with scripts/
import { chromiumPath, CHROMIUM_ARGS } from '../../scripts/browser.mjs';

interface BenchResult { figure: string; unit: string; value: number; baseline?: { label: string; value: number } }

const RUNS = Number(process.env.LH_RUNS ?? 3);
const TARGET = 95;
const PIN = '246813';
const BASE_REF = process.env.LH_BASE;

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

/** One build's two starts: the login page on a new device, and the everyday start after a sign-in. */
interface Side { name: string; app: RunningApp; profiles: string[]; login: Scored[]; everyday: Scored[]; installErrors: string[] }

/** `root`: the sources whose server serves the build (a base build's own, headers included). */
async function sideFor(name: string, outDir: string, root?: string): Promise<Side> {
  const profiles = [mkdtempSync(join(tmpdir(), 'daiban-lh-new-')), mkdtempSync(join(tmpdir(), 'daiban-lh-day-'))];
  return { name, app: await startServer(outDir, root), profiles, login: [], everyday: [], installErrors: [] };
}

/** A new device each time: a fresh profile, the login page. */
async function scoreLogin(side: Side, i: number): Promise<void> {
  const port = await freePort();
  const fresh = await launch(join(side.profiles[0]!, String(i)), port);
  try {
    side.login.push(await score(`${side.app.url}/`, port));
  } finally {
    await fresh.close();
  }
}

/** The everyday start: signed in once (service worker installed, PIN set), then `/` again. */
async function scoreEveryday(side: Side, first: boolean): Promise<void> {
  const port = await freePort();
  const daily = await launch(side.profiles[1]!, port);
  try {
    if (first) side.installErrors = await signIn(daily, side.app.url);
    side.everyday.push(await score(`${side.app.url}/`, port));
  } finally {
    await daily.close();
  }
}

export async function run(): Promise<BenchResult[]> {
  const sides: Side[] = [];
  const dirs: string[] = [];
  const loads: number[] = [];
  try {
    const outDir = await buildAppInto();
    dirs.push(outDir);
    sides.push(await sideFor('this build', outDir));
    if (BASE_REF) {
      const src = sourcesAt(BASE_REF);
      dirs.push(src);
      const baseDir = await buildAppInto(src);
      dirs.push(baseDir);
      sides.push(await sideFor(`base ${BASE_REF}`, baseDir, src));
    }
    for (let i = 0; i < RUNS; i++) {
      loads.push(loadavg()[0]!);
      for (const side of sides) await scoreLogin(side, i);
      for (const side of sides) await scoreEveryday(side, i === 0);
    }
    loads.push(loadavg()[0]!);
    const [self, base] = sides as [Side, Side | undefined];
    const target = { label: 'target', value: TARGET };
    const against = (runs: Scored[] | undefined, k: keyof Scored, fallback?: { label: string; value: number }) =>
      base && runs ? { label: base.name, value: median(runs.map((r) => r[k])) } : fallback;
    const figures = (name: string, pick: (s: Side) => Scored[]): BenchResult[] => {
      const runs = pick(self);
      const baseRuns = base && pick(base);
      return [
        { figure: `lighthouse mobile: performance, ${name} (median of ${RUNS})`, unit: 'score', value: median(runs.map((r) => r.score)), baseline: against(baseRuns, 'score', target) },
        { figure: `lighthouse mobile: ${name}: FCP (simulated slow 4G)`, unit: 'ms', value: median(runs.map((r) => r.fcp)), baseline: against(baseRuns, 'fcp') },
        { figure: `lighthouse mobile: ${name}: LCP`, unit: 'ms', value: median(runs.map((r) => r.lcp)), baseline: against(baseRuns, 'lcp') },
        { figure: `lighthouse mobile: ${name}: total blocking time`, unit: 'ms', value: median(runs.map((r) => r.tbt)), baseline: against(baseRuns, 'tbt') },
        { figure: `lighthouse mobile: ${name}: speed index`, unit: 'ms', value: median(runs.map((r) => r.si)), baseline: against(baseRuns, 'si') },
      ];
    };
    for (const side of sides)
      console.log(`  ${side.name}: login ${side.login.map((r) => `${r.score}/${Math.round(r.tbt)}`).join(' ')} | everyday ${side.everyday.map((r) => `${r.score}/${Math.round(r.tbt)}`).join(' ')} (score/TBT ms)`);
    return [
      ...figures('login page', (s) => s.login),
      ...figures('everyday start to the lock screen', (s) => s.everyday),
      { figure: `installability errors (CDP Page.getInstallabilityErrors)${self.installErrors.length ? `: ${self.installErrors.join(', ')}` : ''}`, unit: 'errors', value: self.installErrors.length, baseline: { label: 'target', value: 0 } },
      { figure: 'load average (1 min) during the runs, max', unit: 'load', value: Math.max(...loads), baseline: { label: 'min', value: Math.min(...loads) } },
    ];
  } finally {
    for (const side of sides) {
      await side.app.close();
      for (const p of side.profiles) rmSync(p, { recursive: true, force: true });
    }
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
