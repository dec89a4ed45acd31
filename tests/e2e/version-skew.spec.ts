// Version skew and damaged device data, in Chromium with the real IndexedDB and server:
//  1. The township server refuses this app's protocol (426): sync stops, the update banner says
//     so, and the unsent case stays on the device, still queued.
//  2. One stored case is damaged (and one written by a "newer" app): the case list shows the
//     others, the sync screen lists both problems, and the diagnostic reaches the server.
import { expect, test, type Page } from '@playwright/test';
import { findItem } from '../../src/catalog';
import { login, unlock, waitForServiceWorker } from './fixtures/app';

/** agent1's village, as 设置 shows it (the stored session is sealed: encryption at rest). */
const VILLAGE_OF_AGENT1 = async (page: Page) => {
  await page.goto('/#/settings');
  const code = page.locator('dt', { hasText: '村（社区）代码' }).locator('xpath=following-sibling::dd[1]');
  await expect(code).toHaveText(/^\d{12}$/);
  const village = (await code.textContent())!;
  await page.goto('/#/');
  return village;
};

/** Puts raw rows into the device database, past the app (as a crash or another version would). */
async function putRawCases(page: Page, rows: unknown[]) {
  await page.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('daiban');
        open.onsuccess = () => {
          const tx = open.result.transaction('cases', 'readwrite');
          for (const r of rows) tx.objectStore('cases').put(r);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    rows,
  );
}

function caseRow(id: string, village: string, n: number, over: Record<string, unknown> = {}) {
  const now = Date.now() - n * 1000;
  return {
    id,
    number: `DB-${village}-TEST-${n}`,
    itemCode: 'MZ-LNRYDZ',
    itemVersion: findItem('MZ-LNRYDZ')!.version,
    applicantId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    status: 'draft',
    fields: {},
    acknowledged: [],
    tolerance: [],
    villageCode: village,
    agentId: 'agent1',
    revision: 0,
    baseVersion: 0,
    createdAt: now,
    updatedAt: now,
    schemaVersion: 1,
    ...over,
  };
}

test('damaged and newer device rows are skipped, listed, and sent as a diagnostic', async ({ page }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  await login(page);
  const village = await VILLAGE_OF_AGENT1(page);
  const ids = [
    '0190a1b2-c3d4-7e5f-8a9b-000000000001',
    '0190a1b2-c3d4-7e5f-8a9b-000000000002',
    '0190a1b2-c3d4-7e5f-8a9b-000000000003',
  ];
  await putRawCases(page, [
    caseRow(ids[0]!, village, 1),
    caseRow(ids[1]!, village, 2, { status: 'lost-in-a-crash' }),
    caseRow(ids[2]!, village, 3, { schemaVersion: 99 }),
  ]);
  await page.reload();
  await unlock(page);
  await expect(page.getByRole('heading', { name: '办件列表' })).toBeVisible();
  await expect(page.getByText(`DB-${village}-TEST-1`)).toBeVisible();
  await expect(page.getByText(`DB-${village}-TEST-2`)).toHaveCount(0);
  await expect(page.getByText(`DB-${village}-TEST-3`)).toHaveCount(0);

  await page.goto('/#/sync');
  const problems = page.getByTestId('device-problems');
  await expect(problems.getByRole('heading', { name: '本机数据问题（2）' })).toBeVisible();
  await expect(problems).toContainText('数据不完整或已损坏');
  await expect(problems).toContainText('由更新版本的应用保存');
  await expect(problems).toContainText('字段 status');

  const sent = page.waitForRequest((r) => r.url().endsWith('/api/diagnostics') && r.method() === 'POST');
  await problems.getByRole('button', { name: '发送诊断给管理员' }).click();
  const body = (await sent).postDataJSON() as { items: Array<{ code: string; key: string }>; appVersion: string };
  expect(body.items.map((i) => [i.code, i.key]).sort()).toEqual([
    ['row.invalid', ids[1]],
    ['row.newer', ids[2]],
  ]);
  expect(JSON.stringify(body)).not.toContain('lost-in-a-crash'); // codes and keys only, no values
  await expect(page.getByText('已发送 2 条诊断信息给管理员')).toBeVisible();
  await expect(problems).toHaveCount(0);
});

test('a server that refuses this app version stops sync, shows the update banner, keeps the outbox', async ({
  page,
}) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  await login(page);
  // From now on the township server answers like one that dropped this protocol version.
  await page.route('**/api/sync/**', (route) =>
    route.fulfill({
      status: 426,
      contentType: 'application/json',
      body: JSON.stringify({ code: 'version.unsupported', message: '应用版本过旧，请更新到最新版本后再同步' }),
    }),
  );
  // One unsent change waiting in the outbox (a withdrawal: it needs no photos).
  const mutationId = '0190a1b2-c3d4-7e5f-8a9b-0000000000aa';
  await page.evaluate(
    (id) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('daiban');
        open.onsuccess = () => {
          const tx = open.result.transaction('outbox', 'readwrite');
          const caseId = '0190a1b2-c3d4-7e5f-8a9b-0000000000bb';
          const mutation = {
            id,
            deviceId: 'e2e',
            createdAt: Date.now(),
            kind: 'case.withdraw',
            baseVersion: 1,
            payload: { caseId, reason: '群众不办了' },
          };
          tx.objectStore('outbox').put({
            id,
            mutation,
            state: 'pending',
            attempts: 0,
            nextAttemptAt: 0,
            caseId,
            createdAt: Date.now(),
            updatedAt: Date.now(),
          });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    mutationId,
  );
  const outboxRow = () =>
    page.evaluate(
      (id) =>
        new Promise<{ state: string; lastError?: unknown; sealedKeys?: string[] } | undefined>((resolve) => {
          const open = indexedDB.open('daiban');
          open.onsuccess = () => {
            const get = open.result.transaction('outbox').objectStore('outbox').get(id);
            get.onsuccess = () => {
              resolve(get.result as never);
              open.result.close();
            };
          };
        }),
      mutationId,
    );
  await page.goto('/#/sync');
  await page.reload();
  await unlock(page);
  await page.getByRole('button', { name: '立即同步' }).click();
  const banner = page.getByTestId('update-banner');
  await expect(banner).toContainText('这个版本太旧');
  await expect(banner.getByRole('button', { name: /更新/ })).toBeVisible();
  await expect(page.getByText('同步已暂停。请点页面上方的“更新”')).toBeVisible();
  await expect(page.getByTestId('pending-count')).toHaveText('1');
  // Polled: the drain started by the unlock and the one of the click may still be settling.
  await expect.poll(async () => (await outboxRow())?.state).toBe('pending');
  // No error recorded, in clear or sealed (a sealed row lists the names of its sealed fields).
  const row = await outboxRow();
  expect(row?.lastError).toBeUndefined();
  expect(row?.sealedKeys ?? []).not.toContain('lastError');
});
