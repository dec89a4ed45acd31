// The agent's day, offline: log in once online, then with the network cut create a profile, open
// a case for a real catalogue item, capture photos (sharp, blurred, dark), see the right findings,
// fix them, sign, reload offline and find everything intact, print the one-time notice, submit.
import { expect, test, type Page } from '@playwright/test';
import { blurredPhoto, darkPhoto, portraitPhoto, sharpPhoto } from './fixtures/photos';
import { createPerson, drawSignature, login, unlock, waitForServiceWorker } from './fixtures/app';
import { holdStorage, releaseStorage } from './fixtures/storage-hold';

const PERSON = {
  name: '王秀英',
  idNumber: '110105194912310062', // its own: other specs leave open cases whose applicants a fresh tablet gets back
  issuedOn: '2016-06-01',
  phone: '13812345678',
  address: '安徽省某县某镇某村 12 号',
};
const ITEM = '老年人优待证办理';

const material = (page: Page, id: string) => page.locator(`[data-material="${id}"]`);
const status = (page: Page, id: string) => page.getByTestId(`status-${id}`);
const caseForm = (page: Page) => page.getByRole('group', { name: '申请表' });

test('an agent prepares a case offline: photos checked, fixed, signed, kept across reloads, notice printed', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await waitForServiceWorker(page);
  await login(page);

  // From here on the village has no signal.
  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: '离线：数据先存在本机' })).toBeVisible();

  // 群众档案: typed once; birth date and sex come from the ID number, validity from the issue date.
  await createPerson(page, PERSON);
  const form = page.getByRole('form', { name: '群众档案' });
  await expect(form.getByText('出生日期 1949年12月31日 · 性别 女')).toBeVisible();
  await expect(form.getByText('有效期至：长期')).toBeVisible();
  await form.getByLabel('从相册选择：身份证人像面').setInputFiles(sharpPhoto());
  await expect(form.getByRole('img', { name: '身份证人像面', exact: true })).toBeVisible();
  await form.getByRole('button', { name: '保存档案' }).click();
  await expect(page.getByRole('heading', { name: '修改群众档案' })).toBeVisible();

  // 新建办件: find the item by pinyin initials, pick the applicant by name.
  await page.getByRole('link', { name: '新建办件' }).first().click();
  await page.getByLabel('搜索事项').fill('ydz');
  await page.getByRole('button', { name: new RegExp(ITEM) }).click();
  await page.getByLabel('查找申请人').fill('wxy'); // pinyin initials of 王秀英 (pinyin-pro loads offline from the precache)
  await page.getByRole('button', { name: new RegExp(PERSON.name) }).click();
  await page.getByRole('button', { name: '开始办件' }).click();
  await expect(page.getByRole('heading', { name: ITEM })).toBeVisible();

  // The form is prefilled from the profile; the ID front photo is reused from it.
  await expect(caseForm(page).getByLabel('公民身份号码')).toHaveValue(PERSON.idNumber);
  await expect(caseForm(page).getByLabel('联系电话')).toHaveValue(PERSON.phone);
  await expect(material(page, 'id-card-front').locator('.page')).toHaveCount(1);
  await expect(status(page, 'id-card-front')).toHaveText('合格');
  await expect(status(page, 'id-card-back')).toHaveText('未提供');
  await expect(page.getByRole('button', { name: '提交到乡镇' })).toBeDisabled();
  // 身份证或户口簿: one card, the two ways with 或 between, one finding naming the choice.
  const identity = page.locator('[data-alternative="identity"]');
  await expect(identity.getByRole('heading', { name: '身份证明：以下任选一种' })).toBeVisible();
  await expect(identity.locator('.alternative__or')).toHaveText('或');
  await expect(identity.getByRole('region', { name: '第 2 种：居民户口簿（户主页、本人页）' })).toBeVisible();
  await expect(identity.locator('[data-code="material.choose_one"]')).toContainText(
    '已提供“居民身份证（人像面）”，选这一种还缺“居民身份证（国徽面）”',
  );

  // A blurred back side and a dark portrait are flagged on their page; a photo with no edge at all
  // is beyond the hard blur threshold: an error, not a warning to tick away.
  await material(page, 'id-card-back').getByLabel('从相册选择：居民身份证（国徽面）').setInputFiles(blurredPhoto());
  await expect(material(page, 'id-card-back').locator('[data-code="photo.blurred"]')).toBeVisible({ timeout: 30_000 });
  await expect(status(page, 'id-card-back')).toHaveText('有问题');
  await expect(material(page, 'id-card-back').getByRole('progressbar')).toHaveCount(0);
  await expect(material(page, 'id-card-back').getByText(/正在处理/)).toHaveCount(0);
  await material(page, 'photo').getByLabel('从相册选择：近期免冠1寸照片').setInputFiles(darkPhoto());
  await expect(material(page, 'photo').locator('[data-code="photo.dark"]')).toBeVisible({ timeout: 30_000 });
  await expect(material(page, 'photo').locator('[data-code="photo.blurred"]')).toHaveCount(0);
  // A black-and-white picture where the standard asks for a colour photo.
  await expect(material(page, 'photo').locator('[data-code="photo.greyscale"]')).toBeVisible();

  // The one-time notice lists everything still to fix, and prints.
  await page.getByRole('link', { name: '一次性告知单' }).click();
  const sheet = page.getByRole('article', { name: '一次性告知单' });
  await expect(sheet.getByRole('heading', { name: '一次性告知单' })).toBeVisible();
  await expect(sheet).toContainText(PERSON.name);
  await expect(sheet).toContainText(ITEM);
  await expect(sheet).toContainText('5 个工作日');
  await expect(sheet).toContainText('王秀兰'); // the agent
  const table = sheet.getByTestId('notice-table');
  await expect(table).toContainText('居民身份证（国徽面）');
  await expect(table).toContainText('模糊');
  await expect(table).not.toContainText('以下之一'); // the ID card group is given (its back is only blurred)
  await expect(table).toContainText('近期免冠1寸照片');
  await expect(table).toContainText('太暗');
  await expect(table).toContainText('代办委托书');
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  await page.getByRole('button', { name: '打印一次性告知单' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: '主菜单' })).toBeHidden();
  await expect(page.getByRole('button', { name: '打印一次性告知单' })).toBeHidden();
  await expect(sheet).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('link', { name: '返回办件' }).click();

  // Fix: retake both with the sharp photo.
  await material(page, 'id-card-back').getByLabel('重拍：居民身份证（国徽面） 第 1 页').setInputFiles(sharpPhoto());
  await expect(material(page, 'id-card-back').locator('[data-code="photo.blurred"]')).toHaveCount(0, {
    timeout: 30_000,
  });
  await expect(status(page, 'id-card-back')).toHaveText('合格');
  // The ID card is complete: the 户口簿 is not needed, and the choice is answered.
  await expect(status(page, 'hukou')).toHaveText('无需提供（已选另一种）');
  await expect(page.getByTestId('alt-status-identity')).toHaveText('已提供');
  await expect(page.locator('[data-code="material.choose_one"]')).toHaveCount(0);
  // A red background where 白色或蓝色背景 is asked is refused, with what to do.
  await material(page, 'photo')
    .getByLabel('重拍：近期免冠1寸照片 第 1 页')
    .setInputFiles(portraitPhoto([208, 28, 36]));
  await expect(material(page, 'photo').locator('[data-code="photo.backdrop"]')).toContainText(
    '背景是红色，要求白色或蓝色背景',
    { timeout: 30_000 },
  );
  await expect(status(page, 'photo')).not.toHaveText('合格');
  await material(page, 'photo').getByLabel('重拍：近期免冠1寸照片 第 1 页').setInputFiles(portraitPhoto());
  await expect(material(page, 'photo').locator('[data-code="photo.backdrop"]')).toHaveCount(0, { timeout: 30_000 });
  await expect(material(page, 'photo').locator('[data-code="photo.dark"]')).toHaveCount(0);
  await expect(material(page, 'photo').locator('[data-code="photo.greyscale"]')).toHaveCount(0);
  await expect(status(page, 'photo')).toHaveText('合格');

  // A page opens full screen for a closer look.
  await material(page, 'id-card-back').getByRole('button', { name: '查看大图：居民身份证（国徽面） 第 1 页' }).click();
  const viewer = page.getByRole('dialog', { name: '居民身份证（国徽面） 第 1/1 页' });
  await expect(viewer.getByRole('img')).toHaveAttribute('src', /^blob:/);
  await viewer.getByRole('button', { name: '关闭' }).click();
  await expect(viewer).toBeHidden();

  // The villager signs the entrustment on the screen. Until the signature is stored the page says
  // 正在保存, and a reload first asks (here the save is held back, and the agent stays).
  const entrust = material(page, 'entrustment');
  const saveState = page.getByTestId('save-state');
  await expect(saveState).toHaveText('已保存在本机');
  await drawSignature(page, entrust.getByTestId('signature-canvas'));
  await holdStorage(page);
  await entrust.getByRole('button', { name: '确认签名：代办委托书' }).click();
  await expect(saveState).toHaveText('正在保存……');
  const asked = page.waitForEvent('dialog');
  const reloading = page.evaluate(() => location.reload()).catch(() => undefined);
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  await reloading;
  await expect(saveState).toHaveText('正在保存……'); // still this page: the reload was called off
  await releaseStorage(page);
  await expect(saveState).toHaveText('已保存在本机');
  await expect(entrust.getByRole('img', { name: `代办委托书：${PERSON.name}的签名` })).toBeVisible();
  await expect(status(page, 'entrustment')).toHaveText('合格');

  // Reload with no network: everything is still there.
  await page.reload();
  await unlock(page);
  await expect(page.getByRole('heading', { name: ITEM })).toBeVisible();
  await expect(material(page, 'id-card-front').locator('.page')).toHaveCount(1);
  await expect(material(page, 'id-card-back').locator('.page')).toHaveCount(1);
  await expect(material(page, 'photo').locator('.page')).toHaveCount(1);
  await expect(status(page, 'id-card-back')).toHaveText('合格');
  await expect(status(page, 'photo')).toHaveText('合格');
  await expect(entrust.getByRole('img', { name: `代办委托书：${PERSON.name}的签名` })).toBeVisible();
  await expect(caseForm(page).getByLabel('公民身份号码')).toHaveValue(PERSON.idNumber);

  // Nothing left to fix: the notice says so; then submit (queued until the network is back).
  await expect(page.getByTestId('error-count')).toHaveText('问题 0 个');
  for (const box of await page.getByRole('checkbox', { name: '已核实，确认无误' }).all()) await box.check();
  await page.getByRole('link', { name: '一次性告知单' }).click();
  await expect(page.getByTestId('notice-complete')).toBeVisible();
  await page.getByRole('link', { name: '返回办件' }).click();
  await page.getByRole('button', { name: '提交到乡镇' }).click();
  await expect(page.locator('.case-head [data-status="queued"]')).toBeVisible();
  await expect(page.getByRole('button', { name: '撤回修改' })).toBeVisible();

  // The list shows the case with its sync state; the receipt has the QR code drawn on the device.
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: /^办件/ }).click(); // its name may carry a badge (1 件退回)
  const card = page.getByRole('link', { name: `${PERSON.name}：${ITEM}` });
  await expect(card).toContainText('等待同步');
  await card.click();
  await page.getByRole('link', { name: '办件回执（二维码）' }).click();
  const number = await page.getByTestId('receipt-number').textContent();
  expect(number).toMatch(/^DB-341822100201-\d{8}-[0-9A-F]{2}\d{3}$/);
  // The QR code is the link to the public progress page: number and the case's lookup token.
  const qr = page.locator('svg[data-qr]');
  await expect(qr).toBeVisible();
  await expect(qr).toHaveAttribute('data-qr', new RegExp(`/q/${number}\\?t=[0-9a-z]{20}$`));
});
