// The PWA shell: installable manifest with real PNG icons, offline deep links (navigation
// fallback), and updates that wait for the user's consent (no silent skipWaiting).
import { expect, test } from '@playwright/test';
import { login, unlock, waitForServiceWorker } from './fixtures/app';
import { watchWorkers } from './fixtures/worker-timeline';
import { serveBuiltApp } from './fixtures/static-server';

function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

test('the manifest lists PNG icons of the declared sizes, including maskable ones', async ({ request }) => {
  const res = await request.get('/manifest.webmanifest');
  expect(res.ok()).toBe(true);
  const manifest = (await res.json()) as {
    icons: { src: string; sizes: string; type: string; purpose: string }[];
    display: string;
    start_url: string;
    lang: string;
  };
  expect(manifest).toMatchObject({ display: 'standalone', start_url: '/', lang: 'zh-CN' });
  const pngs = manifest.icons.filter((i) => i.type === 'image/png');
  expect(pngs.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual([
    '192x192 any',
    '192x192 maskable',
    '512x512 any',
    '512x512 maskable',
  ]);
  for (const icon of pngs) {
    const body = await (await request.get(icon.src)).body();
    const { width, height } = pngSize(body);
    expect(`${width}x${height}`).toBe(icon.sizes);
  }
});

test('the manifest is linked at once on a first visit and in an installed app, and in a tab once the list is up', async ({
  page,
  context,
}) => {
  // Whether the page has the manifest's link when the app draws its first screen (boot or login).
  await context.addInitScript(() => {
    const seen = new MutationObserver(() => {
      if (!document.getElementById('app')?.firstChild) return;
      seen.disconnect();
      (window as Window & { manifestAtFirstScreen?: boolean }).manifestAtFirstScreen =
        document.querySelector('link[rel="manifest"]') !== null;
    });
    seen.observe(document, { childList: true, subtree: true });
  });
  const atFirstScreen = () =>
    page.evaluate(() => (window as Window & { manifestAtFirstScreen?: boolean }).manifestAtFirstScreen);
  const installabilityErrors = async () => {
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    await cdp.detach();
    // A test's browser context is incognito: that says nothing about the app.
    return installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito');
  };

  await page.goto('/');
  await expect(page.getByRole('heading', { name: '代办通 · 登录' })).toBeVisible();
  expect(await atFirstScreen()).toBe(true);
  await waitForServiceWorker(page);
  expect(await installabilityErrors()).toEqual([]);

  // An everyday start: the browser's manifest and icon work stays out of the way of the unlock.
  await login(page);
  await page.reload();
  await expect(page.getByRole('heading', { name: '代办通已锁定' })).toBeVisible();
  expect(await atFirstScreen()).toBe(false);
  await expect(page.locator('link[rel="manifest"]')).toHaveCount(0);
  await unlock(page);
  await expect(page.getByRole('heading', { name: '办件列表' })).toBeVisible();
  await expect(page.locator('link[rel="manifest"]')).toHaveCount(1, { timeout: 15_000 });
  expect(await installabilityErrors()).toEqual([]);

  // The installed app's window (display-mode standalone, which the browser cannot emulate: the
  // page is told so): linked at load, for the browser's daily check of the manifest for updates.
  await context.addInitScript(() => {
    const real = window.matchMedia.bind(window);
    window.matchMedia = (query: string) =>
      query.includes('display-mode: standalone') ? ({ ...real(query), matches: true } as MediaQueryList) : real(query);
  });
  await page.reload();
  await expect(page.getByRole('heading', { name: '代办通已锁定' })).toBeVisible();
  expect(await atFirstScreen()).toBe(true);
});

test('after the first visit the app opens offline, on any deep link', async ({ page, context }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  // The first visit says when the app's files are in: from then on the agent may leave signal.
  const ready = page.getByTestId('offline-banner').filter({ hasText: '已可离线使用' });
  await expect(ready).toBeVisible();
  await ready.getByRole('button', { name: '知道了' }).click();
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
  await context.setOffline(true);
  await page.goto('/some/deep/link#/cases/new');
  await expect(page.getByRole('heading', { name: '代办通 · 登录' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: '代办通 · 登录' })).toBeVisible();
  // Already cached: no warning and no second announcement.
  await page.waitForTimeout(500);
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
  // The API is never answered from the cache.
  const api = await page.evaluate(() =>
    fetch('/api/health').then(
      (r) => r.status,
      () => 'network-error',
    ),
  );
  expect(api).toBe('network-error');
});

test('a new version waits until the agent taps the update banner, then takes over and reloads', async ({ page }) => {
  test.setTimeout(60_000);
  const app = await serveBuiltApp();
  try {
    await page.goto(app.url);
    await waitForServiceWorker(page);
    await expect(page.getByRole('heading', { name: '代办通 · 登录' })).toBeVisible();
    const banner = page.getByRole('button', { name: '发现新版本，点击更新' });
    await expect(banner).toHaveCount(0);

    // Its first SKIP_WAITING is lost (a worker start failing under load): the page asks again.
    app.newServiceWorkerVersion({ loseFirstAsk: true });
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await expect(banner).toBeVisible({ timeout: 30_000 });
    // Not applied behind the agent's back: the new worker keeps waiting.
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => Boolean(r?.waiting)))).toBe(
      true,
    );

    await page.evaluate(() => {
      (window as unknown as { marker: string }).marker = 'old page';
    });
    await banner.click();
    // Reloaded under the new worker: the marker is gone and nothing is waiting any more.
    await page.waitForFunction(() => (window as unknown as { marker?: string }).marker === undefined, null, {
      timeout: 30_000,
    });
    await waitForServiceWorker(page);
    expect(
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting ?? null)),
    ).toBeNull();
    await expect(page.getByRole('heading', { name: '代办通 · 登录' })).toBeVisible();
    await expect(banner).toHaveCount(0);
  } finally {
    await app.close();
  }
});

