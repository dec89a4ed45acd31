// Local parameters at the admin desk (issue 15): the pension enrolment age cap is a local rule with
// its source, changed in the form (the diff names the parameter and the source); 居民身份证补领's
// limits read in calendar days, and the unit is a choice of the form.
import { expect, test } from '@playwright/test';
import { findItem } from '../../src/catalog';
import { signIn } from './fixtures/admin-steps';

test('the admin changes a local age cap and its source, and sees the limit unit', async ({ page }) => {
  const pension = findItem('SB-JMYL-CB')!;
  const cap = pension.rules.findIndex((r) => r.local);
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto('/');
  await signIn(page, 'admin', 'daiban123');
  await page.goto('/#/admin/catalog');
  await page.getByLabel('选择事项').selectOption('SB-JMYL-CB');

  const form = page.getByTestId('catalog-form');
  await expect(form.locator(`#cf-rules-${cap}-maxAge`)).toHaveValue('59');
  await expect(form.locator(`#cf-rules-${cap}-source`)).toHaveValue(/国发〔2014〕8号没有参保年龄上限/);
  const local = form.getByRole('group').filter({ has: page.locator(`#cf-rules-${cap}-maxAge`) });
  await expect(local.getByLabel(/本地规定/)).toBeChecked();

  await form.locator(`#cf-rules-${cap}-maxAge`).fill('64');
  await form.locator(`#cf-rules-${cap}-maxAge`).blur();
  await form.locator(`#cf-rules-${cap}-source`).fill('本县人社局关于城乡居民养老保险参保年龄的通知（2024年）');
  await form.locator(`#cf-rules-${cap}-source`).blur();
  const diff = page.getByTestId('catalog-diff');
  await expect(diff.getByRole('row', { name: new RegExp(`rules\\.${cap}\\.maxAge`) })).toContainText('64');
  await expect(diff.getByRole('row', { name: new RegExp(`rules\\.${cap}\\.source`) })).toContainText('2024年');
  await expect(page.getByTestId('catalog-check')).toContainText('格式和引用均正确');

  // Clearing the source of a local rule is refused with the path to fix.
  await form.locator(`#cf-rules-${cap}-source`).fill('');
  await form.locator(`#cf-rules-${cap}-source`).blur();
  await expect(page.getByTestId('catalog-check')).toContainText('本地规定的规则须写明依据');
  await expect(page.getByRole('button', { name: '发布新版本' })).toBeDisabled();

  await page.getByLabel('选择事项').selectOption('GA-SFZ-BL');
  await expect(page.getByLabel('法定时限（自然日）')).toHaveValue('60');
  await expect(page.getByLabel('时限单位')).toHaveValue('calendar-days');
});

test("the admin sets a portrait's background and colour in the form", async ({ page }) => {
  const item = findItem('MZ-LNRYDZ')!;
  const rule = item.rules.findIndex((r) => r.kind === 'photo-quality' && r.material === 'photo');
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto('/');
  await signIn(page, 'admin', 'daiban123');
  await page.goto('/#/admin/catalog');
  await page.getByLabel('选择事项').selectOption('MZ-LNRYDZ');

  const form = page.getByTestId('catalog-form');
  const background = form.locator(`#cf-rules-${rule}-thresholds-background`);
  // 近期免冠1寸彩色照片，白色或蓝色背景: as the standard words it.
  await expect(background.locator('option:checked')).toHaveText('白色或蓝色背景');
  const group = form.getByRole('group').filter({ has: page.locator(`#cf-rules-${rule}-thresholds-background`) });
  await expect(group.getByLabel(/须为彩色照片/)).toBeChecked();

  await background.selectOption({ label: '白色背景' });
  const diff = page.getByTestId('catalog-diff');
  await expect(diff.getByRole('row', { name: new RegExp(`rules\\.${rule}\\.thresholds\\.background`) })).toBeVisible();
  await expect(page.getByTestId('catalog-check')).toContainText('格式和引用均正确');
  await group.getByLabel(/须为彩色照片/).uncheck();
  await expect(diff.getByRole('row', { name: new RegExp(`rules\\.${rule}\\.thresholds\\.colour`) })).toBeVisible();
});
