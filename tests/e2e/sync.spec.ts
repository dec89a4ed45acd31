// Device sync in the browser, through the real app and the real server:
//  1. An agent prepares three cases with photos offline; when the tablet is back online they
//     reach the township exactly once, with every photo and signature, byte for byte.
//  2. The server is killed (SIGKILL) in the middle of a photo upload and started again on the
//     same data folder, and the page is reloaded while the drain runs: the upload resumes from
//     the offset the server kept, and still every case arrives exactly once.
// Test 2 runs its own server process behind a throttling TCP proxy (tests/unit/sync/net-proxy),
// so the kill and the slow link apply to the page and the service worker alike.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { NetProxy } from '../unit/sync/net-proxy';
import { drawSignature, waitForServiceWorker } from './fixtures/app';

const REPO = resolve(import.meta.dirname, '../..');
const PASSWORD = 'daiban123';
const ITEM = '老年人优待证办理';

// ── Test data ────────────────────────────────────────────────────────────────────────────────

/** A valid 18-digit ID number (GB 11643 check digit) for a woman born in 1950. */
function idNumber(seq: number): string {
  const body = `34182219500101${String(100 + seq * 2).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((n, d, i) => n + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/**
 * A photo drawn in the page. `noise` fills it with grain (a large JPEG, several upload chunks);
 * otherwise it is a document-like page. `seed` makes every photo, and its hash, different.
 */
async function photo(page: Page, seed: number, noise = false) {
  const b64 = await page.evaluate(
    async ({ seed, noise }) => {
      const w = 1600,
        h = 1200;
      const c = new OffscreenCanvas(w, h);
      const ctx = c.getContext('2d')!;
      let s = seed * 7919 + 13;
      const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
      if (noise) {
        const img = ctx.createImageData(w, h);
        for (let i = 0; i < img.data.length; i += 4) {
          const v = 70 + Math.floor(rand() * 120);
          img.data[i] = v;
          img.data[i + 1] = v;
          img.data[i + 2] = v;
          img.data[i + 3] = 255;
        }
        ctx.putImageData(img, 0, 0);
      } else {
        ctx.fillStyle = '#dcd6c8';
        ctx.fillRect(0, 0, w, h);
        ctx.fillStyle = '#1a1a1a';
        for (let y = 40; y < h - 40; y += 28) {
          for (let x = 40; x < w - 80;) {
            const bw = 12 + rand() * 60;
            ctx.fillRect(x, y, bw, 12);
            x += bw + 10;
          }
        }
      }
      ctx.fillStyle = '#000';
      ctx.font = '64px sans-serif';
      ctx.fillText(`PAGE ${seed}`, 100, h - 100);
      const bytes = new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer());
      let bin = '';
      for (const b of bytes) bin += String.fromCharCode(b);
      return btoa(bin);
    },
    { seed, noise },
  );
  return { name: `photo-${seed}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(b64, 'base64') };
}

// ── App steps ────────────────────────────────────────────────────────────────────────────────

/** Logs in online; the service worker must control the page first so the app works offline. */
async function login(page: Page, username: string) {
  await page.goto('/');
  await waitForServiceWorker(page);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByLabel('用户名')).toBeHidden();
}

async function signOn(page: Page, materialId: string, name: string) {
  const card = page.locator(`[data-material="${materialId}"]`);
  const canvas = card.getByTestId('signature-canvas');
  await canvas.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await drawSignature(page, canvas);
  await card.getByRole('button', { name: `确认签名：${name}` }).click();
  await expect(card.getByText(/签于/)).toBeVisible();
}

