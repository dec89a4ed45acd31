// The on-device OCR engine in real Chromium (issue 16): the built app serves the self-hosted model
// files outside its precache, and the real worker — installed into its cache, then offline, under
// the app's own Content-Security-Policy — reads a generated ID card (tests/ocr).
import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { buildPages, servePages, type PageServer } from './pages/build';
import { CONTENT_SECURITY_POLICY } from '../../src/server/http/security';
import { OCR_FILE_LIST, OCR_TOTAL_BYTES } from '../../src/ocr/files';
import { cardSet } from '../ocr/card-set';

/** The app's CSP header, as helmet writes it from the same directives. */
const csp = Object.entries(CONTENT_SECURITY_POLICY)
  .filter(([, v]) => Array.isArray(v))
  .map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${(v as string[]).join(' ')}`)
  .join(';');

let pages: PageServer;
let dir: string;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = await buildPages();
  pages = await servePages(dir, { 'content-security-policy': csp });
});
test.afterAll(async () => {
  await pages?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the app serves the OCR files from its own origin and never precaches them', async ({ request }) => {
  for (const f of OCR_FILE_LIST) {
    const res = await request.head(`/ocr/${f.name}`);
    expect(res.status(), f.name).toBe(200);
    expect(Number(res.headers()['content-length']), f.name).toBe(f.bytes);
  }
  const sw = await (await request.get('/sw.js')).text();
  expect(sw).toContain('index.html'); // the precache manifest is there…
  expect(sw).not.toMatch(/ocr\/|\.onnx|\.wasm/); // …without any OCR file
});

test('installed once, the engine reads a card offline, and refuses plainly once removed', async ({ page, context }) => {
  test.setTimeout(120_000);
  const people = 4; // sample 0: a clean front; the test set's truth comes from the generator
  const truth = cardSet(people)[0]!;
  await page.goto(`${pages.url}/ocr.html`);
  await expect(page).toHaveTitle('ready');
  const before = await page.evaluate(() => window.__ocr.ocrStatus());
  expect(before).toEqual({ state: 'off', bytes: OCR_TOTAL_BYTES });
  const refused = await page.evaluate((p) => window.__ocr.readOrError(p, 0), people);
  expect(refused.error).toMatch(/证件识别尚未安装/);

  const progress = await page.evaluate(() => window.__ocr.installOcr());
  expect(progress.at(-1)).toBe(1);
  expect(await page.evaluate(() => window.__ocr.ocrStatus())).toEqual({ state: 'ready', bytes: OCR_TOTAL_BYTES });
  await page.evaluate(() => window.__ocr.warmOcr());

  const fetched: string[] = [];
  context.on('request', (r) => fetched.push(r.url()));
  await context.setOffline(true);
  const read = await page.evaluate((p) => window.__ocr.readOrError(p, 0), people);
  expect(read.error).toBeUndefined();
  const texts = read.result!.lines.map((l) => l.text.replace(/\s+/g, ''));
  expect(texts).toContain(truth.person.idNumber);
  expect(texts.some((t) => t.endsWith(truth.person.name))).toBe(true);
  const idLine = read.result!.lines.find((l) => l.text.replace(/\s+/g, '') === truth.person.idNumber)!;
  expect(idLine.chars).toHaveLength(idLine.text.length);
  expect(fetched.filter((u) => u.includes('/ocr/'))).toEqual([]);

  await page.evaluate(() => window.__ocr.removeOcr());
  expect((await page.evaluate(() => window.__ocr.ocrStatus())).state).toBe('off');
  expect((await page.evaluate((p) => window.__ocr.readOrError(p, 0), people)).error).toMatch(/证件识别尚未安装/);
});
