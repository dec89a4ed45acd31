// The county admin at a desktop: import a new township and village from a CSV file, create an
// agent there with a one-time password; the agent logs in on a tablet, must change the password
// before anything else, then sees the case list.
import { expect, test } from '@playwright/test';
import { createAgent, signIn } from './fixtures/admin-steps';
import { unlock } from './fixtures/app';

const CSV = ['代码,名称', '341822300000,新桥乡', '341822300201,新桥村', ''].join('\n');
const BAD_CSV = ['代码,名称', '341822300000,新桥乡', '34182230020,短码村', ''].join('\n');

test('admin imports divisions and creates an agent who must change the one-time password', async ({ browser }) => {
  test.setTimeout(120_000); // two sign-ins that derive keys (PBKDF2) on a loaded CI machine
  const desk = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const admin = await desk.newPage();
  await admin.goto('/');
  await signIn(admin, 'admin', 'daiban123');
  await admin.getByRole('link', { name: '用户与区划' }).click();

  // Divisions: a bad file is previewed with its line number and imports nothing; a good one imports.
  await admin.getByRole('link', { name: '行政区划' }).click();
  const file = admin.getByLabel('选择 CSV 文件');
  await file.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
  await expect(admin.getByText('第 3 行：代码“34182230020”应为 12 位数字')).toBeVisible();
  await expect(admin.getByRole('button', { name: '确认导入' })).toHaveCount(0);
  await file.setInputFiles({ name: 'xinqiao.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await expect(admin.getByText('其中新增 2 个')).toBeVisible();
  await admin.getByRole('button', { name: '确认导入' }).click();
  await expect(admin.getByText('已导入：乡镇 1 个，村（社区） 1 个')).toBeVisible();
  await expect(admin.getByText(/新桥乡.*新桥村/)).toBeVisible();

  // Users: an agent bound to the new village, with a one-time password shown once.
  const oneTimePassword = await createAgent(admin, 'xinqiao1', '钱小红', '341822300201');

  // The agent on a tablet.
  const tablet = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const agent = await tablet.newPage();
  await agent.goto('/');
  await signIn(agent, 'xinqiao1', oneTimePassword);
  await expect(agent.getByRole('heading', { name: '请先设置新密码' })).toBeVisible();
  await agent.goto('/#/cases');
  await expect(agent.getByRole('heading', { name: '请先设置新密码' })).toBeVisible();
  await agent.getByLabel('一次性密码（当前密码）').fill(oneTimePassword);
  await agent.getByLabel(/^新密码/).fill('woaini1314');
  await agent.getByLabel('再次输入新密码').fill('woaini1314');
  await agent.getByRole('button', { name: '保存新密码' }).click();
  await expect(agent.getByText('这个密码太常见')).toBeVisible();
  await agent.getByLabel(/^新密码/).fill('Xinqiao-tea-2026');
  await agent.getByLabel('再次输入新密码').fill('Xinqiao-tea-2026');
  await agent.getByRole('button', { name: '保存新密码' }).click();
  await expect(agent.locator('#cases-title')).toBeVisible();

  await admin.reload();
  await unlock(admin, 'daiban123'); // the app opens locked after a reload (encryption at rest)
  await expect(admin.getByRole('row', { name: /xinqiao1/ })).toContainText('正常');
  await desk.close();
  await tablet.close();
});
