// Issue 13: screen changes and 开始办件 at 4× CPU slowdown (Emulation.setCPUThrottlingRate), in
// Debian Chromium against the real township server and the real production build, beside the
// same steps on a baseline build of an earlier commit (SCREEN_BASE_REF, default BEFORE_REF: the
// code before this work), both measured in this run, runs alternating so load spikes on the
// shared machine fall on both sides.
//
// Per build: a browser with its own on-disk profile (service worker, IndexedDB), agent1 signed in
// with a lock-screen PIN and 200 cases (4 applicants) on the device. Per run: a new page at `/`,
// the PIN tapped, the case list painted, then SETTLE_MS for the idle work an agent's first glance
// at the list leaves time for (the idle preload of the next screens, src/ui/app/preload-screens.ts); then, each timed from the click (lib/screen-timer.ts) to the first
// free task after the new screen is painted:
//   case list → a case (workbench) → back → 群众档案 → a profile → 设置 → back → 群众档案 →
//   为…办件 (新建办件 with the applicant) → an item from the catalogue → 开始办件 (a new case on
//   the workbench).
// Every step is the first time that screen opens in the page: its chunk, its data, its first render.
// The workbench counts as shown with its first screenful (header, the report's one-line summary,
// the form); its materials and full report, drawn a frame later, are timed as `complete`.
// SCREEN_TRACE=<dir>: also traces one step (SCREEN_TRACE_STEP, its index in STEPS; default the
// last, 开始办件) in this build's first run, prints its main-thread tasks (≥ 10 ms, with their
// parts) and writes the trace there.
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedCases } from '../e2e/fixtures/seed-cases';
import { median } from './lib/chromium';
import { buildAppInto, signInWithPin, sourcesAt, startServer, type RunningApp } from './lib/cold-start-app';
import { installColdStartProbe } from './lib/cold-start-probe';
import { formatTasks, longTasks, startTrace, stopTrace } from './lib/main-thread-trace';
import { timeScreenChange, type ScreenTiming, type Target } from './lib/screen-timer';
// @ts-expect-error plain ESM helper shared with scripts/
import { chromiumPath, CHROMIUM_ARGS } from '../../scripts/browser.mjs';

interface BenchResult { figure: string; unit: string; value: number; baseline?: { label: string; value: number } }

/** Before issue 13's screen-change work (first-screen budgets and cold start already in). */
const BEFORE_REF = 'ea94c4f';
const BASE_REF = process.env.SCREEN_BASE_REF ?? BEFORE_REF;
const RUNS = Number(process.env.SCREEN_RUNS ?? 5);
const CPU_SLOWDOWN = 4;
/** How long the agent looks at the list before the first tap (SCREEN_SETTLE_MS). At 3 s on the
 *  loaded 2-core machine the idle preload had not begun and ran during the steps (slower). */
const SETTLE_MS = Number(process.env.SCREEN_SETTLE_MS ?? 10_000);
const CASES = 200;
const VILLAGE = '341822100201'; // agent1's village in the demo county
const PIN = '246813';
const TRACE_DIR = process.env.SCREEN_TRACE;
const TRACE_STEP = process.env.SCREEN_TRACE_STEP === undefined ? undefined : Number(process.env.SCREEN_TRACE_STEP);
const ITEM = '老年人优待证办理';
const NAME_SHIM = 'globalThis.__name ??= (fn) => fn;'; // see cold-start.bench.ts

