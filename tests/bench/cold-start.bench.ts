// Cold start and the big list, in Debian Chromium against the real township server and the real
// production build (built here into a temp folder: `npm run bench` needs no prior `npm run build`
// and never touches the shared dist/). Tablet viewport (800×1280), 4× CPU throttling through CDP
// (Emulation.setCPUThrottlingRate) for every measured page, an on-disk browser profile (real
// IndexedDB and Cache Storage, not an in-memory incognito context).
//
// 1. Offline cold start to interactive. First visit online: log in as agent1, the service worker
//    installs, precaches the app and takes control; 200 cases are put on the device. Then, per
//    run, a NEW browser process on that profile (service worker, renderer and memory caches all
//    cold; disk caches as a tablet would have them), the context set offline, a new page opened
//    at `/`. "Interactive" (see lib/cold-start-probe.ts): the home case list is painted with its
//    count and first row, and a click on 新建办件 issued in the next task has painted the 新建办件
//    screen — ms since navigation start. Baseline: the same page opened online in a browser that
//    is already running (service worker alive; a second profile with its own first visit, runs
//    alternating with the cold ones). Also: JS the page loads on the first visit, and
//    all JS the service worker precaches, raw and gzip -6 (the server itself does not compress).
//    The app starts locked (encryption at rest): the probe taps the agent's PIN on the lock
//    screen, so every figure after the boot screen includes the unlock (PBKDF2 + opening).
// 2. 10,000 and then 50,000 cases (seeded straight into the page's IndexedDB with the browser
//    tests' fixture), offline, 4× CPU, browser running: navigation to the first painted rows of
//    the home list, and the same from the app shell (the list's heading painted after the unlock:
//    the rows' own cost; baseline: the 200-case warm runs); a steady scroll (frame gaps, p95); a
//    status filter (状态 = 已提交) from its change event to the first painted matching row. The
//    50,000-case figures stand beside the 10,000-case ones.
//
// 3. The floor (lib/cold-start-floor.ts): a hand-written page doing only what no app with this job
//    can skip — a service worker's answer, the key record read, a PIN pad, PBKDF2, the first page
//    and its names, the rows in view drawn — started the same way, its runs alternating with part
//    1's: how much of the cold start is the app's own, and how much any app would pay here.
//
// COLD_START_PARTS=list runs only part 2 (=start only part 1, =start,floor parts 1 and 3; default
// all three). COLD_START_BASE=<git
// ref> measures a build of that commit too (its own server and profiles, runs alternating with
// this build's so load spikes on the shared machine fall on both sides): part 1 adds the base
// build's offline cold starts (figures "… vs base build"), and each list figure of part 2 has the
// base build's as its baseline. COLD_START_RUNS=n sets part 1's runs (default 9).
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedCases, type SeedSummary } from '../e2e/fixtures/seed-cases';
import { median, percentile } from './lib/chromium';
import { allJsFiles, buildAppInto, jsSize, signInWithPin, sourcesAt, startServer } from './lib/cold-start-app';
import { installColdStartProbe, type ColdStartMarks } from './lib/cold-start-probe';
import { floorFirstVisit, startFloorServer } from './lib/cold-start-floor';
// @ts-expect-error plain ESM helper shared with scripts/
import { chromiumPath, CHROMIUM_ARGS } from '../../scripts/browser.mjs';

interface BenchResult { figure: string; unit: string; value: number; baseline?: { label: string; value: number } }

const RUNS = Number(process.env.COLD_START_RUNS ?? 9);
const LIST_RUNS = 5;
const CPU_SLOWDOWN = 4;
const FIRST_CASES = 200;
const MANY_CASES = 10_000;
const HUGE_LIST = 50_000;
/** The scroll: a steady fling of SCROLL_STEP px per frame (≈ 7,000 px/s at 60 Hz) for SCROLL_FRAMES frames. */
const SCROLL_FRAMES = 180;
const SCROLL_STEP = 120;
const VILLAGE = '341822100201'; // agent1's village in the demo county
const FILTER_STATUS = { value: 'submitted', label: '已提交' } as const;
/** The lock-screen PIN set at the first visit. */
const PIN = '246813';
const PARTS = new Set((process.env.COLD_START_PARTS ?? 'start,floor,list').split(',').map((p) => p.trim()));
if (PARTS.has('floor')) PARTS.add('start'); // the floor's runs alternate with the app's
const BASE_REF = process.env.COLD_START_BASE;

