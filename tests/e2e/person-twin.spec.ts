// An agent types a profile for a villager whose ID number already has one on the tablet (typed
// earlier, or synced from another agent of the village): the save is refused with the existing
// profile's name, and one tap takes that profile as the applicant — not a dead end where the form
// can neither be saved nor the case started. Offline after login: nothing reaches the server.
import { expect, test } from '@playwright/test';
import { idNumber, login } from './fixtures/sync-steps';

const NAME = '吴秀英';
const ITEM = '老年人优待证办理';

test('a second profile for the same ID number offers the existing one as the applicant', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await login(page, 'agent2');
  await context.setOffline(true);
  const id = idNumber(44);

  await page.goto('/#/persons/new');
  const form = page.getByRole('form', { name: '群众档案' });
  await form.getByLabel('姓名').fill(NAME);
  await form.getByLabel('身份证号').fill(id);
  await form.getByLabel('身份证签发日期').fill('2012-05-01');
  await form.getByRole('button', { name: '保存档案' }).click();
  await expect(page).toHaveURL(/#\/persons\/[0-9a-f-]{36}$/);

  await page.goto('/#/cases/new');
  await page.getByLabel('搜索事项').fill(ITEM);
  await page.getByRole('button', { name: new RegExp(ITEM) }).click();
  await page.getByRole('button', { name: /新建申请人档案/ }).click();
  await form.getByLabel('姓名').fill('吴秀音'); // the name mistyped this time
  await form.getByLabel('身份证号').fill(id);
  await form.getByLabel('身份证签发日期').fill('2012-05-01');
  await form.getByRole('button', { name: '保存档案并设为申请人' }).click();
  await expect(form.getByText(`身份证号 ${id} 已有档案（${NAME}）`)).toBeVisible();
  await form.getByRole('button', { name: `改用已有档案（${NAME}）并设为申请人` }).click();

  await expect(form).toBeHidden();
  const step = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '第二步：选择申请人' }) });
  await expect(step).toContainText(NAME);
  await expect(step).not.toContainText('吴秀音');
  await page.getByRole('button', { name: '开始办件' }).click();
  await expect(page).toHaveURL(/#\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByText(NAME).first()).toBeVisible();
  await context.close();
});
