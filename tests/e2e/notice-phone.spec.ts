// Issue 14, items 5 and 6: the one-time notice on a 390 × 844 phone reads as flowing text in the
// villager's words (no 1–2 character columns, not 6,000 px long), prints as A4, saves as a PNG for
// WeChat, shows full-screen, and offers 朗读 only where a Mandarin voice exists.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { createPerson, login, unlock } from './fixtures/app';

const PERSON = {
  name: '孙桂芝',
  idNumber: '110105194503150088', // its own: other specs leave cases whose applicants a fresh tablet gets back
  issuedOn: '2016-06-01',
  phone: '13812345690',
  address: '北岗村三组 8 号',
};
const ITEM = '老年人优待证办理';
const PHONE = { width: 390, height: 844 };

test('the one-time notice on a phone: readable, in the villager words, A4 in print, image, full-screen', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await login(page);
  await createPerson(page, PERSON);
  await page.getByRole('form', { name: '群众档案' }).getByRole('button', { name: '保存档案' }).click();
  await expect(page.getByRole('heading', { name: '修改群众档案' })).toBeVisible();
  await page.getByRole('link', { name: '新建办件' }).first().click();
  await page.getByLabel('搜索事项').fill('ydz');
  await page.getByRole('button', { name: new RegExp(ITEM) }).click();
  await page.getByLabel('查找申请人').fill(PERSON.name);
  await page.getByRole('button', { name: new RegExp(PERSON.name) }).click();
  await page.getByRole('button', { name: '开始办件' }).click();
  await expect(page.getByRole('heading', { name: ITEM })).toBeVisible();

  // A typical case: proof of identity, the portrait photo and the signed mandate still missing.
  await page.setViewportSize(PHONE);
  // The workbench's bar stuck above the tab bar: submit, its note, both papers side by side (it was
  // 224 px, a third of the phone with the tab bar). The receipt keeps its full name for screen readers.
  const actions = page.getByRole('region', { name: '办件操作' });
  const receipt = actions.getByRole('link', { name: '办件回执（二维码）' });
  await expect(receipt).toBeVisible();
  const [bar, notice, qr] = await Promise.all([
    actions.boundingBox(),
    actions.getByRole('link', { name: '一次性告知单' }).boundingBox(),
    receipt.boundingBox(),
  ]);
  expect(bar!.height).toBeLessThanOrEqual(170);
  expect(Math.abs(notice!.y - qr!.y)).toBeLessThan(4);
  const caseHash = await page.evaluate(() => location.hash);
  await page.goto(`/${caseHash}/notice`);
  const sheet = page.getByRole('article', { name: '一次性告知单' });
  await expect(sheet.getByRole('heading', { name: '一次性告知单' })).toBeVisible();
  const list = sheet.getByTestId('notice-table');
  // 身份证或户口簿: one item, any one of them.
  await expect(list).toContainText('身份证明（以下之一）');
  await expect(list).toContainText('请带上下面任意一种材料');
  await expect(list.getByRole('list', { name: '以下任选一种' })).toContainText('或 居民户口簿');
  await expect(list).toContainText('请带上您的近期免冠1寸照片');
  await expect(list).toContainText('请您本人到场，在“代办委托书”上签名');
  await expect(sheet).toContainText(`找代办员`);
  // The agent's instructions stay in the workbench.
  for (const agentWords of ['拍摄上传', '保持手机稳定', '请填写', '屏幕上签名'])
    await expect(sheet).not.toContainText(agentWords);
  await testInfo.attach('notice-390.png', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });

  // Readable: every block of text is at least 300 px wide (A4 squeezed into 390 px gave 1–2 characters a line).
  const narrow = await sheet.evaluate((el) =>
    [...el.querySelectorAll<HTMLElement>('h1, h2, p, li, dl > div')]
      .filter((e) => e.offsetParent !== null && (e.textContent ?? '').trim().length > 0)
      .map((e) => ({ text: (e.textContent ?? '').slice(0, 20), width: e.getBoundingClientRect().width }))
      .filter((b) => b.width < 300),
  );
  expect(narrow).toEqual([]);
  const fontSize = await sheet
    .locator('.notice__ask')
    .first()
    .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(fontSize).toBeGreaterThanOrEqual(18);
  const height = await sheet.evaluate((e) => e.getBoundingClientRect().height);
  expect(height).toBeLessThan(3 * PHONE.height);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);

  // 朗读 only with a Mandarin voice; headless Chromium usually has none.
  const zhVoices = await page.evaluate(
    () => speechSynthesis.getVoices().filter((v) => /^(zh|cmn)([-_](CN|Hans).*)?$/i.test(v.lang)).length,
  );
  if (zhVoices === 0) await expect(page.getByRole('button', { name: '朗读' })).toHaveCount(0);
  else await expect(page.getByRole('button', { name: '朗读' })).toBeVisible();

  // 保存为图片: a PNG download of real size (1080 px wide, drawn on a canvas).
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '保存为图片' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^一次性告知单-.+\.png$/);
  const png = await readFile((await download.path())!);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.readUInt32BE(16)).toBe(1080); // IHDR width
  expect(png.readUInt32BE(20)).toBeGreaterThan(1000); // IHDR height: the whole notice, not a blank strip
  expect(png.length).toBeGreaterThan(10_000);
  await testInfo.attach('notice-image.png', { body: png, contentType: 'image/png' });

  // 全屏显示: the notice covers the screen (Fullscreen API, or an overlay where there is none), and comes back.
  await page.getByRole('button', { name: '全屏显示' }).click();
  await expect(page.getByRole('button', { name: '退出全屏' })).toBeVisible();
  const full = await sheet.evaluate((el) => ({
    api: document.fullscreenElement === el,
    overlay: el.classList.contains('notice--overlay'),
    box: el.getBoundingClientRect().toJSON() as DOMRect,
  }));
  expect(full.api || full.overlay).toBe(true);
  expect(full.box.width).toBeGreaterThanOrEqual(PHONE.width - 1);
  expect(full.box.height).toBeGreaterThanOrEqual(PHONE.height - 1);
  await page.getByRole('button', { name: '退出全屏' }).click();
  await expect(page.getByRole('button', { name: '退出全屏' })).toHaveCount(0);
  expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();

  // Print: A4 (180 mm of content between 15 mm margins), only the sheet.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: '打印一次性告知单' })).toBeHidden();
  await expect(page.getByRole('button', { name: '保存为图片' })).toBeHidden();
  const printWidth = await sheet.evaluate((e) => e.getBoundingClientRect().width);
  expect(Math.abs(printWidth - (180 / 25.4) * 96)).toBeLessThan(2);
  await expect(sheet.getByText('申请人（签收）：')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // 朗读 with a Mandarin voice: headless Chromium has no voices, so this device capability is
  // played by a stand-in speechSynthesis that records what it was asked to say.
  await page.addInitScript(() => {
    const w = window as unknown as { spoken: string[]; cancelled: number };
    w.spoken = [];
    w.cancelled = 0;
    const voice = { lang: 'zh-CN', name: '普通话（测试）', default: true, localService: true, voiceURI: 'zh' };
    const synth = new EventTarget() as EventTarget & Record<string, unknown>;
    synth.getVoices = () => [voice];
    synth.speak = (u: { text: string }) => w.spoken.push(u.text);
    synth.cancel = () => w.cancelled++;
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    (window as unknown as Record<string, unknown>).SpeechSynthesisUtterance = class {
      text: string;
      constructor(text: string) {
        this.text = text;
      }
    };
  });
  await page.reload();
  await unlock(page);
  await expect(sheet.getByRole('heading', { name: '一次性告知单' })).toBeVisible();
  await page.getByRole('button', { name: '朗读' }).click();
  const spoken = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.join(''));
  expect(spoken).toContain(`申请人：${PERSON.name}`);
  expect(spoken).toContain('第一项，身份证明（以下之一）。还没有提供。请带上下面任意一种材料：居民身份证');
  expect(spoken).toContain('请您本人到场，在“代办委托书”上签名');
  const cancelledBefore = await page.evaluate(() => (window as unknown as { cancelled: number }).cancelled);
  await page.getByRole('button', { name: '停止' }).click();
  await expect(page.getByRole('button', { name: '朗读' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { cancelled: number }).cancelled)).toBeGreaterThan(
    cancelledBefore,
  );
});