// tsx compiles this file with keepNames: functions sent into the page call a `__name` helper
// that only exists here. The page gets a no-op one (in every document, before anything else).
const NAME_SHIM = 'globalThis.__name ??= (fn) => fn;';

const launch = async (profile: string, offline: boolean): Promise<BrowserContext> => {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath() as string | undefined, args: CHROMIUM_ARGS as string[],
    viewport: { width: 800, height: 1280 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
  });
  await context.addInitScript({ content: NAME_SHIM });
  if (offline) await context.setOffline(true);
  return context;
};

/** A new page with the probe installed and the CPU slowed down, not yet navigated. */
async function probedPage(context: BrowserContext, clickNewCase: boolean): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(installColdStartProbe, { clickNewCase, pin: PIN });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return page;
}

/** The probe's marks plus the browser's own: HTML received (from the service worker), first contentful paint. */
type StartRun = ColdStartMarks & { html: number; fcp: number };

/** The browser's own timings of the page; throws unless its service worker answered it. */
async function browserTimings(page: Page): Promise<{ html: number; fcp: number }> {
  const t = await page.evaluate(() => ({
    html: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.responseEnd ?? NaN,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    controlled: navigator.serviceWorker.controller !== null,
  }));
  if (!t.controlled) throw new Error(`${page.url()} was not controlled by its service worker`);
  return { html: t.html, fcp: t.fcp };
}

/** Opens `/` and waits until interactive; checks the page really ran under the service worker. */
async function measureStart(context: BrowserContext, url: string, offline: boolean): Promise<StartRun> {
  const page = await probedPage(context, true);
  await page.goto(`${url}/`);
  const marks = await page.evaluate(() => window.__coldStart.done);
  const timings = await browserTimings(page);
  const api = await page.evaluate(() => fetch('/api/health').then((r) => r.status, () => 'network-error'));
  if (offline !== (api === 'network-error')) throw new Error(`expected ${offline ? 'offline' : 'online'}, /api/health gave ${api}`);
  await page.close();
  return { ...marks, ...timings };
}

/** The floor page opened offline in a new browser, to its list (it has no 新建办件 screen). A page
 *  error or a minute without the list fails the run instead of hanging the bench. */
async function measureFloor(context: BrowserContext, url: string): Promise<StartRun> {
  const page = await probedPage(context, false);
  const failed = new Promise<never>((_, fail) => {
    page.on('pageerror', (e) => fail(new Error(`the floor page failed: ${e.message}`)));
    setTimeout(() => fail(new Error('the floor page drew no list in 60 s')), 60_000).unref();
  });
  failed.catch(() => undefined); // raced below; never an unhandled rejection once the run is over
  await page.goto(`${url}/`);
  const marks = await Promise.race([page.evaluate(() => window.__coldStart.listed), failed]);
  const timings = await browserTimings(page);
  const drawn = await page.evaluate(() => ({
    count: document.querySelector('[data-testid="case-count"]')?.textContent,
    cards: document.querySelectorAll('a.case-card').length,
  }));
  // It did the whole job: every case counted, the rows in view drawn with their names.
  if (drawn.count !== `共 ${FIRST_CASES} 件` || drawn.cards === 0) throw new Error(`the floor page drew ${drawn.count} and ${drawn.cards} rows`);
  await page.close();
  return { ...marks, ...timings };
}

/** First visit online: log in, wait for the service worker, note the page's scripts, seed cases. */
async function firstVisit(profile: string, url: string) {
  const context = await launch(profile, false);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const scripts = new Set<string>();
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (r.request().resourceType() === 'script' && path.endsWith('.js')) scripts.add(path.slice(1));
    });
    await signInWithPin(page, url, PIN);
    const seeded = await seedCases(page, FIRST_CASES, VILLAGE, 'agent1');
    return { scripts: [...scripts], seeded };
  } finally {
    await context.close();
  }
}

