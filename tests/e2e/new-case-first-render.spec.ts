// 为…办件 on the profile list opens 新建办件 with that person already chosen as the applicant in its
// first render (issue 13): the listed profile is drawn at once and read again from storage, not
// drawn a frame later after the read (a second render and layout of the whole screen).
import { expect, test } from '@playwright/test';
import { createPerson, login } from './fixtures/app';

test('新建办件 from the profile list shows the applicant in its first render', async ({ page }) => {
  await page.goto('/');
  await login(page, 'agent2');
  await createPerson(page, {
    name: '周月娥',
    idNumber: '341822195306150030',
    issuedOn: '2012-05-01',
    phone: '13912345670',
    address: '河湾村三组 5 号',
  });
  await page.getByRole('form', { name: '群众档案' }).getByRole('button', { name: '保存档案' }).click();
  await expect(page.getByRole('heading', { name: '修改群众档案' })).toBeVisible();
  await page.getByRole('link', { name: '返回档案列表' }).click();
  const link = page.getByRole('link', { name: '为周月娥办件' });
  await expect(link).toBeVisible();
  await page.evaluate(() => {
    const w = window as unknown as { screenWithoutApplicant: boolean };
    w.screenWithoutApplicant = false;
    new MutationObserver(() => {
      if (document.querySelector('#new-case-title') && !document.querySelector('[data-testid="chosen-申请人"]'))
        w.screenWithoutApplicant = true;
    }).observe(document, { childList: true, subtree: true });
  });
  await link.click();
  await expect(page.getByTestId('chosen-申请人')).toContainText('周月娥');
  expect(
    await page.evaluate(() => (window as unknown as { screenWithoutApplicant: boolean }).screenWithoutApplicant),
  ).toBe(false);
});
