// Decisions in seconds, and sync on reconnect without fail — through the real app, the real
// server and Chromium, nobody touching the tablet:
//  1. The reviewer returns a case: the agent's tablet shows 退回补正 within 5 s (the live
//     stream hints, the tablet pulls).
//  2. 20 reconnect trials: a case queued offline reaches the server within 5 s of the network
//     coming back — with the service worker controlling and without, and with the app reloaded
//     while offline before the case was queued, or after.
import { expect, test, type Page } from '@playwright/test';
import { unlock } from './fixtures/app';
import { apiLogin, idNumber, login, portrait, signOn, submitCase } from './fixtures/sync-steps';

const ITEM = '老年人优待证办理';
const DEADLINE_MS = 5_000;

/** A small document-like JPEG drawn in the page (1000 × 750: the shortest long side the checks accept). */
async function smallPhoto(page: Page, seed: number) {
  const b64 = await page.evaluate(async (seed) => {
    const c = new OffscreenCanvas(1000, 750);
    const ctx = c.getContext('2d')!;
    let s = seed * 7919 + 13;
    const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
    ctx.fillStyle = '#dcd6c8';
    ctx.fillRect(0, 0, 1000, 750);
    ctx.fillStyle = '#1a1a1a';
    for (let y = 20; y < 710; y += 16)
      for (let x = 20; x < 600;) {
        const w = 6 + rand() * 30;
        ctx.fillRect(x, y, w, 7);
        x += w + 6;
      }
    const bytes = new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return btoa(bin);
  }, seed);
  return { name: `small-${seed}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(b64, 'base64') };
}

/** Everything of a case but the submit (drafts never leave the tablet). */
async function draftCase(page: Page, seq: number): Promise<string> {
  await page.goto('/#/cases/new');
  await page.getByLabel('搜索事项').fill(ITEM);
  await page.getByRole('button', { name: new RegExp(ITEM) }).click();
  await page.getByRole('button', { name: /新建申请人档案/ }).click();
  await page.getByLabel('姓名').fill(`郑${'一二三四五六七八九十'[seq % 10]}${'甲乙丙丁'[Math.floor(seq / 10)]}`);
  await page.getByLabel('身份证号').fill(idNumber(30 + seq));
  await page.getByLabel('身份证签发日期').fill('2012-05-01');
  await page.getByLabel('手机号').fill('13812345678');
  await page.getByLabel('住址').fill(`彭村村三组 ${seq + 1} 号`);
  await page.getByRole('button', { name: '保存档案并设为申请人' }).click();
  await page.getByRole('button', { name: '开始办件' }).click();
  await expect(page).toHaveURL(/#\/cases\/[0-9a-f-]{36}$/);
  const caseId = page.url().split('/').at(-1)!;
  await page.getByLabel('从相册选择：居民身份证（人像面）').setInputFiles(await smallPhoto(page, 500 + seq * 10 + 1));
  await page.getByLabel('从相册选择：居民身份证（国徽面）').setInputFiles(await smallPhoto(page, 500 + seq * 10 + 2));
  await page.getByLabel('从相册选择：近期免冠1寸照片').setInputFiles(await portrait(page, 500 + seq * 10 + 3));
  await signOn(page, 'entrustment', '代办委托书');
  for (const box of await page.getByRole('checkbox', { name: '已核实，确认无误' }).all()) await box.check();
  await expect(page.getByText('预审通过，可以提交。')).toBeVisible({ timeout: 30_000 });
  return caseId;
}

async function submitDraft(page: Page, caseId: string) {
  await page.goto(`/#/cases/${caseId}`);
  await expect(page.getByText('预审通过，可以提交。')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: '提交到乡镇' }).click();
  await expect(page.getByText('待同步').first()).toBeVisible();
}

