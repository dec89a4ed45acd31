// The township review loop end to end, as two people on two devices against the real server:
// the agent on a tablet (going offline and back) and the reviewer at a desktop.
// submit → return with two reasons → the agent sees exactly those two → fix → resubmit → the
// reviewer sees the diff → accept with tolerance → the agent supplies the missing material →
// complete → bad rating → the rectification appears at the township and is closed.
import { readFile } from 'node:fs/promises';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';

const PASSWORD = 'daiban123';

/** A document-like JPEG drawn in the page; `seed` makes each photo (and its hash) different. */
async function photo(page: Page, seed: number) {
  const b64 = await page.evaluate(async (seed) => {
    const w = 1600,
      h = 1200;
    const c = new OffscreenCanvas(w, h);
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = '#f4f1ea';
    ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = '#1a1a1a';
    let s = seed * 7919 + 13;
    const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
    ctx.fillRect(0, 0, w, 8);
    ctx.fillRect(0, h - 8, w, 8);
    ctx.fillRect(0, 0, 8, h);
    ctx.fillRect(w - 8, 0, 8, h);
    for (let y = 40; y < h * 0.7; y += 28) {
      for (let x = 40; x < w - 80;) {
        const bw = 12 + rand() * 60;
        ctx.fillRect(x, y, bw, 12);
        x += bw + 10;
      }
    }
    for (let y = h * 0.72; y < h - 20; y += 40) ctx.fillRect(30, y, w - 60, 2);
    ctx.font = '64px sans-serif';
    ctx.fillText(`PAGE ${seed}`, 100, h - 100);
    const bytes = new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return btoa(bin);
  }, seed);
  return { name: `photo-${seed}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(b64, 'base64') };
}

async function signOn(page: Page, materialId: string, name: string) {
  const card = page.locator(`[data-material="${materialId}"]`);
  const canvas = card.getByTestId('signature-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.5);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++)
    await page.mouse.move(box.x + box.width * (0.2 + i * 0.05), box.y + box.height * (0.5 + (i % 2 ? 0.2 : -0.2)));
  await page.mouse.up();
  await card.getByRole('button', { name: `确认签名：${name}` }).click();
  await expect(card.getByText(/签于/)).toBeVisible();
}

/** 重拍 one page and wait until the new photo has replaced it (its image URL changes). */
async function retake(page: Page, materialId: string, materialName: string, n: number, seed: number) {
  const img = page.locator(`[data-material="${materialId}"] [data-page="${n}"] img`);
  const before = await img.getAttribute('src');
  await page.getByLabel(`重拍：${materialName} 第 ${n} 页`).setInputFiles(await photo(page, seed));
  await expect(img).not.toHaveAttribute('src', before ?? '', { timeout: 30_000 });
}

async function login(context: BrowserContext, username: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByLabel('用户名')).toBeHidden();
  return page;
}

/** The agent syncs by hand (push then pull) and waits until nothing is left to send. */
async function agentSync(page: Page) {
  await page.goto('/#/sync');
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(page.getByRole('button', { name: '立即同步' })).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByTestId('pending-count')).toHaveText('0', { timeout: 30_000 });
}

async function openAgentCase(page: Page, caseId: string) {
  await page.goto('/#/');
  await page.goto(`/#/cases/${caseId}`);
  await expect(page.locator('[data-material]').first()).toBeVisible();
}

/** From the inbox (all statuses), as a reviewer does: the list and the case load fresh. */
async function reviewerOpen(page: Page, caseId: string): Promise<Locator> {
  await page.goto('/#/review');
  await page.getByRole('button', { name: /^全部/ }).click();
  await page.locator(`tr[data-case="${caseId}"]`).getByRole('link').click();
  const status = page.locator('.case-head [data-status]');
  await expect(status).toBeVisible();
  return status;
}

async function decide(page: Page, kind: string, fill?: (form: Locator) => Promise<void>) {
  const panel = page.getByRole('complementary', { name: '审核决定' });
  await panel.getByRole('button', { name: kind, exact: true }).click();
  const form = panel.getByRole('form', { name: kind });
  if (fill) await fill(form);
  await form.getByRole('button', { name: `确认${kind}` }).click();
  await expect(form).toBeHidden();
}

test('the review loop: return, fix, tolerance, supply, complete, bad rating, rectification', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const tablet = await browser.newContext({
    baseURL,
    viewport: { width: 1024, height: 768 },
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const desk = await browser.newContext({
    baseURL,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  // The second township: its statistics and inbox hold only this test's case (other specs work
  // in the first).
  const agent = await login(tablet, 'agent4');
  const reviewer = await login(desk, 'reviewer2');
  // Other specs leave cases waiting in this township: the inbox count must go up by this one.
  await reviewer.goto('/#/review');
  const waiting = reviewer.getByRole('button', { name: /待审核/ });
  await expect(waiting).toHaveText(/\d+/);
  const before = Number((await waiting.textContent())!.replace(/\D/g, ''));
  await reviewer.goto('/#/review/stats'); // so the inbox loads afresh when the reviewer comes back

  // ── The agent prepares a 临时救助 case; the hardship proof is tolerated (容缺). ──
  await agent.goto('/#/cases/new');
  await agent.getByLabel('搜索事项').fill('临时救助');
  await agent.getByRole('button', { name: /临时救助申请/ }).click();
  await agent.getByRole('button', { name: /新建申请人档案/ }).click();
  await agent.getByLabel('姓名').fill('张桂兰');
  await agent.getByLabel('身份证号').fill('11010519491231002X');
  await agent.getByLabel('身份证签发日期').fill('2010-05-01');
  await agent.getByLabel('手机号').fill('13812345678');
  await agent.getByLabel('住址').fill('彭村村一组 3 号');
  await agent.getByLabel('银行卡号（本人名下）').fill('6228480402564890018');
  await agent.getByLabel('开户银行').fill('农业银行');
  await agent.getByRole('button', { name: '保存档案并设为申请人' }).click();
  await agent.getByRole('button', { name: '开始办件' }).click();
  await expect(agent).toHaveURL(/#\/cases\/[0-9a-f-]{36}$/);
  const caseId = agent.url().split('/').at(-1)!;

  await agent.getByLabel('困难类型').selectOption('emergency');
  await agent.getByLabel('是否需要先行救助').selectOption('normal');
  await agent.getByLabel('困难情况说明').fill('房屋失火，急需生活救助');
  await agent.getByLabel('从相册选择：居民身份证（人像面）').setInputFiles(await photo(agent, 1));
  await agent.getByLabel('从相册选择：居民身份证（国徽面）').setInputFiles(await photo(agent, 2));
  await agent
    .getByLabel('从相册选择：居民户口簿（户主页、本人页）')
    .setInputFiles([await photo(agent, 3), await photo(agent, 4)]);
  // Type the data read off the 户口簿 once its photos are processed and saved.
  for (const [id, pages] of [
    ['id-card-front', 1],
    ['id-card-back', 1],
    ['hukou', 2],
  ] as const) {
    await expect(agent.locator(`[data-material="${id}"] [data-page]`)).toHaveCount(pages, { timeout: 30_000 });
  }
  await signOn(agent, 'application', '临时救助申请书');
  await signOn(agent, 'entrustment', '代办委托书');
  await agent.getByLabel('户口簿本人页上的姓名').fill('张桂兰');
  await agent.getByLabel('户口簿本人页上的公民身份号码').fill('11010519491231002X');
  await expect(agent.getByText('请填写「居民户口簿（户主页、本人页）上的户口簿本人页上的公民身份号码」')).toHaveCount(
    0,
  );
  await agent
    .locator('[data-material="hardship-proof"]')
    .getByText(/先容缺受理/)
    .click();
  await signOn(agent, 'tolerance-commitment', '容缺承诺书');
  await expect(agent.getByText('预审通过，可以提交。')).toBeVisible({ timeout: 20_000 });

  // Submitted offline: it waits in the outbox and goes up when the tablet is back online.
  await tablet.setOffline(true);
  await agent.getByRole('button', { name: '提交到乡镇' }).click();
  await expect(agent.getByText('待同步').first()).toBeVisible();
  await tablet.setOffline(false);
  await agentSync(agent);

  // ── The reviewer finds it in the inbox and returns it with two reasons, in one decision. ──
  await reviewer.goto('/#/review');
  const row = reviewer.locator(`tr[data-case="${caseId}"]`);
  await expect(row).toBeVisible();
  await expect(waiting).toHaveText(new RegExp(`待审核\\s*${before + 1}$`));
  await row.getByRole('link').click();
  await expect(reviewer.getByRole('heading', { name: '服务器预审报告' })).toBeVisible();
  await decide(reviewer, '退回补正', async (form) => {
    await form.locator('fieldset[data-target="id-card-front"]').getByRole('button', { name: '照片模糊' }).click();
    const hukou = form.locator('fieldset[data-target="hukou"]');
    await hukou.getByRole('button', { name: '与身份证信息不一致' }).click();
    await hukou.getByRole('textbox').fill('本人页姓名一栏看不清，请重拍本人页');
  });
  await expect(reviewer.locator('.case-head [data-status]')).toHaveText('退回补正');

  // ── Back on the tablet: exactly those two materials, with the reviewer's reasons. ──
  await agentSync(agent);
  await openAgentCase(agent, caseId);
  const reasons = agent.getByRole('region', { name: '退回补正原因' });
  await expect(reasons).toBeVisible();
  // When, written as everywhere else in the app (2026-12-04 15:02, China time).
  await expect(reasons).toContainText(/乡镇审核员于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 退回补正/);
  const flagged = reasons.locator('[data-target]');
  await expect(flagged).toHaveCount(2);
  await expect(reasons.locator('[data-target="id-card-front"]')).toContainText('照片模糊');
  await expect(reasons.locator('[data-target="hukou"]')).toContainText('与身份证信息不一致');
  await expect(reasons.locator('[data-target="hukou"]')).toContainText('本人页姓名一栏看不清');
  // The reasons also sit right at the two flagged materials, which stay editable.
  const card = (id: string) => agent.locator(`[data-material="${id}"]`);
  await expect(agent.locator('[data-return-note]')).toHaveCount(2);
  await expect(card('id-card-front').locator('[data-return-note]')).toContainText('照片模糊');
  await expect(card('hukou').locator('[data-return-note]')).toContainText(
    '与身份证信息不一致：本人页姓名一栏看不清，请重拍本人页',
  );
  await expect(card('id-card-front').getByLabel('重拍：居民身份证（人像面） 第 1 页')).toHaveCount(1);
  await expect(agent.getByLabel('户口簿本人页上的姓名')).toBeEnabled();
  // Everything else is locked as submitted: no capture, retake, delete or re-sign, fields disabled.
  await expect(agent.locator('[data-material][data-locked]')).toHaveCount(
    (await agent.locator('[data-material]').count()) - 2,
  );
  for (const id of ['id-card-back', 'hardship-proof', 'application']) {
    await expect(card(id).getByText('无需修改')).toBeVisible();
    await expect(card(id).getByLabel(/^(拍照|从相册选择|重拍)：/)).toHaveCount(0);
    await expect(card(id).getByRole('button', { name: /删除|上移|下移|作废并重新签名|确认签名/ })).toHaveCount(0);
  }
  await expect(card('hardship-proof').getByRole('checkbox')).toBeDisabled();
  await expect(agent.getByLabel('困难情况说明')).toBeDisabled();
  await expect(agent.getByLabel('困难类型')).toBeDisabled();
  // Resubmitting waits until both flagged materials have changed.
  const resubmit = agent.getByRole('button', { name: '补正后重新提交' });
  await expect(resubmit).toBeDisabled();
  await expect(agent.getByTestId('return-block')).toHaveText(
    '还有 2 项退回的内容没有修改：居民身份证（人像面）、居民户口簿（户主页、本人页）',
  );

  // The agent retakes both photos and resubmits (offline again, then online).
  await retake(agent, 'id-card-front', '居民身份证（人像面）', 1, 11);
  await expect(agent.getByTestId('return-block')).toHaveText(
    '还有 1 项退回的内容没有修改：居民户口簿（户主页、本人页）',
  );
  await expect(reasons.locator('[data-target="id-card-front"]')).toContainText('已修改');
  await expect(resubmit).toBeDisabled();
  await retake(agent, 'hukou', '居民户口簿（户主页、本人页）', 2, 14);
  await expect(agent.getByTestId('return-block')).toHaveCount(0);
  await expect(agent.getByText('预审通过，可以提交。')).toBeVisible({ timeout: 20_000 });
  await tablet.setOffline(true);
  await agent.getByRole('button', { name: '补正后重新提交' }).click();
  await expect(agent.getByText('待同步').first()).toBeVisible();
  await tablet.setOffline(false);
  await agentSync(agent);

  // ── The reviewer sees what changed since the return, then accepts with tolerance. ──
  await reviewerOpen(reviewer, caseId);
  const diff = reviewer.getByLabel('第 1 次与第 2 次提交的差异');
  await expect(diff).toBeVisible();
  await expect(diff.locator('[data-changed-material]')).toHaveCount(2);
  await expect(diff.locator('[data-changed-material="id-card-front"]')).toContainText('新增/替换 1 页');
  await expect(diff.locator('[data-changed-material="hukou"]')).toContainText('新增/替换 1 页');
  await expect(reviewer.locator('article[data-material="id-card-front"]')).toContainText('本次修改');
  // A page is fetched from the server with the token and opens zoomable.
  await reviewer.locator('article[data-material="id-card-front"] button.photo').first().click();
  const viewer = reviewer.getByRole('dialog', { name: /居民身份证（人像面） 第 1 页/ });
  await expect(viewer.getByRole('img')).toHaveAttribute('src', /^blob:/);
  await viewer.getByRole('button', { name: '放大', exact: true }).click();
  await expect(viewer.getByText('150%')).toBeVisible();
  await viewer.getByRole('button', { name: '关闭' }).click();
  await expect(viewer).toBeHidden();

  await decide(reviewer, '容缺受理', async (form) => {
    const row = form.locator('[data-requirement="hardship-proof"]');
    await expect(row.getByRole('checkbox')).toBeChecked();
    await expect(row.getByLabel('困难情况证明材料 补齐期限')).toHaveValue(/\d{4}-\d{2}-\d{2}/);
  });
  await expect(reviewer.locator('.case-head [data-status]')).toHaveText('容缺受理');
  await reviewer.getByRole('button', { name: '打印受理单' }).click();
  await expect(reviewer.getByRole('article', { name: '受理单' })).toContainText('困难情况证明材料');
  await expect(reviewer.getByRole('article', { name: '受理单' })).toContainText('容缺受理通知书');

  // ── The tablet counts down the tolerance due date; the agent supplies it in time. ──
  await agentSync(agent);
  await openAgentCase(agent, caseId);
  const supply = agent.getByRole('region', { name: '容缺补交' });
  await expect(supply.locator('[data-requirement="hardship-proof"]')).toContainText(/剩余\d+个工作日|今日到期/);
  await supply.getByLabel('补交：困难情况证明材料').setInputFiles(await photo(agent, 21));
  await expect(supply.locator('[data-requirement="hardship-proof"]')).toContainText('已补交');
  await agentSync(agent);

  // ── The reviewer confirms the supply, then completes the case. ──
  await reviewerOpen(reviewer, caseId);
  await expect(reviewer.locator('article[data-material="hardship-proof"]')).toContainText('已于');
  // A short outage at the township: the decision fails with a Chinese error, and 重试 resends
  // the same decision (same id), which the server applies once.
  const panel = reviewer.getByRole('complementary', { name: '审核决定' });
  await panel.getByRole('button', { name: '确认已补齐', exact: true }).click();
  await desk.setOffline(true);
  await panel.getByRole('form', { name: '确认已补齐' }).getByRole('button', { name: '确认已补齐' }).click();
  await expect(panel.getByText(/网络中断/)).toBeVisible();
  await desk.setOffline(false);
  await panel.getByRole('button', { name: '重试' }).click();
  await expect(reviewer.locator('.case-head [data-status]')).toHaveText('已受理');
  await expect(panel.locator('.decision-history li', { hasText: '确认已补齐' })).toHaveCount(1);
  await decide(reviewer, '办结', async (form) => {
    await form.getByLabel('办理结果').fill('准予临时救助 2000 元，已发放至本人账户');
  });
  await expect(reviewer.locator('.case-head [data-status]')).toHaveText('办结');

  // ── The villager is unhappy: the agent records a bad rating on the tablet. ──
  await agentSync(agent);
  await openAgentCase(agent, caseId);
  await expect(agent.getByText(/已办结：准予临时救助/)).toBeVisible();
  await agent.getByRole('button', { name: /请群众评价/ }).click();
  const rating = agent.getByRole('form', { name: '好差评' });
  // Faces are drawn (many tablets lack a colour-emoji font and would show empty boxes): five SVG
  // faces, and no emoji anywhere in the form.
  await expect(rating.getByRole('radiogroup', { name: '满意程度' }).locator('svg.rating-face')).toHaveCount(5);
  expect(await rating.textContent()).not.toMatch(/\p{Extended_Pictographic}/u);
  await rating
    .getByRole('radiogroup', { name: '满意程度' })
    .getByRole('radio', { name: /非常不满意/ })
    .click();
  await expect(
    rating.getByRole('radiogroup', { name: '服务态度' }).getByRole('radio', { name: /非常不满意/ }),
  ).toHaveAttribute('aria-checked', 'true');
  await rating.getByLabel('不满意的原因（必填）').fill('等了太久，跑了两趟');
  await rating.getByRole('button', { name: '提交评价' }).click();
  await expect(agent.getByRole('button', { name: /请群众评价/ })).toBeHidden();
  await agentSync(agent);

  // ── The township sees the rectification item and closes it after the call-back. ──
  await reviewer.goto('/#/review/rectifications');
  const item = reviewer.locator('li[data-rectification][data-status="open"]');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('等了太久，跑了两趟');
  await item.getByLabel('回访情况').fill('已电话回访，说明情况并致歉，群众表示理解');
  await item.getByRole('button', { name: '回访办结' }).click();
  await expect(reviewer.locator('li[data-rectification][data-status="closed"]')).toContainText('已回访办结');
  await expect(reviewer.locator('li[data-rectification][data-status="open"]')).toHaveCount(0);

  // The statistics count the loop: one return, one bad rating, one rectification closed.
  await reviewer.goto('/#/review/stats');
  await expect(reviewer.getByText('退回率').first()).toBeVisible();
  await expect(reviewer.locator('.kpi', { hasText: '退回率' })).toContainText('100%');
  await expect(reviewer.locator('.kpi', { hasText: '差评率' })).toContainText('100%');
  await expect(reviewer.getByRole('list', { name: '好差评' })).toBeVisible();
  await expect(reviewer.getByTestId('weekly-trend').getByRole('table')).toBeVisible();
  const [download] = await Promise.all([
    reviewer.waitForEvent('download'),
    reviewer.getByRole('button', { name: '导出 CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^代办统计-\d{4}-\d{2}-\d{2}至\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.startsWith('\uFEFF统计类别,分组,数量,总数,比率(%),说明\r\n')).toBe(true);
  expect(csv).toContain('\r\n退回原因,照片模糊,1,1,100,标注 1 处\r\n');

  await tablet.close();
  await desk.close();
});