/** One navigation to the home list of `total` cases: first rows, a status filter, a steady scroll. */
interface ListRun {
  firstRows: number; afterShell: number; countedAfterShell: number;
  filter: number; filterCounted: number; scrollP95: number; placeholderFrames: number;
}

/** Tops the device up to `total` cases (online): the summary of what is on it then. */
async function seedTo(context: BrowserContext, url: string, before: SeedSummary, total: number): Promise<SeedSummary> {
  const seeder = await context.newPage();
  await seeder.goto(`${url}/`);
  for (const d of PIN) await seeder.getByRole('button', { name: d, exact: true }).click();
  await seeder.getByRole('heading', { name: '办件列表' }).waitFor();
  const added = await seedCases(seeder, total - before.total, VILLAGE, 'agent1');
  await seeder.close();
  const seeded: SeedSummary = { ...added, total, byStatus: { ...before.byStatus } };
  for (const [status, n] of Object.entries(added.byStatus)) seeded.byStatus[status] = (seeded.byStatus[status] ?? 0) + n;
  return seeded;
}

/** One offline navigation to the home list of `seeded.total` cases: first rows, a steady scroll, a status filter. */
async function listRun(context: BrowserContext, url: string, seeded: SeedSummary): Promise<ListRun> {
  const total = seeded.total;
  const expected = seeded.byStatus[FILTER_STATUS.value] ?? 0;
  const page = await probedPage(context, false);
  await page.goto(`${url}/`);
  const marks = await page.evaluate(() => window.__coldStart.listed);
  const count = await page.getByTestId('case-count').textContent();
  if (count !== `共 ${total} 件`) throw new Error(`home list shows "${count}", expected ${total} cases`);
  const scroll = await page.evaluate(([frames, step]) => window.__coldStart.scrollFrames(frames, step), [SCROLL_FRAMES, SCROLL_STEP] as const);
  if (scroll.scrolledTo < (SCROLL_FRAMES - 1) * SCROLL_STEP) throw new Error(`the list scrolled only to ${scroll.scrolledTo} px`);
  // Back to the top, its first row loaded: the filter is timed from there.
  await page.locator('.vlist').evaluate((el) => { el.scrollTop = 0; });
  await page.locator('[role="list"][aria-label="办件"] [aria-posinset="1"] a.case-card').waitFor();
  // LIST_FILTER_WAIT_MS: filter only after this pause (the background loading that follows the
  // first rows done), to tell the filter's own time from a collision with that loading.
  await page.waitForTimeout(Number(process.env.LIST_FILTER_WAIT_MS ?? 0));
  const select = await page.getByLabel('状态', { exact: true }).elementHandle();
  const filter = await page.evaluate(([sel, status, n, label]) => window.__coldStart.filterRows(() => {
    (sel as HTMLSelectElement).value = status as string;
    (sel as HTMLSelectElement).dispatchEvent(new Event('change', { bubbles: true }));
  }, n as number, label as string), [select, FILTER_STATUS.value, expected, FILTER_STATUS.label] as const);
  await page.close();
  return {
    firstRows: marks.rows!, afterShell: marks.rows! - marks.shell!, countedAfterShell: marks.list! - marks.shell!,
    filter: filter.rows, filterCounted: filter.counted,
    scrollP95: percentile(scroll.gaps, 95), placeholderFrames: scroll.placeholderFrames,
  };
}

/** One build's list measurements: its browser (running, on its own profile) and what is on the device. */
interface ListSide { name: string; context: BrowserContext; url: string; seeded: SeedSummary }
type ListMeasure = { runs: ListRun[]; seeded: SeedSummary; expected: number };

/** Tops every side up to `total` cases, then LIST_RUNS offline navigations per side, alternating. */
async function bigList(sides: ListSide[], total: number): Promise<ListMeasure[]> {
  for (const side of sides) side.seeded = await seedTo(side.context, side.url, side.seeded, total);
  for (const side of sides) await side.context.setOffline(true);
  const runs: ListRun[][] = sides.map(() => []);
  for (let i = 0; i < LIST_RUNS; i++) for (const [s, side] of sides.entries()) runs[s]!.push(await listRun(side.context, side.url, side.seeded));
  for (const side of sides) await side.context.setOffline(false);
  return sides.map((side, s) => ({ runs: runs[s]!, seeded: side.seeded, expected: side.seeded.byStatus[FILTER_STATUS.value] ?? 0 }));
}

