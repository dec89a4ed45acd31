// The real image worker in Chromium, on photos drawn in the page (tests/e2e/pages/image-worker.ts).
import { expect, test } from '@playwright/test';
import { startPages, type PageServer } from './pages/build';
import { findItem } from '../../src/catalog';
import { photoProblems } from '../../src/domain/rules/kinds/photo-quality';

let pages: PageServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  pages = await startPages();
});
test.afterAll(async () => {
  await pages?.close();
});

test.beforeEach(async ({ page }) => {
  await page.goto(`${pages.url}/image-worker.html`);
  await expect(page).toHaveTitle('ready');
});

test('sharp, blurred and dark documents get the metrics that tell them apart', async ({ page }) => {
  const r = await page.evaluate(() => window.__imageTest.quality());
  expect(r.sharp!.metrics.sharpness).toBeGreaterThan(10 * r.blurred!.metrics.sharpness);
  expect(r.blurred!.metrics.sharpness).toBeLessThan(60); // the catalogue's default minSharpness
  expect(r.sharp!.metrics.sharpness).toBeGreaterThan(60);
  expect(r.dark!.metrics.mean).toBeLessThan(60); // default minMean
  expect(r.sharp!.metrics.mean).toBeGreaterThan(150);
  for (const s of Object.values(r)) {
    expect(s.metrics).toMatchObject({ width: 1200, height: 900 });
    expect(s.sha256).toBe(s.expectedSha256);
  }
});

test('a 12 MP photo comes out as a 1600 px JPEG whose hash matches its bytes', async ({ page }) => {
  const r = await page.evaluate(() => window.__imageTest.large());
  expect([r.width, r.height]).toEqual([1600, 1200]);
  expect([r.decodedWidth, r.decodedHeight]).toEqual([1600, 1200]);
  expect(r.metrics).toMatchObject({ width: 4000, height: 3000 });
  expect(r.bytes).toBe(r.byteLength);
  expect(r.bytes).toBeLessThan(r.inputBytes);
  expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(r.sha256).toBe(r.expectedSha256);
  expect(r.progress.at(-1)).toBe(1);
  expect(r.progress).toEqual([...r.progress].sort((a, b) => a - b));
  test.info().annotations.push({ type: 'timings', description: JSON.stringify(r.timings) });
});

test('EXIF orientation is applied and the original size is reported as displayed', async ({ page }) => {
  const r = await page.evaluate(() => window.__imageTest.oriented());
  expect([r.width, r.height]).toEqual([300, 400]);
  expect([r.decodedWidth, r.decodedHeight]).toEqual([300, 400]);
  expect(r.metrics).toMatchObject({ width: 600, height: 800 });
  // Decoded at a DCT scale (scaled-decode.ts) and still turned the right way: the same page as
  // the browser's own rotation of the file, far closer to it than to that page upside down.
  expect(r.meanGreyDifference).toBeLessThan(8);
  expect(r.wrongWayDifference).toBeGreaterThan(4 * r.meanGreyDifference + 10);
  test
    .info()
    .annotations.push({ type: 'grey difference', description: `${r.meanGreyDifference} vs ${r.wrongWayDifference}` });
});

test('accepts an ArrayBuffer and a PNG, never enlarges a small photo', async ({ page }) => {
  const fromBuffer = await page.evaluate(() => window.__imageTest.fromArrayBuffer());
  expect([fromBuffer.width, fromBuffer.height]).toEqual([640, 480]);
  const png = await page.evaluate(() => window.__imageTest.png());
  expect([png.width, png.height, png.metrics.width, png.metrics.height]).toEqual([600, 400, 900, 600]);
  expect(png.sha256).toBe(png.expectedSha256);
});

test('a broken file fails with a stable code and a Chinese message; abort stops the job', async ({ page }) => {
  const broken = await page.evaluate(() => window.__imageTest.broken());
  expect(broken.code).toBe('image.decode');
  expect(broken.message).toMatch(/照片/);
  const aborted = await page.evaluate(() => window.__imageTest.abort());
  expect(aborted).toEqual({ code: 'image.aborted', afterWidth: 320 });
});

test('a 20000×20000 PNG bomb is refused from its header with a Chinese message, never decoded', async ({ page }) => {
  const bomb = await page.evaluate(() => window.__imageTest.bomb());
  expect(bomb.bytes).toBeLessThan(200_000);
  expect(bomb.code).toBe('image.too_large');
  expect(bomb.message).toMatch(/像素太多/);
  // The worker still works afterwards.
  const after = await page.evaluate(() => window.__imageTest.fromArrayBuffer());
  expect(after.width).toBe(640);
});

test("a portrait's background and colour, measured by the worker, judged by the catalogue's standard", async ({
  page,
}) => {
  const shots = await page.evaluate(() => window.__imageTest.portraits());
  // The social security card's standard: 白色背景, 彩色.
  const photo = findItem('SB-SBK-BL')!.rules.find((r) => r.kind === 'photo-quality' && r.material === 'photo')!;
  if (photo.kind !== 'photo-quality') throw new Error('no photo rule');
  const problems = (name: keyof typeof shots) =>
    photoProblems(shots[name]!, photo.thresholds)
      .filter((p) => p.code.startsWith('photo.backdrop') || p.code === 'photo.greyscale')
      .map((p) => `${p.code}:${p.severity}`);
  expect(problems('white')).toEqual([]);
  expect(problems('blue')).toEqual(['photo.backdrop:error']);
  expect(problems('red')).toEqual(['photo.backdrop:error']);
  expect(problems('cream')).toEqual(['photo.backdrop:warning']);
  expect(problems('cluttered')).toEqual(['photo.backdrop_uneven:warning']);
  expect(problems('greyscale')).toEqual(['photo.greyscale:error']);
  test.info().annotations.push({ type: 'metrics', description: JSON.stringify(shots) });
});
