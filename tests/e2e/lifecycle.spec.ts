// Issue 15 #11 at the reviewer's desk: a submitted case shows the 行政许可法 §32 five-working-day
// window, and 不予受理 asks for a written reason and a legal basis before it is sent; the case then
// reads 不予受理 with both on record. (The server side — scope, the tolerance-expiry job, closing a
// returned case, 回访 and 归档 — is in tests/server/lifecycle.test.ts.)
import { expect, test } from '@playwright/test';
import { submittedCase } from './fixtures/submitted-case';

const REVIEWER = 'reviewer1';

test('不予受理 needs a reason and a legal basis; the §32 window shows while the case waits', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const caseId = await submittedCase(baseURL!);
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('用户名').fill(REVIEWER);
  await page.getByLabel('密码').fill('daiban123');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByLabel('用户名')).toBeHidden();
  await page.goto(`/#/review/cases/${caseId}`);

  // Received today: five working days to decide.
  await expect(page.locator('[data-acceptance-window="running"]')).toHaveText(/受理决定剩余 5 个工作日/, {
    timeout: 30_000,
  });

  const panel = page.getByRole('complementary', { name: '审核决定' });
  await panel.getByRole('button', { name: '不予受理', exact: true }).click();
  const form = panel.getByRole('form', { name: '不予受理' });
  // Nothing written yet: refused with the reason, nothing sent.
  await form.getByRole('button', { name: '确认不予受理' }).click();
  await expect(form.locator('[role="alert"]')).toBeVisible();
  await expect(page.locator('.case-head [data-status]')).not.toHaveText('不予受理');

  await form.getByLabel('不予受理原因（必填，将告知申请人）').fill('申请人户籍不在本乡镇，应向户籍地乡镇申请');
  await form.getByRole('button', { name: /第二项/ }).click();
  await expect(form.getByLabel('法律依据（必填）')).toHaveValue(/第三十二条第一款第二项/);
  await form.getByRole('button', { name: '确认不予受理' }).click();

  await expect(page.locator('.case-head [data-status]')).toHaveText('不予受理', { timeout: 30_000 });
  const history = panel.locator('.decision-history li', { hasText: '不予受理' });
  await expect(history).toContainText('申请人户籍不在本乡镇');
  await expect(history).toContainText('第三十二条第一款第二项');
  // A refused case is not waiting any more: no §32 window.
  await expect(page.locator('[data-acceptance-window]')).toHaveCount(0);
  await context.close();
});
