// Issue 14 item 10: the return form offers reason chips per target — only the reasons that apply
// to that kind of target — and every chip, tab, filter and decision button on the reviewer desk is
// at least 44×44 px. The case is made over HTTP (agent1, township 1) and opened by id as reviewer1.
import { expect, test, type Locator } from '@playwright/test';
import { submittedCase } from './fixtures/submitted-case';

/** Every element of `all` is at least 44×44 px; returns how many were measured. */
async function expectTargets(all: Locator): Promise<number> {
  const n = await all.count();
  for (let i = 0; i < n; i++) {
    const el = all.nth(i);
    const box = (await el.boundingBox())!;
    const name = (await el.textContent())?.trim();
    expect(box.width, `${name} width`).toBeGreaterThanOrEqual(44);
    expect(box.height, `${name} height`).toBeGreaterThanOrEqual(44);
  }
  return n;
}

test('return form: reason chips per kind of target, 44 px targets on the desk', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const caseId = await submittedCase(baseURL!);
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('用户名').fill('reviewer1');
  await page.getByLabel('密码').fill('daiban123');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByLabel('用户名')).toBeHidden();

  // The inbox: tabs and filters.
  await page.goto('/#/review');
  await expect(page.locator('.filter').first()).toBeVisible({ timeout: 30_000 });
  expect(await expectTargets(page.locator('.desk-tab'))).toBeGreaterThanOrEqual(2);
  expect(await expectTargets(page.locator('.filter'))).toBeGreaterThanOrEqual(4);
  await expectTargets(page.locator('.filter-select select'));

  await page.goto(`/#/review/cases/${caseId}`);
  const panel = page.getByRole('complementary', { name: '审核决定' });
  const decisionButtons = panel.locator('.decision-buttons button');
  await expect(decisionButtons.first()).toBeVisible({ timeout: 30_000 });
  expect(await expectTargets(decisionButtons)).toBeGreaterThanOrEqual(2);

  await panel.getByRole('button', { name: '退回补正', exact: true }).click();
  const form = panel.getByRole('form', { name: '退回补正' });
  await form.getByText('申请表填写项').click();

  // The ID-card photo offers photo faults; the phone field offers number faults and no 照片模糊.
  const photo = form.locator('fieldset[data-target="id-card-front"]');
  await expect(photo.getByRole('button', { name: '照片模糊' })).toBeVisible();
  await expect(photo.getByRole('button', { name: '反光或太暗' })).toBeVisible();
  const phone = form.locator('fieldset[data-target="field:phone"]');
  await expect(phone.locator('legend')).toHaveText('填写项：联系电话');
  await expect(phone.getByRole('button')).toHaveText(['号码错误', '不是申请人本人的', '其他']);
  await expect(phone.getByText('照片模糊')).toHaveCount(0);

  const chips = form.locator('.reason-chip');
  expect(await expectTargets(chips)).toBeGreaterThanOrEqual(20);
  // Chip text is large: at least 16 px.
  const size = await chips.first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(16);

  // A chip is a toggle: pressed, counted, the 说明 field opens; pressed again, gone.
  const chip = phone.getByRole('button', { name: '号码错误' });
  await expect(chip).toHaveAttribute('aria-pressed', 'false');
  await chip.click();
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  await expect(form.getByText(/已选 1 条原因，涉及 1 项/)).toBeVisible();
  await expect(form.getByLabel('填写项：联系电话：说明')).toBeVisible();
  await chip.click();
  await expect(chip).toHaveAttribute('aria-pressed', 'false');
  await expect(form.getByText(/已选 0 条原因，涉及 0 项/)).toBeVisible();

  // The form's own buttons (提交 / 取消) are 44 px too.
  await expectTargets(panel.locator('button:not(.reason-chip)'));
  await context.close();
});
