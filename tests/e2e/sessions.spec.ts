// Sessions in the browser, real app and real server:
//  1. The admin revokes an agent's tablet while it holds a case queued offline: at the next sync
//     the case reaches the township, then the tablet wipes the user's data and shows the login
//     screen with the reason.
//  2. The same, on a server that refuses a revoked session's final push: the tablet keeps the
//     case, locks to a screen with the count and the reason, exports it to a file, and only then
//     lets the user wipe.
//  3. Logging out in the app revokes the token on the server (the old token answers 401).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { signIn } from './fixtures/admin-steps';
import { apiLogin, expectArrivedOnce, freePort, login, startServer, submitCase } from './fixtures/sync-steps';

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

test('work a revoked tablet cannot deliver is kept, counted, exported, and only then wiped', async ({ browser }) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'daiban-e2e-sessions-'));
  const port = await freePort();
  const server = await startServer(port, dataDir, { DAIBAN_REVOKED_PUSH_GRACE_HOURS: '0' });
  const base = `http://127.0.0.1:${port}`;
  const tablet = await browser.newContext({ baseURL: base, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    const agent = await tablet.newPage();
    await login(agent, 'agent1');
    await tablet.setOffline(true);
    const caseId = await submitCase(agent, 5);

    const admin = { authorization: `Bearer ${await apiLogin(base, 'admin')}` };
    const users = (await (await fetch(`${base}/api/admin/users`, { headers: admin })).json()) as {
      users: { id: string; username: string }[];
    };
    const agent1 = users.users.find((u) => u.username === 'agent1')!;
    const revoked = await fetch(`${base}/api/admin/users/${agent1.id}/sessions/revoke-all`, {
      method: 'POST',
      headers: admin,
    });
    expect(revoked.status).toBe(200);

    await tablet.setOffline(false);
    await expect(agent.getByRole('heading', { name: '本设备的登录已被取消' })).toBeVisible({ timeout: 60_000 });
    await expect(agent.getByText('还有 1 件办件没有送到乡镇服务器')).toBeVisible();
    await expect(agent.getByText(/不再接受本设备发送/)).toBeVisible();
    // Nothing else is reachable, and nothing is wiped before an export.
    await agent.goto('/#/cases');
    await expect(agent.getByRole('heading', { name: '本设备的登录已被取消' })).toBeVisible();
    const wipe = agent.getByRole('button', { name: '清除本机数据并退出' });
    await expect(wipe).toBeDisabled();

    const download = agent.waitForEvent('download');
    await agent.getByRole('button', { name: '导出到文件' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^daiban-未同步-agent1-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(readFileSync((await file.path())!, 'utf8')) as {
      cases: { id: string }[];
      outbox: { caseId: string; state: string }[];
      blobs: { sha256: string; data: string }[];
    };
    expect(exported.cases.map((c) => c.id)).toContain(caseId);
    expect(exported.outbox.filter((o) => o.caseId === caseId)).toHaveLength(1);
    expect(exported.blobs).toHaveLength(4);

    await wipe.click();
    await agent.getByRole('button', { name: '确定清除' }).click();
    await expect(agent.getByLabel('用户名')).toBeVisible();
    await expect(agent.getByText(/未同步的办件已导出到文件，本机数据已清除/)).toBeVisible();
  } finally {
    await tablet.close();
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('logging out in the app revokes the token on the server', async ({ page, baseURL }) => {
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.status() === 200);
  await login(page, 'agent2');
  const { token } = (await (await answer).json()) as { token: string };
  const me = () => fetch(`${baseURL}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  expect((await me()).status).toBe(200);
  await page.goto('/#/settings');
  await page.getByRole('button', { name: '退出登录并清除本机数据' }).click();
  // Named by its own title: 设置 has two dialogs (证件识别's first), each with its own title id.
  await expect(page.getByRole('dialog', { name: '确定退出登录吗？' })).toBeVisible();
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
