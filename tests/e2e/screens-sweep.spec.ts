// Issue 14, "Tests": every screen of the app, for each role, at 390, 800, 1024 and 1440 px wide
// (phone, tablet portrait, tablet landscape, desk). Fails on axe serious/critical violations,
// interactive targets under 44×44 px, clipped, truncated or overlapping text, line heights shorter
// than the font's glyph box, and horizontal overflow of the page; the rules and their exemptions
// are in fixtures/screen-audit.ts.
// One page per role, logged in once and resized through the four widths on each screen (a resize
// re-lays the page out exactly as a fresh load at that size would; the data key stays in memory).
// Every problem of the run is collected and reported at once (screen @ width: kind selector size).
// A full-page screenshot of every screen × width is attached to the test (test-results/), not committed.
// SWEEP_LOG=1 prints each problem as it is found, and how long the audit, axe and screenshot took.
// Measured on a shared 2-core machine under load 14–18: 9.5 min with --workers=3 --fully-parallel
// (agent 8.6, reviewer 9.1, admin 4.3 min); axe took 6–16 s a run there, the screenshot 0.5–8 s.
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { auditScreen } from './fixtures/screen-audit';
import { submittedCase } from './fixtures/submitted-case';
import { idNumber } from './fixtures/sync-steps';
import { sharpPhoto } from './fixtures/photos';
import { unlock } from './fixtures/app';
import { uuidv7 } from '../../src/domain';

const PASSWORD = 'daiban123';
// axe runs at 390 and 1024 only. Media queries in src/ui (breakpoints 520, 599, 760, 960, 1000 px;
// nothing reads the width from script) change layout, never colours, and every element rendered at
// 800 is rendered at 390 or at 1024 (the phone's tab bar and report jump below 600/960, the side
// panel from 960), as 1440 is in the same state of every query as 1024. axe takes seconds a run.
const WIDTHS = [
  { width: 390, height: 844, axe: true },
  { width: 800, height: 1280, axe: false },
  { width: 1024, height: 768, axe: true },
  { width: 1440, height: 900, axe: false },
] as const;

class Sweep {
  /** Screens × widths with problems (the test fails at the end with all of them). */
  readonly failing: string[] = [];
  /** A screenshot failed: the page's compositor is stalled, so the rest are not tried. */
  private noScreenshots = false;
  constructor(
    private readonly page: Page,
    private readonly info: TestInfo,
  ) {}

  /** Measures the screen as it is now at every width; the page ends at the widest. */
  async screen(name: string): Promise<void> {
    for (const size of WIDTHS) {
      await this.page.setViewportSize({ width: size.width, height: size.height });
      // Two frames: the resize's layout and anything a resize observer re-renders. Headless
      // Chromium now and then produces no frame for minutes (CI, stop 37: this wait hung the admin
      // sweep for 14 min after a full-page screenshot), so a timer ends the wait. The audit's own
      // reads force the layout, but a resize observer's re-render (the virtual list's) waits for a
      // frame: a width measured without one is noted on the test, so a finding there can be read
      // with that in mind.
      const framed = await this.page.evaluate(
        () =>
          new Promise<boolean>((r) => {
            setTimeout(() => r(false), 1_000);
            requestAnimationFrame(() => requestAnimationFrame(() => r(true)));
          }),
      );
      const at = `${name} @ ${size.width}`;
      if (!framed) this.info.annotations.push({ type: 'no frame after resize', description: at });
      const problems: string[] = [];
      let t = Date.now();
      const lap = (what: string) => {
        if (process.env.SWEEP_LOG) console.log(`${at} ${what} ${Date.now() - t} ms`);
        t = Date.now();
      };
      for (const p of await this.page.evaluate(auditScreen)) problems.push(`${p.kind} ${p.selector} — ${p.detail}`);
      lap('audit');
      if (size.axe) {
        const axe = await new AxeBuilder({ page: this.page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .options({ resultTypes: ['violations'] })
          .analyze();
        for (const v of axe.violations)
          if (v.impact === 'serious' || v.impact === 'critical')
            for (const n of v.nodes.slice(0, 5)) problems.push(`axe ${v.id} (${v.impact}) ${n.target.join(' ')}`);
        lap('axe');
      }
      const file = this.info.outputPath(`${name.replace(/[^\p{L}\p{N}]+/gu, '-')}-${size.width}.jpg`);
      // The screenshot is for people to look at, not a check: one the compositor cannot make in a
      // minute is noted on the test, and the page's later ones are not tried (each would wait its
      // minute); the audit and axe go on.
      if (!this.noScreenshots)
        try {
          await this.page.screenshot({ path: file, fullPage: true, type: 'jpeg', quality: 60, timeout: 60_000 });
          await this.info.attach(`${name} @ ${size.width}×${size.height}`, { path: file, contentType: 'image/jpeg' });
        } catch (e) {
          this.noScreenshots = true;
          this.info.annotations.push({
            type: 'no screenshots from here on',
            description: `${at}: ${(e as Error).message.split('\n')[0]}`,
          });
        }
      lap('screenshot');
      // Soft: every screen and width is measured; each one's problems are listed together.
      expect.soft(problems, `${at}: ${problems.length} problems:\n${problems.join('\n')}\n`).toEqual([]);
      if (problems.length > 0) this.failing.push(at);
      if (process.env.SWEEP_LOG) for (const p of problems) console.log(`PROBLEM ${at}: ${p}`);
    }
  }

  /** Goes to a hash route without reloading (a reload locks the app: the data key is in memory only). */
  async go(hash: string): Promise<void> {
    await this.page.evaluate((h) => (location.hash = h), hash);
  }

  expectClean(): void {
    expect(this.failing, 'screens × widths with problems (each listed above)').toEqual([]);
  }
}

async function open(browser: Browser, baseURL: string, info: TestInfo) {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1440, height: 900 },
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  await page.goto('/');
  return { context, page, sweep: new Sweep(page, info) };
}

async function signIn(page: Page, username: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByLabel('用户名')).toBeHidden({ timeout: 30_000 });
}

