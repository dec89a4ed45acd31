// Sessions in the browser, real app and real server:
//  1. The admin revokes an agent's tablet while it holds a case queued offline: at the next sync
//     the case reaches the township, then the tablet wipes the user's data and shows the login
//     screen with the reason.
//  2. Logging out in the app revokes the token on the server (the old token answers 401).
import { expect, test } from '@playwright/test';
import { signIn } from './fixtures/admin-steps';
import { apiLogin, expectArrivedOnce, login, submitCase } from './fixtures/sync-steps';

test('a revoked tablet delivers its queued case, then wipes and shows why', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const tablet = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const agent = await tablet.newPage();
  await login(agent, 'agent1');
  await tablet.setOffline(true);
  const caseId = await submitCase(agent, 4);
  await agent.goto('/#/sync');
  await expect(agent.getByTestId('pending-count')).toHaveText('1');

  // The county admin ends the tablet's sign-in at the desk.
  const desk = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const admin = await desk.newPage();
  await admin.goto('/');
  await signIn(admin, 'admin', 'daiban123');
  await admin.getByRole('link', { name: '用户与区划' }).click();
  const row = admin.getByRole('row', { name: /^agent1 / });
  await row.getByRole('button', { name: '登录设备' }).click();
  await expect(admin.getByRole('table', { name: 'agent1 的登录设备' })).toBeVisible();
  await admin.getByRole('button', { name: /结束全部登录/ }).click();
  await expect(admin.getByText('agent1 当前没有登录的设备。')).toBeVisible();

  // Back online: the drain pushes the case (accepted during the grace), then learns auth.revoked.
  await tablet.setOffline(false);
  await expect(agent.getByLabel('用户名')).toBeVisible({ timeout: 60_000 });
  await expect(agent.getByText(/本设备的登录已被取消.*所有办件都已送到乡镇，本机数据已清除/)).toBeVisible();
  await expectArrivedOnce(baseURL!, [caseId]);
  // Nothing of the user is left on the device.
  const left = await agent.evaluate(async () => {
    const open = indexedDB.open('daiban');
    const db = await new Promise<IDBDatabase>((ok, ko) => {
      open.onsuccess = () => ok(open.result);
      open.onerror = () => ko(open.error);
    });
    const count = (table: string) =>
      new Promise<number>((ok) => {
        const req = db.transaction(table).objectStore(table).count();
        req.onsuccess = () => ok(req.result);
      });
    const out = { cases: await count('cases'), persons: await count('persons'), outbox: await count('outbox') };
    db.close();
    return out;
  });
  expect(left).toEqual({ cases: 0, persons: 0, outbox: 0 });
  await desk.close();
  await tablet.close();
});

test('logging out in the app revokes the token on the server', async ({ page, baseURL }) => {
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.status() === 200);
  await login(page, 'agent2');
  const { token } = (await (await answer).json()) as { token: string };
  const me = () => fetch(`${baseURL}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  expect((await me()).status).toBe(200);
  await page.goto('/#/settings');
  await page.getByRole('button', { name: '退出登录并清除本机数据' }).click();
  await page.getByRole('button', { name: '确定退出并清除' }).click();
  await expect(page.getByLabel('用户名')).toBeVisible();
  const after = await me();
  expect(after.status).toBe(401);
  // Another sign-in of the same user elsewhere is untouched.
  expect(
    (
      await fetch(`${baseURL}/api/auth/me`, {
        headers: { authorization: `Bearer ${await apiLogin(baseURL!, 'agent2')}` },
      })
    ).status,
  ).toBe(200);
});
