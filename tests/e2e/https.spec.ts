// HTTPS as a tablet meets it: the server's own CA, a host name that is not localhost
// (daiban.test, mapped to 127.0.0.1 by Chromium's resolver) and the server certificate trusted by
// its public key (--ignore-certificate-errors-spki-list, the stand-in for installing the CA).
//  1. The app on https://daiban.test works like on a tablet: login, the service worker serves it
//     offline after a reload, photos are hashed (crypto.subtle), and the case reaches the
//     township once the tablet is back online.
//  2. The plain HTTP port sends a tablet to the HTTPS address, serves the install guide, and a
//     page opened over plain HTTP says at once what is wrong instead of failing later.
// The test runs its own server process (the built app in dist/, a fresh data folder).
import type { ChildProcess } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with scripts/
import { chromiumPath, CHROMIUM_ARGS } from '../../scripts/browser.mjs';
import {
  expectArrivedOnce,
  freePort,
  login,
  pendingCount,
  startServer,
  submitCase,
  unlockAfterReload,
} from './fixtures/sync-steps';

const HOST = 'daiban.test';
let server: ChildProcess;
let browser: Browser;
let dataDir: string;
let httpPort: number;
let httpsPort: number;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'daiban-e2e-https-'));
  httpPort = await freePort();
  httpsPort = await freePort();
  server = await startServer(httpPort, dataDir, {
    DAIBAN_HTTPS_PORT: String(httpsPort),
    DAIBAN_TLS_NAMES: HOST,
    // Lets test 2 open the app over plain HTTP on a LAN name (as if a proxy had said "https"),
    // to see the banner a tablet would show; test 1 sends no such header.
    DAIBAN_TRUST_PROXY: '1',
  });
  const cert = new X509Certificate(readFileSync(join(dataDir, 'tls', 'server.crt')));
  expect(cert.checkHost(HOST)).toBe(HOST);
  const spki = createHash('sha256')
    .update(cert.publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      ...CHROMIUM_ARGS,
      `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
      `--ignore-certificate-errors-spki-list=${spki}`,
    ],
  });
});

test.afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  await new Promise((r) => (server?.exitCode === null ? server.once('exit', r) : r(null)));
  rmSync(dataDir, { recursive: true, force: true });
});

const contextOptions = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } as const;

test('on https://daiban.test the app installs, works offline, hashes photos and syncs', async () => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ ...contextOptions, baseURL: `https://${HOST}:${httpsPort}` });
  const page = await context.newPage();
  await login(page, 'agent1');
  expect(await page.evaluate(() => window.isSecureContext && typeof crypto.subtle?.digest === 'function')).toBe(true);
  // Origin-keyed without the Origin-Agent-Cluster header (security.ts): document.domain cannot
  // open the page to another origin of its site.
  expect(await page.evaluate(() => window.originAgentCluster)).toBe(true);
  await expect(page.getByTestId('insecure-banner')).toBeHidden();

  await context.setOffline(true);
  await page.reload(); // served by the service worker
  await unlockAfterReload(page);
  await expect(page.getByRole('heading', { name: '办件列表' })).toBeVisible();
  const caseId = await submitCase(page, 0); // three photos hashed in the page, one signature

  await page.goto('/#/sync');
  await expect(page.getByTestId('pending-count')).toHaveText('1');
  await context.setOffline(false);
  await expect.poll(() => pendingCount(page), { timeout: 60_000 }).toBe('0');
  await expectArrivedOnce(`http://127.0.0.1:${httpPort}`, [caseId]);
  await context.close();
});

test('the plain HTTP port redirects to HTTPS, serves the install guide, and plain HTTP pages warn', async () => {
  const context = await browser.newContext({ ...contextOptions, acceptDownloads: true });
  const page = await context.newPage();
  const arrived = await page.goto(`http://${HOST}:${httpPort}/#/sync`);
  expect(page.url()).toBe(`https://${HOST}:${httpsPort}/#/sync`);
  const redirect = await arrived!.request().redirectedFrom()!.response();
  expect(redirect!.status()).toBe(308);
  expect(redirect!.headers().location).toBe(`https://${HOST}:${httpsPort}/`);

  await page.goto(`http://${HOST}:${httpPort}/install`);
  await expect(page.getByRole('heading', { name: /平板第一次使用前的准备/ })).toBeVisible();
  await expect(page.getByText(`https://${HOST}:${httpsPort}/`, { exact: true })).toBeVisible();
  await expect(page.getByRole('img', { name: `二维码：https://${HOST}:${httpsPort}/` })).toBeVisible();
  // The guide's button downloads the CA certificate.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '下载证书' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('daiban-ca.crt');
  expect(readFileSync((await download.path())!, 'utf8')).toBe(readFileSync(join(dataDir, 'tls', 'ca.crt'), 'utf8'));
  await context.close();

  // The app over plain HTTP on a LAN name (no secure context): the banner says what to do.
  const plain = await browser.newContext({ ...contextOptions, extraHTTPHeaders: { 'x-forwarded-proto': 'https' } });
  const plainPage = await plain.newPage();
  await plainPage.goto(`http://${HOST}:${httpPort}/`);
  expect(plainPage.url()).toBe(`http://${HOST}:${httpPort}/`);
  const banner = plainPage.getByTestId('insecure-banner');
  await expect(banner).toContainText('离线使用、拍照校验都不可用');
  await banner.getByRole('link', { name: '安装说明' }).click();
  await expect(plainPage).toHaveURL(`http://${HOST}:${httpPort}/install`);
  await plain.close();
});