/** Prepares and submits one 老年人优待证 case for a new applicant; returns the case id. */
async function submitCase(page: Page, seq: number, noise = false): Promise<string> {
  await page.goto('/#/cases/new');
  await page.getByLabel('搜索事项').fill(ITEM);
  await page.getByRole('button', { name: new RegExp(ITEM) }).click();
  await page.getByRole('button', { name: /新建申请人档案/ }).click();
  await page.getByLabel('姓名').fill(`周${'一二三四五六'[seq]}妹`);
  await page.getByLabel('身份证号').fill(idNumber(seq));
  await page.getByLabel('身份证签发日期').fill('2012-05-01');
  await page.getByLabel('手机号').fill('13812345678');
  await page.getByLabel('住址').fill(`彭村村二组 ${seq + 1} 号`);
  await page.getByRole('button', { name: '保存档案并设为申请人' }).click();
  await page.getByRole('button', { name: '开始办件' }).click();
  await expect(page).toHaveURL(/#\/cases\/[0-9a-f-]{36}$/);
  const caseId = page.url().split('/').at(-1)!;
  await page.getByLabel('从相册选择：居民身份证（人像面）').setInputFiles(await photo(page, seq * 10 + 1, noise));
  await page.getByLabel('从相册选择：居民身份证（国徽面）').setInputFiles(await photo(page, seq * 10 + 2, noise));
  await page.getByLabel('从相册选择：近期免冠1寸照片').setInputFiles(await photo(page, seq * 10 + 3, noise));
  await signOn(page, 'entrustment', '代办委托书');
  for (const box of await page.getByRole('checkbox', { name: '已核实，确认无误' }).all()) await box.check();
  await expect(page.getByText('预审通过，可以提交。')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: '提交到乡镇' }).click();
  await expect(page.getByText('待同步').first()).toBeVisible();
  return caseId;
}

async function pendingCount(page: Page): Promise<string | null> {
  return page.getByTestId('pending-count').textContent();
}

// ── Server side checks ───────────────────────────────────────────────────────────────────────

interface Detail {
  case: { id: string; status: string; version: number };
  materials: Array<{ pages: Array<{ sha256: string }>; signature?: { sha256: string } }>;
}

async function apiLogin(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** What the township sees: each case once, submitted, with every file present and intact. */
async function expectArrivedOnce(base: string, caseIds: string[]) {
  const token = await apiLogin(base, 'reviewer1');
  const auth = { authorization: `Bearer ${token}` };
  const list = (await (await fetch(`${base}/api/review/cases?limit=200`, { headers: auth })).json()) as {
    cases: Array<{ id: string; status: string; version: number }>;
  };
  for (const id of caseIds) {
    expect(list.cases.filter((c) => c.id === id)).toEqual([
      expect.objectContaining({ status: 'submitted', version: 1 }),
    ]);
    const detail = (await (await fetch(`${base}/api/review/cases/${id}`, { headers: auth })).json()) as Detail;
    const hashes = detail.materials.flatMap((m) => [
      ...m.pages.map((p) => p.sha256),
      ...(m.signature ? [m.signature.sha256] : []),
    ]);
    expect(hashes).toHaveLength(4); // ID card both sides, portrait, entrustment signature
    for (const sha of hashes) {
      const res = await fetch(`${base}/api/blobs/${sha}`, { headers: auth });
      expect(res.status).toBe(200);
      expect(
        createHash('sha256')
          .update(Buffer.from(await res.arrayBuffer()))
          .digest('hex'),
      ).toBe(sha);
    }
  }
}

// ── 1. Offline, then online ──────────────────────────────────────────────────────────────────

test('three cases prepared offline reach the township exactly once, with every photo', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(240_000);
  await login(page, 'agent1');
  await context.setOffline(true);
  const caseIds: string[] = [];
  for (let i = 0; i < 3; i++) caseIds.push(await submitCase(page, i));

  await page.goto('/#/sync');
  await expect(page.getByTestId('pending-count')).toHaveText('3');
  // Back online: the `online` event drains on its own, nobody presses a button.
  await context.setOffline(false);
  await expect.poll(() => pendingCount(page), { timeout: 60_000 }).toBe('0');
  await expectArrivedOnce(baseURL!, caseIds);
});