const thousands = (n: number) => n.toLocaleString('en-US');

/**
 * The big list's figures. First rows are timed from navigation and from the app shell (the case
 * list's heading painted after the unlock), with and without the count. Baselines: the base
 * build's (COLD_START_BASE), or else the 200-case device's warm runs, or the 10,000-case list's
 * beside the 50,000 one's.
 */
function listFigures(total: number, list: ListMeasure, warm: StartRun[], smaller?: ListRun[], base?: { label: string; runs: ListRun[] }): BenchResult[] {
  const of = (runs: ListRun[], k: keyof ListRun) => runs.map((r) => r[k]);
  const head = `cold-start: ${thousands(total)} cases, offline, ${CPU_SLOWDOWN}× CPU`;
  const warmLabel = `${FIRST_CASES} cases, online warm runs`;
  const baseline = (k: keyof ListRun, fromWarm?: number[]) =>
    base ? { baseline: { label: base.label, value: median(of(base.runs, k)) } }
      : smaller ? { baseline: { label: `${thousands(MANY_CASES)} cases`, value: median(of(smaller, k)) } }
        : fromWarm && fromWarm.length > 0 ? { baseline: { label: warmLabel, value: median(fromWarm) } } : {};
  return [
    { figure: `${head}: first rows of the home list after navigation, median of ${LIST_RUNS}`, unit: 'ms', value: median(of(list.runs, 'firstRows')), ...baseline('firstRows') },
    { figure: `${head}: first rows after the app shell (list heading painted), median of ${LIST_RUNS}`, unit: 'ms', value: median(of(list.runs, 'afterShell')), ...baseline('afterShell', warm.map((r) => r.rows! - r.shell!)) },
    { figure: `${head}: first rows and the count (共 N 件) after the app shell, median of ${LIST_RUNS}`, unit: 'ms', value: median(of(list.runs, 'countedAfterShell')), ...baseline('countedAfterShell', warm.map((r) => r.list! - r.shell!)) },
    { figure: `${head}: status filter (${FILTER_STATUS.label}, ${list.expected} cases) to first rows, median of ${LIST_RUNS}`, unit: 'ms', value: median(of(list.runs, 'filter')), ...baseline('filter') },
    { figure: `${head}: status filter to first rows and the count, median of ${LIST_RUNS}`, unit: 'ms', value: median(of(list.runs, 'filterCounted')), ...baseline('filterCounted') },
    { figure: `${head}: scroll ${SCROLL_STEP} px/frame for ${SCROLL_FRAMES} frames, frame gap p95, median of ${LIST_RUNS}`, unit: 'ms', value: median(of(list.runs, 'scrollP95')), ...baseline('scrollP95') },
  ];
}

