// Image pipeline on a 12 MP camera-like JPEG in real Chromium: our worker (header-guided
// decode at the target size, ≤ 1 MP metrics, JPEG encode, SHA-256) vs browser-image-compression
// (maxWidthOrHeight 1600, useWebWorker) on the same file. Memory: each side's first photo in a
// fresh browser. Time: one more browser running the two sides alternately RUNS times each (the
// machine is shared, so alternating spreads any load spike over both), median reported.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { buildPages, servePages } from '../e2e/pages/build';
import { launchChromium, median, peakMemoryDuring } from './lib/chromium';

const RUNS = 7;
const WIDTH = 4000, HEIGHT = 3000;

interface Run { ms: number; bytes: number; width: number; height: number; timings?: { analyseMs: number } }
type Side = 'ours' | 'library';
interface BenchFigure { figure: string; unit: string; value: number; baseline?: { label: string; value: number } }

async function openBenchPage(url: string) {
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`${url}/bench-image.html`);
  await page.waitForFunction(() => document.title === 'ready');
  return { browser, page };
}

const once = (page: Page, side: Side): Promise<Run> =>
  page.evaluate(([s, u]) => window.__bench[s as Side](u as string), [side, '/photo-12mp.jpg']);

/** First photo in a fresh browser: time including worker start, output, peak memory. */
async function coldRun(url: string, side: Side) {
  const { browser, page } = await openBenchPage(url);
  try {
    const { result, peakMb } = await peakMemoryDuring(browser, () => once(page, side));
    if (result.width !== 1600 || result.height !== 1200) throw new Error(`${side}: output ${result.width}×${result.height}, expected 1600×1200`);
    return { ms: result.ms, bytes: result.bytes, peakMb };
  } finally {
    await browser.close();
  }
}

async function warmRuns(url: string) {
  const { browser, page } = await openBenchPage(url);
  try {
    await once(page, 'ours');
    await once(page, 'library');
    const runs: Record<Side, Run[]> = { ours: [], library: [] };
    for (let i = 0; i < RUNS; i++) {
      const order: Side[] = i % 2 ? ['library', 'ours'] : ['ours', 'library'];
      for (const side of order) runs[side].push(await once(page, side));
    }
    return runs;
  } finally {
    await browser.close();
  }
}

async function psnrOfBoth(url: string): Promise<{ ours: number; library: number }> {
  const { browser, page } = await openBenchPage(url);
  try {
    return await page.evaluate((u) => window.__bench.quality(u), '/photo-12mp.jpg');
  } finally {
    await browser.close();
  }
}

export async function run() {
  const dir = await buildPages();
  const server = await servePages(dir);
  try {
    const maker = await openBenchPage(server.url);
    const base64 = await maker.page.evaluate(([w, h]) => window.__bench.makePhoto(w!, h!), [WIDTH, HEIGHT]);
    await maker.browser.close();
    const photo = Buffer.from(base64, 'base64');
    writeFileSync(join(dir, 'photo-12mp.jpg'), photo);

    const ours = await coldRun(server.url, 'ours');
    const lib = await coldRun(server.url, 'library');
    const warm = await warmRuns(server.url);
    const quality = await psnrOfBoth(server.url);
    const label = 'browser-image-compression 2.0.2';
    const input = `12 MP JPEG (${(photo.length / 1e6).toFixed(1)} MB)`;
    const ms = (side: Side) => median(warm[side].map((r) => r.ms));
    const figures: BenchFigure[] = [
      { figure: `image: ${input} → 1600 px, median of ${RUNS}`, unit: 'ms', value: ms('ours'), baseline: { label, value: ms('library') } },
      { figure: 'image: of which quality metrics (≤ 1 MP grey copy)', unit: 'ms', value: median(warm.ours.map((r) => r.timings?.analyseMs ?? 0)) },
      { figure: 'image: first photo incl. worker start', unit: 'ms', value: ours.ms, baseline: { label, value: lib.ms } },
      { figure: 'image: output JPEG size (q 0.85)', unit: 'KB', value: ours.bytes / 1024, baseline: { label, value: lib.bytes / 1024 } },
      { figure: 'image: PSNR against a Lanczos-3 resample of the full photo (higher is better)', unit: 'dB', value: quality.ours, baseline: { label, value: quality.library } },
    ];
    if (ours.peakMb !== undefined && lib.peakMb !== undefined) {
      figures.push({ figure: 'image: peak extra RSS, renderer+GPU (first photo)', unit: 'MB', value: ours.peakMb, baseline: { label, value: lib.peakMb } });
    }
    return figures;
  } finally {
    await server.close();
  }
}