// ── 2. Server killed mid-upload, page reloaded mid-drain ─────────────────────────────────────

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const address = srv.address();
  await new Promise<void>((ok) => srv.close(() => ok()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** `node --import tsx src/server/main.ts` on `port` and `dataDir`, serving the built app. */
async function startServer(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DAIBAN_DATA_DIR: dataDir,
      DAIBAN_STATIC_DIR: join(REPO, 'dist'),
      DAIBAN_LOG_LEVEL: 'warn',
      DAIBAN_LOGIN_PER_MINUTE: '1000',
      DAIBAN_API_PER_MINUTE: '100000',
      DAIBAN_HTTPS_PORT: '0',
    },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Partial uploads the server holds: <blobDir>/.incoming/<sha256>.part */
function partialUploads(dataDir: string): Array<{ sha256: string; bytes: number }> {
  const dir = join(dataDir, 'blobs', '.incoming');
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.part'))
      .map((f) => ({ sha256: f.slice(0, 64), bytes: statSync(join(dir, f)).size }));
  } catch {
    return [];
  }
}

test("an upload cut by a server crash resumes from the server's offset; a reload mid-drain duplicates nothing", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'daiban-e2e-sync-'));
  const port = await freePort();
  let server = await startServer(port, dataDir);
  // 4 Mbit/s, 100 ms RTT: a grainy 1600 px photo (~1 MB) takes a couple of seconds per chunk group.
  const proxy = new NetProxy({ host: '127.0.0.1', port }, { bps: 4_000_000, rttMs: 100 });
  await proxy.listen();
  const base = `http://127.0.0.1:${proxy.port}`;
  let context: BrowserContext | undefined;
  try {
    context = await browser.newContext({ baseURL: base, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await login(page, 'agent1');
    await context.setOffline(true);
    const caseIds = [await submitCase(page, 0, true), await submitCase(page, 1, true)];
    await page.goto('/#/sync');
    await expect(page.getByTestId('pending-count')).toHaveText('2');
    await context.setOffline(false);

    // Wait until the server holds part of a photo (at least one 256 KB chunk), then kill it.
    let cut: { sha256: string; bytes: number } | undefined;
    await expect
      .poll(
        () => {
          cut = partialUploads(dataDir).find((p) => p.bytes >= 256 * 1024);
          return cut !== undefined;
        },
        { timeout: 60_000, intervals: [50] },
      )
      .toBe(true);
    server.kill('SIGKILL');
    await new Promise<void>((ok) => (server.exitCode !== null ? ok() : server.once('exit', () => ok())));
    const killedAt = proxy.requests.length;
    const kept = partialUploads(dataDir).find((p) => p.sha256 === cut!.sha256)!.bytes;
    expect(kept).toBeGreaterThanOrEqual(cut!.bytes);

    await new Promise((r) => setTimeout(r, 1_500)); // the tablet meets a dead server for a while
    // Meanwhile the tablet's attempts fail (connection refused) and back off. The link gets
    // slower too, so the drain after the restart is still running when the page reloads.
    proxy.profile = { bps: 1_000_000, rttMs: 300 };
    server = await startServer(port, dataDir);
    const restartedAt = proxy.requests.length;

    // The next upload of that photo asks first (HEAD) and continues where the server stopped.
    const resumed = () => proxy.requests.slice(restartedAt).filter((r) => r.path === `/api/blobs/${cut!.sha256}`);
    await expect
      .poll(() => resumed().some((r) => r.method === 'PATCH'), { timeout: 60_000, intervals: [100] })
      .toBe(true);
    const firstPatch = resumed().findIndex((r) => r.method === 'PATCH');
    expect(resumed()[firstPatch - 1]?.method).toBe('HEAD');
    expect(Number(resumed()[firstPatch]!.headers['upload-offset'])).toBe(kept);

    // Reload the page while the drain is still running (no case pushed since the restart yet).
    const pushes = (from: number) =>
      proxy.requests.slice(from).filter((r) => r.method === 'POST' && r.path === '/api/sync/push');
    expect(pushes(restartedAt)).toEqual([]);
    const beforeReload = proxy.requests.length;
    await page.reload();
    await page.goto('/#/sync');
    await expect.poll(() => pendingCount(page), { timeout: 120_000 }).toBe('0');
    expect(pushes(beforeReload).length).toBeGreaterThan(0);
    await expectArrivedOnce(`http://127.0.0.1:${port}`, caseIds);
    // Whole-file restarts never happened: every photo's first PATCH after the kill starts where the server was.
    for (const r of proxy.requests
      .slice(killedAt)
      .filter((q) => q.method === 'PATCH' && q.path.endsWith(cut!.sha256))) {
      expect(Number(r.headers['upload-offset'])).toBeGreaterThanOrEqual(kept);
    }
  } finally {
    await context?.close();
    await proxy.close();
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