export async function run(): Promise<BenchResult[]> {
  const dist = await buildAppInto();
  const baseSources = BASE_REF ? sourcesAt(BASE_REF) : undefined;
  const baseDist = baseSources ? await buildAppInto(baseSources) : undefined;
  // Two profiles, each after its own first visit: cold runs relaunch the browser on one, warm runs
  // reuse a browser kept running on the other, alternately, so load spikes on the shared machine
  // fall on both sides. The base build (COLD_START_BASE) has a third, with its own server.
  const coldProfile = mkdtempSync(join(tmpdir(), 'daiban-bench-cold-'));
  const warmProfile = mkdtempSync(join(tmpdir(), 'daiban-bench-warm-'));
  const baseProfile = mkdtempSync(join(tmpdir(), 'daiban-bench-base-'));
  const baseColdProfile = mkdtempSync(join(tmpdir(), 'daiban-bench-base-cold-'));
  const floorProfile = mkdtempSync(join(tmpdir(), 'daiban-bench-floor-'));
  let floorServer: Awaited<ReturnType<typeof startFloorServer>> | undefined;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let baseServer: Awaited<ReturnType<typeof startServer>> | undefined;
  let warmContext: BrowserContext | undefined;
  let baseContext: BrowserContext | undefined;
  try {
    server = await startServer(dist);
    const out: BenchResult[] = [];
    if (baseDist) baseServer = await startServer(baseDist, baseSources);
    const first = PARTS.has('start') ? await firstVisit(coldProfile, server.url) : undefined;
    const baseFirst = first && baseServer ? await firstVisit(baseColdProfile, baseServer.url) : undefined;
    if (PARTS.has('floor')) {
      floorServer = await startFloorServer();
      const context = await launch(floorProfile, false);
      try {
        await floorFirstVisit(context.pages()[0] ?? (await context.newPage()), floorServer.url, PIN, FIRST_CASES);
      } finally {
        await context.close();
      }
    }
    const warmFirst = await firstVisit(warmProfile, server.url);
    warmContext = await launch(warmProfile, false);
    await measureStart(warmContext, server.url, false); // starts the service worker, warms caches

    const cold: StartRun[] = [], warm: StartRun[] = [], baseCold: StartRun[] = [], floor: StartRun[] = [];
    const ms = (xs: StartRun[], k: keyof StartRun) => xs.map((m) => m[k]!);
    const round = (xs: number[]) => xs.map(Math.round).join(' ');
    if (first) {
      type Measure = (context: BrowserContext, url: string) => Promise<StartRun>;
      const app: Measure = (context, url) => measureStart(context, url, true);
      const coldStart = async (profile: string, url: string, into: StartRun[], measure: Measure) => {
        const context = await launch(profile, true);
        try {
          into.push(await measure(context, url));
        } finally {
          await context.close();
        }
      };
      for (let i = 0; i < RUNS; i++) {
        // Which build goes first alternates, so neither always starts while the other's browser
        // is still exiting.
        const order: (readonly [string, string, StartRun[], Measure])[] = [[coldProfile, server.url, cold, app]];
        if (baseFirst && baseServer) order.push([baseColdProfile, baseServer.url, baseCold, app]);
        if (floorServer) order.push([floorProfile, floorServer.url, floor, measureFloor]);
        for (const [profile, url, into, measure] of i % 2 === 0 ? order : [...order].reverse())
          await coldStart(profile, url, into, measure);
        warm.push(await measureStart(warmContext, server.url, false));
      }
      const firstLoad = jsSize(dist, first.scripts);
      const everything = jsSize(dist, allJsFiles(dist));
      const logged: [string, StartRun[]][] = [['offline cold', cold]];
      if (baseCold.length > 0) logged.push([`offline cold, base build (${BASE_REF})`, baseCold]);
      if (floor.length > 0) logged.push(['offline cold, the floor page', floor]);
      logged.push(['online warm', warm]);
      for (const [name, runs] of logged) {
        console.log(`  ${name} ms — HTML ${round(ms(runs, 'html'))} | FCP ${round(ms(runs, 'fcp'))} | PIN pad ${round(ms(runs, 'locked'))} | shell ${round(ms(runs, 'shell'))} | list ${round(ms(runs, 'list'))} | interactive ${round(ms(runs, 'interactive'))}`);
      }
      const warmLabel = 'online, browser running';
      const sent = 'raw bytes (before brotli or gzip)';
      out.push(
        { figure: `cold-start: offline, ${CPU_SLOWDOWN}× CPU, new browser → list + 新建办件 responds, median of ${RUNS}`, unit: 'ms', value: median(ms(cold, 'interactive')), baseline: { label: warmLabel, value: median(ms(warm, 'interactive')) } },
        { figure: `cold-start: same, p95 of ${RUNS} (= slowest run)`, unit: 'ms', value: percentile(ms(cold, 'interactive'), 95), baseline: { label: warmLabel, value: percentile(ms(warm, 'interactive'), 95) } },
        { figure: 'cold-start: of which first contentful paint (boot screen), median', unit: 'ms', value: median(ms(cold, 'fcp')), baseline: { label: warmLabel, value: median(ms(warm, 'fcp')) } },
        { figure: `cold-start: of which case list painted (${FIRST_CASES} cases), median`, unit: 'ms', value: median(ms(cold, 'list')), baseline: { label: warmLabel, value: median(ms(warm, 'list')) } },
        { figure: `cold-start: JS the page loads on first visit (login → list, ${firstLoad.files} files), gzip -6`, unit: 'KB', value: firstLoad.gzipKb, baseline: { label: sent, value: firstLoad.rawKb } },
        { figure: `cold-start: all JS precached by the service worker + its sw.js and sw-sync.js (${everything.files} files), gzip -6`, unit: 'KB', value: everything.gzipKb, baseline: { label: sent, value: everything.rawKb } },
      );
      if (baseCold.length > 0) {
        const baseLabel = `base build (${BASE_REF}), offline cold, runs alternating`;
        for (const [k, what] of [['interactive', 'list + 新建办件 responds'], ['fcp', 'first contentful paint'], ['list', 'case list painted']] as const)
          out.push({ figure: `cold-start vs base build: ${what}, median of ${RUNS}`, unit: 'ms', value: median(ms(cold, k)), baseline: { label: baseLabel, value: median(ms(baseCold, k)) } });
      }
      if (floor.length > 0) {
        // The floor is the figure, the app its baseline: the ratio is the share of the app's time
        // that any app would spend here.
        const appLabel = 'this build, offline cold, runs alternating';
        const pinToList = (runs: StartRun[]) => runs.map((r) => r.list! - r.locked!);
        out.push(
          { figure: `cold-start floor (hand-written page, same steps): case list painted, median of ${RUNS}`, unit: 'ms', value: median(ms(floor, 'list')), baseline: { label: appLabel, value: median(ms(cold, 'list')) } },
          { figure: 'cold-start floor: PIN pad painted, median', unit: 'ms', value: median(ms(floor, 'locked')), baseline: { label: appLabel, value: median(ms(cold, 'locked')) } },
          { figure: 'cold-start floor: PIN tapped → case list painted, median', unit: 'ms', value: median(pinToList(floor)), baseline: { label: appLabel, value: median(pinToList(cold)) } },
          { figure: 'cold-start floor: first contentful paint, median', unit: 'ms', value: median(ms(floor, 'fcp')), baseline: { label: appLabel, value: median(ms(cold, 'fcp')) } },
        );
      }
    }

    if (PARTS.has('list')) {
      const sides: ListSide[] = [{ name: 'this build', context: warmContext, url: server.url, seeded: warmFirst.seeded }];
      if (baseDist && baseServer) {
        const baseFirst = await firstVisit(baseProfile, baseServer.url);
        baseContext = await launch(baseProfile, false);
        await measureStart(baseContext, baseServer.url, false);
        sides.push({ name: `base build (${BASE_REF})`, context: baseContext, url: baseServer.url, seeded: baseFirst.seeded });
      }
      const many = await bigList(sides, MANY_CASES);
      const huge = await bigList(sides, HUGE_LIST);
      const of = (runs: ListRun[], k: keyof ListRun) => runs.map((r) => r[k]);
      for (const [s, side] of sides.entries())
        for (const [n, l] of [[MANY_CASES, many[s]!], [HUGE_LIST, huge[s]!]] as const)
          console.log(`  ${side.name}, ${n.toLocaleString('en-US')} cases ms — first rows: ${round(of(l.runs, 'firstRows'))} (after the shell: ${round(of(l.runs, 'afterShell'))}, with the count: ${round(of(l.runs, 'countedAfterShell'))}); filter: ${round(of(l.runs, 'filter'))} (with the count: ${round(of(l.runs, 'filterCounted'))}); scroll frame gap p95: ${round(of(l.runs, 'scrollP95'))}, frames with a loading row: ${round(of(l.runs, 'placeholderFrames'))}`);
      const baseOf = (m: ListMeasure[]) => (m[1] ? { label: sides[1]!.name, runs: m[1].runs } : undefined);
      out.push(
        ...listFigures(MANY_CASES, many[0]!, warm, undefined, baseOf(many)),
        ...listFigures(HUGE_LIST, huge[0]!, warm, many[0]!.runs, baseOf(huge)),
      );
    }
    return out;
  } finally {
    await warmContext?.close();
    await baseContext?.close();
    await server?.close();
    await baseServer?.close();
    await floorServer?.close();
    for (const dir of [coldProfile, warmProfile, baseProfile, baseColdProfile, floorProfile, dist, baseDist, baseSources])
      if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
