// The statistics screen as a township reviewer reads it on a phone (390 px) and at a desk
// (1440 px): chart labels wrap instead of being clipped, chart text is at least 16 px, a share
// with nothing to divide says 暂无评价 / 暂无数据 (never "0%"), and the weekly trend is there,
// with a table a screen reader can read.
import { expect, test, type Page } from '@playwright/test';

const PASSWORD = 'daiban123';
const LONG_ITEM = '城乡居民养老保险注销登记（丧葬补助金、个人账户余额继承）';

async function login(page: Page, username: string) {
  await page.goto('/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByLabel('用户名')).toBeHidden();
}

/** Elements under `selector` (screen-reader-only text aside) whose content is wider or taller than their box where overflow is hidden. */
const clipped = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) =>
    els
      .flatMap((el) => [el, ...el.querySelectorAll('*')])
      // Screen-reader-only text is a 1 px box by design.
      .filter((el) => !el.closest('.visually-hidden'))
      .filter((el) => {
        const s = getComputedStyle(el);
        const hides = (o: string) => o === 'hidden' || o === 'clip';
        return (
          (hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
          (hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1) ||
          s.textOverflow === 'ellipsis'
        );
      })
      .map((el) => el.textContent?.slice(0, 40)),
  );

/** Text nodes' font sizes in px under `selector` (elements that hold text directly). */
const fontSizes = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) =>
    els
      .flatMap((el) => [el, ...el.querySelectorAll('*')])
      .filter((el) => !el.closest('.visually-hidden'))
      .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()))
      .map((el) => ({ text: el.textContent!.trim().slice(0, 20), px: parseFloat(getComputedStyle(el).fontSize) })),
  );

for (const width of [390, 1440]) {
  test(`statistics at ${width} px: wrapped labels, ≥ 16 px, 暂无评价, weekly trend`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await login(page, 'reviewer1');
    // The demo county has no cases yet, so the real report is empty: the report's own items are
    // shown with the longest catalogue name, so the label a cadre would see is really long.
    await page.route('**/api/stats?*', async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      body.report.byItem = [{ key: 'SB_LONG', count: 3 }];
      body.labels.items.SB_LONG = LONG_ITEM;
      await route.fulfill({ response: res, json: body });
    });
    await page.goto('/#/review/stats');
    const screen = page.getByRole('region', { name: '统计' });
    await expect(screen.getByTestId('weekly-trend')).toBeVisible();

    // No ratings: 暂无评价, not 0%.
    await expect(screen.locator('.kpi', { hasText: '差评率' })).toContainText('暂无评价');
    await expect(screen.locator('.kpi', { hasText: '差评率' })).not.toContainText('%');
    await expect(screen.locator('.bar-chart', { hasText: '好差评' })).toContainText('暂无评价');
    await expect(screen.locator('.kpi', { hasText: '按时办结率' })).toContainText('暂无数据');
    // Nowhere a percentage of nothing (other specs' cases may give real 0 % shares, e.g. 0/28).
    expect((await screen.locator('.kpis, .charts').allTextContents()).join(' ')).not.toMatch(/%（0\/0）/);

    // The weekly trend: twelve weeks, Monday to Sunday, in a table with headers.
    const table = screen.getByTestId('weekly-trend').getByRole('table');
    await expect(table.getByRole('columnheader')).toHaveText(['周', '提交', '退回', '按时办结率']);
    await expect(table.locator('tbody tr')).toHaveCount(12);
    await expect(table.locator('tbody tr').last()).toContainText('当周无办结');

    // The long item name is there in full and nothing in the charts is clipped.
    const byItem = screen.locator('.bar-chart', { hasText: '按事项' });
    await expect(byItem.getByText(LONG_ITEM, { exact: true })).toBeVisible();
    const label = byItem.locator('.bar-chart__label', { hasText: LONG_ITEM }).first();
    const box = (await label.boundingBox())!;
    const view = page.viewportSize()!;
    expect(box.x + box.width).toBeLessThanOrEqual(view.width);
    expect(await clipped(page, '.bar-chart, .kpi')).toEqual([]);
    // No horizontal overflow of the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(view.width);

    // Every piece of chart and KPI text is at least 16 px.
    const sizes = await fontSizes(page, '.bar-chart, .kpi');
    expect(sizes.length).toBeGreaterThan(20);
    expect(sizes.filter((s) => s.px < 16)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath(`stats-${width}.png`), fullPage: true });
  });
}