const LIST: Target[] = [{ selector: '#cases-title' }, { selector: '[role="list"][aria-label="办件"] a.case-card' }];
// The workbench's first screenful (its header, the report's one-line summary, the form); the
// materials and the full report below it may come a frame later, timed as `complete`.
const WORKBENCH: Target[] = [{ selector: '#case-title' }, { selector: '.report-jump' }, { selector: '[data-field]' }];
const WORKBENCH_REST: Target[] = [{ selector: '[data-testid="report"]' }, { selector: '[data-material]' }];
const PERSONS: Target[] = [{ selector: '#persons-title' }, { selector: 'a.person-card__main' }];
const PERSON: Target[] = [{ selector: '#person-title', text: '修改' }, { selector: 'form input' }];
const SETTINGS: Target[] = [{ selector: '#settings-title' }];
const NEW_CASE: Target[] = [{ selector: '#new-case-title' }, { selector: '.item-option' }, { selector: '[data-testid="chosen-申请人"]' }];
const ITEM_CHOSEN: Target[] = [{ selector: '.chosen__text', text: ITEM }];

/** The steps in order: a name, what is clicked, what the next screen shows when ready. */
const STEPS: { name: string; click: Target | 'back'; ready: Target[]; complete?: Target[] }[] = [
  { name: 'case list → case (workbench)', click: LIST[1]!, ready: WORKBENCH, complete: WORKBENCH_REST },
  { name: 'case → back to the list', click: 'back', ready: LIST },
  { name: 'case list → 群众档案', click: { selector: 'a.nav__link[href="#/persons"]' }, ready: PERSONS },
  { name: '群众档案 → a profile', click: PERSONS[1]!, ready: PERSON },
  { name: 'profile → 设置', click: { selector: 'a.nav__link[href="#/settings"]' }, ready: SETTINGS },
  { name: '设置 → back to the profile', click: 'back', ready: PERSON },
  { name: 'profile → 群众档案', click: { selector: 'a.nav__link[href="#/persons"]' }, ready: PERSONS },
  { name: '群众档案 → 为…办件 (新建办件)', click: { selector: 'a[href^="#/cases/new?person="]', text: '办件' }, ready: NEW_CASE },
  { name: 'catalogue → item', click: { selector: '.item-option', text: ITEM }, ready: ITEM_CHOSEN },
  { name: '开始办件 → workbench', click: { selector: 'button', text: '开始办件' }, ready: WORKBENCH, complete: WORKBENCH_REST },
];

/** `sources`: a base build's own sources, whose server serves it (headers included). */
interface Side { name: string; dist: string; sources?: string; profile: string; app?: RunningApp; context?: BrowserContext; runs: ScreenTiming[][] }

async function launch(profile: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath() as string | undefined, args: CHROMIUM_ARGS as string[],
    viewport: { width: 800, height: 1280 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
  });
  await context.addInitScript({ content: NAME_SHIM });
  return context;
}

async function prepare(side: Side): Promise<void> {
  side.app = await startServer(side.dist, side.sources);
  side.context = await launch(side.profile);
  const page = side.context.pages()[0] ?? (await side.context.newPage());
  await signInWithPin(page, side.app.url, PIN);
  await seedCases(page, CASES, VILLAGE, 'agent1');
  await page.close();
}

async function oneRun(side: Side): Promise<ScreenTiming[]> {
  const page: Page = await side.context!.newPage();
  try {
    await page.addInitScript(installColdStartProbe, { clickNewCase: false, pin: PIN });
    const cdp = await side.context!.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(`${side.app!.url}/`);
    await page.evaluate(() => window.__coldStart.listed);
    await page.waitForTimeout(SETTLE_MS);
    // Which screens' chunks were already fetched when the first step began (the idle preload).
    const early = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => /\/assets\/(workbench-screen|new-case|person-list|person-edit|settings)-/.exec(e.name)?.[1]).filter(Boolean),
    );
    console.log(`    ${side.name}: chunks loaded before the first step: ${early.join(', ') || 'none'}`);
    const out: ScreenTiming[] = [];
    const traced = TRACE_DIR && side.runs.length === 0 && side.name === 'this build';
    const tracedStep = TRACE_STEP ?? STEPS.length - 1;
    for (const [s, step] of STEPS.entries()) {
      if (traced && s === tracedStep) {
        await startTrace(cdp);
        await page.waitForTimeout(1_000); // the profiler's start is a long task of its own
      }
      out.push(await page.evaluate(timeScreenChange, { click: step.click, ready: step.ready, complete: step.complete, timeoutMs: 30_000 }));
      if (traced && s === tracedStep) {
        const events = await stopTrace(cdp);
        writeFileSync(join(TRACE_DIR, `step-${s}-${Date.now()}.json`), JSON.stringify(events));
        console.log(`    traced ${step.name} (${Math.round(out[s]!.interactive)} ms):\n${formatTasks(longTasks(events, 10))}`);
      }
    }
    return out;
  } finally {
    await page.close();
  }
}

