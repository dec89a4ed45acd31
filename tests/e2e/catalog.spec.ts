// The service catalogue as published data: the county admin edits an item in the desk's JSON
// editor (a broken reference is flagged live, the diff names the change), publishes its next version and
// withdraws another item; a tablet that was offline meanwhile picks both up when back online — the
// new name in the item picker, the withdrawn item gone — and keeps working from its cache.
import { expect, test } from '@playwright/test';
import { signIn } from './fixtures/admin-steps';
import { login } from './fixtures/sync-steps';
import { findItem } from '../../src/catalog';

const ITEM = '高龄津贴申领';
const RENAMED = '高龄津贴申领（2027 版）';
const WITHDRAWN = '生育登记';
const NEW_ITEM = '困难老人临时救助';
/** The published versions follow the built-in (seeded) ones. */
const NEXT = findItem('MZ-GLJT')!.version + 1;
const WITHDRAWN_NEXT = findItem('WJ-SYDJ')!.version + 1;

test('a catalogue change published at the desk reaches an offline-then-online tablet', async ({ browser }) => {
  test.setTimeout(180_000);
  const tabletContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const tablet = await tabletContext.newPage();
  await login(tablet, 'agent1');
  await tabletContext.setOffline(true);

  const desk = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const admin = await desk.newPage();
  await admin.goto('/');
  await signIn(admin, 'admin', 'daiban123');
  await admin.goto('/#/admin/catalog');
  await admin.getByLabel('选择事项').selectOption('MZ-GLJT');
  const editor = admin.getByLabel(/事项内容（JSON）/);
  const original = await editor.inputValue();
  expect(original).toContain(`"name": "${ITEM}"`);

  // Live checks: a rule naming a material that does not exist, then broken JSON.
  await editor.fill(original.replace('"rules": [', '"rules": [{ "kind": "page-count", "material": "ghost" },'));
  await expect(admin.getByTestId('catalog-check')).toContainText('规则引用了不存在的材料“ghost”');
  await expect(admin.getByRole('button', { name: '发布新版本' })).toBeDisabled();
  await editor.fill(original.slice(0, -3));
  await expect(admin.getByTestId('catalog-check')).toContainText('JSON 格式有误');

  await editor.fill(original.replace(`"name": "${ITEM}"`, `"name": "${RENAMED}"`));
  await expect(admin.getByTestId('catalog-check')).toContainText('格式和引用均正确');
  await expect(admin.getByTestId('catalog-diff').getByRole('row', { name: /name/ })).toContainText(RENAMED);
  await expect(admin.getByTestId('catalog-preview')).toContainText('示例办件可以提交');
  await admin.getByRole('button', { name: '发布新版本' }).click();
  await expect(admin.getByText(`已发布第 ${NEXT} 版`)).toBeVisible();

  // The form edits the same JSON: a shorter promised limit shows in the diff; the draft is saved,
  // then thrown away, and the editor is back on the published version.
  await admin.getByLabel('承诺时限（工作日）').fill('3');
  await admin.getByLabel('承诺时限（工作日）').blur();
  await expect(admin.getByTestId('catalog-diff').getByRole('row', { name: /promisedLimitDays/ })).toContainText('3');
  await admin.getByRole('button', { name: '保存草稿' }).click();
  await expect(admin.getByText('草稿已保存')).toBeVisible();
  await admin.getByRole('button', { name: '删除草稿' }).click();
  await expect(admin.getByText('草稿已删除')).toBeVisible();
  await expect(admin.getByTestId('catalog-diff')).toContainText('没有改动');
  await expect(editor).toHaveValue(new RegExp(`"version": ${NEXT}\\b`));

  // A new item, started from this one and renamed in the form, published as its version 1.
  await admin.getByLabel('新事项编码').fill('mz-test-new');
  await admin.getByRole('button', { name: '新建事项' }).click();
  await admin.getByLabel('事项名称').fill(NEW_ITEM);
  await admin.getByLabel('事项名称').blur();
  await expect(admin.getByTestId('catalog-check')).toContainText('格式和引用均正确');
  await admin.getByRole('button', { name: '发布新事项' }).click();
  await expect(admin.getByText('已发布第 1 版')).toBeVisible();

  await admin.getByLabel('选择事项').selectOption('WJ-SYDJ');
  await admin.getByRole('button', { name: '停用事项' }).click();
  await expect(admin.getByText(`已停用（第 ${WITHDRAWN_NEXT} 版）`)).toBeVisible();

  // The tablet, still offline, works from its cached catalogue.
  await tablet.goto('/#/cases/new').catch(() => undefined);
  await tablet.evaluate(() => (location.hash = '#/cases/new'));
  await tablet.getByLabel('搜索事项').fill('高龄');
  await expect(tablet.getByRole('button', { name: new RegExp(ITEM) })).toBeVisible();
  await expect(tablet.getByRole('button', { name: new RegExp(RENAMED.replace(/[()（）]/g, '.')) })).toHaveCount(0);

  // Back online: the sync pulls the new versions.
  await tabletContext.setOffline(false);
  await tablet.evaluate(() => (location.hash = '#/sync'));
  await tablet.getByRole('button', { name: '立即同步' }).click();
  await expect(tablet.getByRole('button', { name: '立即同步' })).toBeVisible({ timeout: 30_000 });
  await tablet.evaluate(() => (location.hash = '#/cases/new'));
  await tablet.getByLabel('搜索事项').fill('高龄');
  await expect(tablet.getByRole('button', { name: /2027 版/ })).toBeVisible({ timeout: 30_000 });
  await tablet.getByLabel('搜索事项').fill(WITHDRAWN);
  await expect(tablet.getByRole('button', { name: new RegExp(WITHDRAWN) })).toHaveCount(0);
  await tablet.getByLabel('搜索事项').fill('临时救助');
  await expect(tablet.getByRole('button', { name: new RegExp(NEW_ITEM) })).toBeVisible();

  await desk.close();
  await tabletContext.close();
});