test('the browser answers the start page and its script from the cache, each version its own', async ({
  page,
  context,
}) => {
  test.setTimeout(60_000);
  const app = await serveBuiltApp();
  const login = page.getByRole('heading', { name: '代办通 · 登录' });
  const banner = page.getByRole('button', { name: '发现新版本，点击更新' });
  // Where the navigation and the first screen's script were answered, as matched / as served:
  // 'cache/cache' is a static route that found its entry (the worker neither asked nor started);
  // 'cache/network' a route that missed, 'fetch-event' or '' the worker or the network.
  const sources = () =>
    page.evaluate(() => {
      type Routed = PerformanceResourceTiming & { workerMatchedSourceType?: string; workerFinalSourceType?: string };
      const how = (r?: Routed) => `${r?.workerMatchedSourceType}/${r?.workerFinalSourceType}`;
      const nav = performance.getEntriesByType('navigation')[0] as Routed;
      const script = (performance.getEntriesByType('resource') as Routed[]).find((r) =>
        /\/assets\/index-[^/]+\.js$/.test(r.name),
      );
      return { page: how(nav), script: how(script) };
    });
  const fromCache = { page: 'cache/cache', script: 'cache/cache' };
  const build = () =>
    page
      .evaluate(() => document.querySelector('meta[name="daiban-build"]')?.getAttribute('content') ?? null)
      .catch(() => 'navigating'); // polled across the update's reload
  const shellCaches = () =>
    page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('daiban-shell-')).length);
  try {
    await page.goto(app.url);
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.reload();
    await expect(login).toBeVisible();
    expect(await sources()).toEqual(fromCache);
    await context.setOffline(false);

    app.newServiceWorkerVersion({ startPageMarker: 'v2' });
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await expect(banner).toBeVisible({ timeout: 30_000 });
    // Waiting for the agent: a reload still gets the page of the version in control.
    await page.reload();
    await expect(login).toBeVisible();
    expect(await build()).toBeNull();
    expect(await sources()).toEqual(fromCache);

    await banner.click();
    await expect.poll(build, { timeout: 30_000 }).toBe('v2');
    await waitForServiceWorker(page);
    await page.reload();
    expect(await build()).toBe('v2');
    expect(await sources()).toEqual(fromCache);
    // The old version's start page goes with it (the new worker may still be activating).
    await expect.poll(shellCaches).toBe(1);
  } finally {
    await app.close();
  }
});

// Known, not fixed (test.fixme): CI sat three times with the new worker 'installed' after the
// agent's 更新. The browser stops the old worker to hand over; a request of the page's that lands
// in that moment starts it again, and Chromium then parks the new worker: asking it again starts
// nothing new (its first skipWaiting() is still pending), and the hand-over waits for the old
// worker to go idle (≈ 30 s; never while DevTools — or Playwright — is attached) or for the page
// to go. A reload after the asks let it through once in two tries here; the other time the
// reload's own navigation never finished. Here the page fetches for 1.5 s from the tap on.
test.fixme('an update still takes over when the page fetches through the hand-over', async ({ page }) => {
  test.setTimeout(90_000);
  const app = await serveBuiltApp();
  try {
    await page.goto(app.url);
    await waitForServiceWorker(page);
    const banner = page.getByRole('button', { name: '发现新版本，点击更新' });
    app.newServiceWorkerVersion();
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await expect(banner).toBeVisible({ timeout: 30_000 });
    const workers = await watchWorkers(page.context(), page);
    await page.evaluate(() => {
      (window as unknown as { marker: string }).marker = 'old page';
      // Each request is a fetch event of the old worker's (not precached: the query differs).
      const fetchOne = () => void fetch(`/manifest.webmanifest?n=${Math.random()}`).catch(() => undefined);
      const every = setInterval(fetchOne, 2);
      setTimeout(() => clearInterval(every), 1_500);
    });
    await banner.click();
    await page
      .waitForFunction(() => (window as unknown as { marker?: string }).marker === undefined, null, { timeout: 65_000 })
      .catch((e: Error) => {
        throw new Error(`${e.message}\n${workers.timeline()}`);
      });
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => Boolean(r?.waiting))), {
        timeout: 30_000,
      })
      .toBe(false);
  } finally {
    await app.close();
  }
});