// The audit itself must be able to fail: a page with one of each problem, and the exemptions.
test('the audit finds small targets, clipped, truncated and overlapping text, short lines, and page overflow', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.setContent(`<!doctype html><html lang="zh-CN"><body style="margin:0;font:20px sans-serif">
    <button id="small" style="width:30px;height:30px">小</button>
    <button id="big" style="width:48px;height:48px">大</button>
    <label id="boxed" style="display:inline-block;padding:12px 0;min-width:44px"><input type="checkbox"> 同意</label>
    <input id="bare" type="checkbox" aria-label="没有标签">
    <p>请阅读<a href="#x">说明</a>后再填写。</p>
    <p><a id="lonely" href="#y">单独的链接</a></p>
    <div id="clip" style="width:60px;height:24px;overflow:hidden">很长很长很长很长的文字</div>
    <div id="dots" style="width:60px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis">很长很长很长很长的文字</div>
    <span style="position:relative">3<span style="position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap"> 件退回</span></span>
    <div title="很长很长很长很长的文字"><div id="titled" style="width:60px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis">很长很长很长很长的文字</div></div>
    <div style="position:relative;height:40px"><span id="a" style="position:absolute;top:0">事项名称</span><span id="b" style="position:absolute;top:4px">申请人</span></div>
    <p id="tight" style="width:80px;font-family:'Noto Sans CJK SC';line-height:1.3">很长的事项名称换行</p>
    <p style="width:80px;font-family:'Noto Sans CJK SC';line-height:1.5">很长的事项名称换行</p>
    <div id="wide" style="width:500px">宽</div>
  </body></html>`);
  const found = await page.evaluate(auditScreen);
  const of = (kind: string) => found.filter((p) => p.kind === kind).map((p) => p.selector);
  // The 30 px button, the bare checkbox, and the link alone in its paragraph; not the checkbox whose
  // label is 44 px, nor the inline link in a sentence.
  expect(of('target')).toEqual([
    expect.stringContaining('button#small'),
    expect.stringContaining('没有标签'),
    expect.stringContaining('a#lonely'),
  ]);
  // Not the screen-reader-only unit written out in a screen's CSS (1×1 px, overflow hidden).
  expect(of('clip')).toEqual([expect.stringContaining('div#clip')]);
  expect(of('ellipsis')).toEqual([expect.stringContaining('div#dots')]);
  expect(of('overlap')).toEqual([expect.stringMatching(/span#a.*span#b/)]);
  // Noto Sans CJK's glyph box (1.45 em) in a 1.3 line; not in a 1.5 one.
  expect(of('leading')).toEqual([expect.stringContaining('p#tight')]);
  expect(of('page-overflow')).toHaveLength(1);
});

test("the village agent's screens", async ({ browser, baseURL }, info) => {
  test.setTimeout(900_000); // a shared machine; on CI's 2 free cores the whole sweep takes minutes
  const { context, page, sweep } = await open(browser, baseURL!, info);
  await expect(page.getByRole('heading', { name: '代办通 · 登录' })).toBeVisible();
  await sweep.screen('登录');

  // agent6's village: only form-drafts.spec.ts works there, and never saves a profile.
  await signIn(page, 'agent6');
  await expect(page.locator('#cases-title')).toBeVisible();
  await sweep.screen('办件列表');

  await sweep.go('#/persons/new');
  await expect(page.getByRole('heading', { name: '新建群众档案' })).toBeVisible();
  const form = page.getByRole('form', { name: '群众档案' });
  await form.getByLabel('姓名').fill('钱桂香');
  await form.getByLabel('身份证号').fill('110105194912310041'); // a wrong check digit: the error state
  await form.getByLabel('住址').focus();
  await sweep.screen('新建群众档案（含错误提示）');
  await form.getByLabel('身份证号').fill(idNumber(37));
  await form.getByLabel('身份证签发日期').fill('2012-05-01');
  await form.getByLabel('住址').fill('坝上村三组 12 号');
  await form.getByLabel('手机号').fill('13812345678');
  await page.getByRole('button', { name: '保存档案' }).click();
  await expect(page.getByRole('heading', { name: '修改群众档案' })).toBeVisible();
  await sweep.screen('修改群众档案');

  await sweep.go('#/persons');
  await expect(page.locator('#persons-title')).toBeVisible();
  await expect(page.getByText('钱桂香').first()).toBeVisible();
  await sweep.screen('群众档案列表');

  await sweep.go('#/cases/new');
  await expect(page.locator('#new-case-title')).toBeVisible();
  await sweep.screen('新建办件');
  await page.getByLabel('搜索事项').fill('老年人优待证');
  await page.getByRole('button', { name: /老年人优待证办理/ }).click();
  await page.getByLabel('查找申请人').fill('钱桂');
  await page.getByRole('button', { name: /钱桂香/ }).click();
  await sweep.screen('新建办件（已选事项和申请人）');
  await page.getByRole('button', { name: '开始办件' }).click();
  await expect(page).toHaveURL(/#\/cases\/[0-9a-f-]{36}$/);
  const caseId = page.url().split('/').at(-1)!;
  await page.getByLabel('从相册选择：居民身份证（人像面）').setInputFiles(sharpPhoto());
  await expect(page.locator('[data-material="id-card-front"] img').first()).toBeVisible({ timeout: 30_000 });
  await sweep.screen('办件工作台');

  await sweep.go(`#/cases/${caseId}/notice`);
  await expect(page.getByTestId('notice-table')).toBeVisible();
  await sweep.screen('一次性告知单');
  await sweep.go(`#/cases/${caseId}/receipt`);
  await expect(page.getByTestId('receipt-number')).toBeVisible();
  await sweep.screen('办件回执');

  await sweep.go('#/cases');
  await expect(page.getByText('钱桂香').first()).toBeVisible();
  await sweep.screen('办件列表（有办件）');
  await sweep.go('#/sync');
  await expect(page.locator('#sync-title')).toBeVisible();
  await sweep.screen('同步状态');
  await sweep.go('#/password');
  await expect(page.locator('#password-title')).toBeVisible();
  await sweep.screen('修改密码');
  await sweep.go('#/no-such-page');
  await expect(page.getByRole('heading', { name: '找不到这个页面' })).toBeVisible();
  await sweep.screen('找不到页面');
  await sweep.go('#/settings');
  await expect(page.locator('#settings-title')).toBeVisible();
  await sweep.screen('设置与关于');

  // The offer after login (on every agent screen until answered) leads to the set-PIN screen.
  await page.getByTestId('pin-offer').getByRole('button', { name: '设置锁屏密码' }).click();
  await expect(page.locator('#set-pin-title')).toBeVisible();
  await sweep.screen('设置锁屏密码');
  await page.getByRole('button', { name: '取消' }).click();
  await expect(page.locator('#settings-title')).toBeVisible();
  await page.getByRole('button', { name: '立即锁定' }).click();
  await expect(page.getByRole('heading', { name: '代办通已锁定' })).toBeVisible();
  await sweep.screen('锁屏');
  await unlock(page, PASSWORD);

  await context.close();
  sweep.expectClean();
});

/** A second case, accepted over HTTP, for the forms of an accepted case and the 受理单. */
async function acceptedCase(base: string): Promise<string> {
  const id = await submittedCase(base);
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'reviewer1', password: PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${base}/api/review/cases/${id}/decisions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      id: uuidv7(),
      caseId: id,
      kind: 'accept',
      reasons: [],
      toleranceDue: [],
      reviewerId: 'x',
      decidedAt: Date.now(),
      revision: 1,
    }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return id;
}

test("the township reviewer's screens", async ({ browser, baseURL }, info) => {
  test.setTimeout(900_000); // a shared machine; on CI's 2 free cores the whole sweep takes minutes
  const submitted = await submittedCase(baseURL!);
  const accepted = await acceptedCase(baseURL!);
  const { context, page, sweep } = await open(browser, baseURL!, info);
  await signIn(page, 'reviewer1');

  await sweep.go('#/review');
  await expect(page.locator('.filter').first()).toBeVisible({ timeout: 30_000 });
  await sweep.screen('收件箱');

  await sweep.go(`#/review/cases/${submitted}`);
  const panel = page.getByRole('complementary', { name: '审核决定' });
  await expect(panel.locator('.decision-buttons button').first()).toBeVisible({ timeout: 30_000 });
  await sweep.screen('审核办件');

  // Every decision form the submitted case allows, one at a time.
  const kinds = await panel.locator('.decision-buttons button').allTextContents();
  expect(kinds).toContain('退回补正');
  for (const kind of kinds) {
    await panel.getByRole('button', { name: kind, exact: true }).click();
    const form = panel.getByRole('form', { name: kind });
    await expect(form).toBeVisible();
    if (kind === '退回补正') {
      await form.getByText('申请表填写项').click();
      await form.locator('fieldset[data-target="field:phone"]').getByRole('button', { name: '号码错误' }).click();
      await expect(form.getByLabel('填写项：联系电话：说明')).toBeVisible();
    }
    await sweep.screen(`决定：${kind}`);
    await form.getByRole('button', { name: '取消' }).click();
    await expect(form).toBeHidden();
  }

  await sweep.go(`#/review/cases/${accepted}`);
  await expect(panel.getByRole('button', { name: '打印受理单' })).toBeVisible({ timeout: 30_000 });
  await sweep.screen('审核办件（已受理）');
  for (const kind of ['办结', '中止']) {
    await panel.getByRole('button', { name: kind, exact: true }).click();
    const form = panel.getByRole('form', { name: kind });
    await expect(form).toBeVisible();
    await sweep.screen(`决定：${kind}`);
    await form.getByRole('button', { name: '取消' }).click();
  }
  await panel.getByRole('button', { name: '打印受理单' }).click();
  await expect(page.locator('.slip__title')).toBeVisible();
  await sweep.screen('受理单');

  await sweep.go('#/review/rectifications');
  await expect(page.getByRole('heading', { name: '差评整改' })).toBeVisible();
  await sweep.screen('差评整改');
  await sweep.go('#/review/stats');
  await expect(page.locator('.stats__title')).toContainText('本乡镇', { timeout: 30_000 });
  await sweep.screen('统计');

  await context.close();
  sweep.expectClean();
});

test("the county admin's screens", async ({ browser, baseURL }, info) => {
  test.setTimeout(900_000); // a shared machine; on CI's 2 free cores the whole sweep takes minutes
  const { context, page, sweep } = await open(browser, baseURL!, info);
  await signIn(page, 'admin');

  await sweep.go('#/admin');
  await expect(page.locator('#users-title')).toBeVisible();
  await expect(page.getByRole('row', { name: /agent1/ })).toBeVisible({ timeout: 30_000 });
  await sweep.screen('用户管理');
  await sweep.go('#/admin/divisions');
  await expect(page.locator('#divisions-title')).toBeVisible();
  await sweep.screen('行政区划');
  await sweep.go('#/admin/catalog');
  await expect(page.locator('#catalog-title')).toBeVisible();
  await page.locator('#catalog-item').selectOption('MZ-LNRYDZ');
  await expect(page.locator('.catalog-grid')).toBeVisible();
  await sweep.screen('事项清单编辑');
  await sweep.go('#/admin/holidays');
  await expect(page.locator('#holidays-title')).toBeVisible();
  await sweep.screen('节假日安排');
  await page.getByRole('button', { name: '修改' }).first().click();
  await sweep.screen('节假日安排（修改）');
  await sweep.go('#/review');
  await expect(page.locator('.filter').first()).toBeVisible({ timeout: 30_000 });
  await sweep.screen('审核台（全县）');

  await context.close();
  sweep.expectClean();
});