export async function run(): Promise<BenchResult[]> {
  const baseSources = sourcesAt(BASE_REF);
  const sides: Side[] = [];
  try {
    sides.push({ name: 'this build', dist: await buildAppInto(), profile: mkdtempSync(join(tmpdir(), 'daiban-screen-new-')), runs: [] });
    sides.push({ name: `before (${BASE_REF})`, dist: await buildAppInto(baseSources), sources: baseSources, profile: mkdtempSync(join(tmpdir(), 'daiban-screen-base-')), runs: [] });
    for (const side of sides) await prepare(side);
    for (let i = 0; i < RUNS; i++) for (const side of sides) side.runs.push(await oneRun(side));

    const [now, base] = sides as [Side, Side];
    const stepMedian = (side: Side, s: number, k: keyof ScreenTiming) => median(side.runs.map((r) => r[s]![k]));
    for (const side of sides) {
      console.log(`  ${side.name}, ms (interactive; longest task; complete):`);
      STEPS.forEach((step, s) =>
        console.log(`    ${step.name}: ${side.runs.map((r) => `${Math.round(r[s]!.interactive)};${Math.round(r[s]!.longestTask)};${Math.round(r[s]!.complete)}`).join(' ')}`),
      );
    }
    const baseline = (s: number, k: keyof ScreenTiming) => ({ label: base.name, value: stepMedian(base, s, k) });
    const worst = (side: Side) => median(side.runs.map((r) => Math.max(...r.slice(0, -1).map((t) => t.interactive))));
    const last = STEPS.length - 1;
    return [
      { figure: `screen-change: 开始办件 → interactive workbench, ${CPU_SLOWDOWN}× CPU, median of ${RUNS}`, unit: 'ms', value: stepMedian(now, last, 'interactive'), baseline: baseline(last, 'interactive') },
      { figure: 'screen-change: 开始办件: longest task, median', unit: 'ms', value: stepMedian(now, last, 'longestTask'), baseline: baseline(last, 'longestTask') },
      { figure: `screen-change: 开始办件 → workbench complete (materials and report drawn), median of ${RUNS}`, unit: 'ms', value: stepMedian(now, last, 'complete'), baseline: baseline(last, 'complete') },
      { figure: `screen-change: case list → case complete (materials and report drawn), median of ${RUNS}`, unit: 'ms', value: stepMedian(now, 0, 'complete'), baseline: baseline(0, 'complete') },
      ...STEPS.slice(0, -1).map((step, s): BenchResult => ({
        figure: `screen-change: ${step.name}, ${CPU_SLOWDOWN}× CPU, first time in the page, median of ${RUNS}`,
        unit: 'ms',
        value: stepMedian(now, s, 'interactive'),
        baseline: baseline(s, 'interactive'),
      })),
      { figure: `screen-change: slowest of the ${last} screen changes per run, median of ${RUNS}`, unit: 'ms', value: worst(now), baseline: { label: base.name, value: worst(base) } },
    ];
  } finally {
    for (const side of sides) {
      await side.context?.close();
      await side.app?.close();
      rmSync(side.dist, { recursive: true, force: true });
      rmSync(side.profile, { recursive: true, force: true });
    }
    rmSync(baseSources, { recursive: true, force: true });
  }
}