/** Milliseconds until the township server holds the case (polled every 50 ms), or Infinity. */
async function arrivalMs(base: string, token: string, caseId: string, from: number, limitMs: number) {
  while (Date.now() - from < limitMs) {
    const res = await fetch(`${base}/api/review/cases/${caseId}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status === 200) return Date.now() - from;
    await new Promise((r) => setTimeout(r, 50));
  }
  return Infinity;
}

test('a case the reviewer returns shows on the tablet within 5 s, with no touch', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await login(page, 'agent1');
  const caseId = await submitCase(page, 6); // 周七妹 (lookup.spec has 5)
  const reviewer = await apiLogin(baseURL!, 'reviewer1');
  // The township holds the case (the sync screen's count may still show its last reading).
  expect(await arrivalMs(baseURL!, reviewer, caseId, Date.now(), 30_000)).toBeLessThan(30_000);
  await page.goto(`/#/cases/${caseId}`);
  await expect(page.getByText('已提交').first()).toBeVisible({ timeout: 30_000 });
  const decide = await fetch(`${baseURL}/api/review/cases/${caseId}/decisions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${reviewer}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      id: crypto.randomUUID(),
      caseId,
      kind: 'return',
      reasons: [{ target: 'photo', code: 'blurred', text: '人像面照片模糊' }],
      toleranceDue: [],
      reviewerId: 'ignored',
      decidedAt: Date.now(),
      revision: 1,
    }),
  });
  expect(decide.status, await decide.clone().text()).toBe(200);
  const clicked = Date.now();
  await expect(page.getByText('退回补正').first()).toBeVisible({ timeout: DEADLINE_MS });
  console.log(`return shown on the tablet ${Date.now() - clicked} ms after the reviewer's click`);
});

test('the service worker drains with the key the page gave it (not a zeroed copy)', async ({ page }) => {
  await login(page, 'agent1');
  // The page's own drains (login, the live stream's ready) may hold the lock: ask until one ran.
  let report: unknown;
  for (let i = 0; i < 10; i++) {
    report = await page.evaluate(async () => {
      const got = new Promise<unknown>((resolve) =>
        navigator.serviceWorker.addEventListener('message', (e) => {
          if ((e.data as { type?: string } | null)?.type === 'daiban-sync-report') resolve(e.data);
        }),
      );
      const r = (await navigator.serviceWorker.ready) as unknown as { sync: { register(t: string): Promise<void> } };
      await r.sync.register('daiban-sync');
      return got;
    });
    if ((report as { report?: { outcome?: string } }).report?.outcome !== 'busy') break;
    await page.waitForTimeout(500);
  }
  // Before the fix the worker held a key of zeros: it could not open the session ('auth').
  expect(report).toMatchObject({ report: { outcome: 'done' } });
});

test('a restarted service worker imports its drain script again and drains', async ({ page, context }) => {
  await login(page, 'agent1');
  // sw-sync.js is imported at install; a worker started later imports it from its own script
  // store (an import the install did not make throws, and no report comes). A restarted worker
  // has also lost the key with its thread: it asks the page for it, which shows it restarted.
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  let result: { outcome?: string; askedForKey: boolean } = { askedForKey: false };
  for (let i = 0; i < 10 && result.outcome !== 'done'; i++) {
    if (i > 0) await page.waitForTimeout(500); // the page's own drain may hold the lock ('busy')
    await cdp.send('ServiceWorker.stopAllWorkers');
    result = await page.evaluate(async () => {
      let askedForKey = false;
      const got = new Promise<string | undefined>((resolve) => {
        navigator.serviceWorker.addEventListener('message', (e) => {
          const data = e.data as { type?: string; report?: { outcome?: string } } | null;
          if (data?.type === 'daiban-device-key-request') askedForKey = true;
          if (data?.type === 'daiban-sync-report') resolve(data.report?.outcome);
        });
        setTimeout(() => resolve('no report within 20 s'), 20_000);
      });
      const r = (await navigator.serviceWorker.ready) as unknown as { sync: { register(t: string): Promise<void> } };
      await r.sync.register('daiban-sync');
      return { outcome: await got, askedForKey };
    });
  }
  expect(result).toEqual({ outcome: 'done', askedForKey: true });
});

/**
 * `reload-before`: reloaded offline (lock screen, unlock) before the case is queued;
 * `reload-after`: queued, then reloaded offline; `new-user`: both, as a new user tried it.
 */
type Trial = 'plain' | 'reload-before' | 'reload-after' | 'new-user';

const WITH_SW: Trial[] = ['plain', 'reload-before', 'reload-after', 'new-user'];

for (const [sw, trials] of [
  [true, [...WITH_SW, ...WITH_SW, ...WITH_SW, 'new-user', 'reload-after']],
  [false, ['plain', 'plain', 'plain', 'plain', 'plain', 'plain']],
] as Array<[boolean, Trial[]]>) {
  test(`${trials.length} reconnect trials, service worker ${sw ? 'controlling' : 'blocked'}: each case reaches the server within 5 s`, async ({
    browser,
    baseURL,
  }) => {
    // Drafting the cases through the UI dominates: 3–5 s each (measured 64 s for 14), up to 20 s
    // on a loaded machine.
    test.setTimeout(420_000);
    const context = await browser.newContext({
      baseURL,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      serviceWorkers: sw ? 'allow' : 'block',
    });
    const page = await context.newPage();
    const offlineReload = async () => {
      await page.reload();
      await unlock(page);
    };
    try {
      if (sw) await login(page, 'agent1');
      else {
        await page.goto('/');
        await page.getByLabel('用户名').fill('agent1');
        await page.getByLabel('密码').fill('daiban123');
        await page.getByRole('button', { name: '登录' }).click();
        await expect(page.getByLabel('用户名')).toBeHidden({ timeout: 30_000 });
      }
      const token = await apiLogin(baseURL!, 'reviewer1');
      const first = sw ? 0 : 20;
      const drafts: string[] = [];
      const started = Date.now();
      for (let i = 0; i < trials.length; i++) drafts.push(await draftCase(page, first + i));
      const draftMs = Date.now() - started;
      const times: string[] = [];
      for (const [i, mode] of trials.entries()) {
        await context.setOffline(true);
        if (mode === 'reload-before' || mode === 'new-user') await offlineReload();
        await submitDraft(page, drafts[i]!);
        // Offline failures build up a back-off (the submit's drain, then its timer).
        await page.waitForTimeout(1_500);
        if (mode === 'reload-after' || mode === 'new-user') {
          await offlineReload();
          await page.waitForTimeout(1_000);
        }
        const from = Date.now();
        await context.setOffline(false);
        const ms = await arrivalMs(baseURL!, token, drafts[i]!, from, 30_000);
        times.push(`${mode} ${ms} ms`);
        expect(ms, `trial ${i + 1} (${mode}); so far: ${times.join(', ')}`).toBeLessThan(DEADLINE_MS);
      }
      console.log(`drafts ${draftMs} ms; arrivals: ${times.join(', ')}`);
    } finally {
      await context.close();
    }
  });
}
