// Accessibility of the agent's main screens (axe-core, WCAG 2.x A/AA rules): no serious or
// critical violation. Elderly villagers and agents read these screens; contrast and labels matter.
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createPerson, login } from './fixtures/app';

async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  if (process.env.AXE_VERBOSE)
    for (const v of results.violations) console.log(`[${screen}] ${v.id} (${v.impact}) ×${v.nodes.length}: ${v.help}`);
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
  expect(summary, `${screen}: serious/critical axe violations`).toEqual([]);
}

test('the main screens have no serious or critical accessibility violations', async ({ page }) => {
  test.setTimeout(180_000); // eight screens, each with an axe pass, plus a key derivation at login
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '代办通 · 登录' })).toBeVisible();
  await expectNoSeriousViolations(page, '登录');

  await login(page, 'agent5'); // a village no other spec works in: its list starts empty
  await expectNoSeriousViolations(page, '办件列表（空）');

  await createPerson(page, {
    name: '李桂芳',
    idNumber: '110105194912310046', // its own: other specs leave open cases whose applicants a fresh tablet gets back
    issuedOn: '2016-06-01',
    phone: '13812345678',
    address: '某村 3 组',
  });
  await page.getByRole('form', { name: '群众档案' }).getByLabel('身份证号').fill('110105194912310041');
  await page.getByRole('form', { name: '群众档案' }).getByLabel('住址').focus(); // shows the ID error state
  await expectNoSeriousViolations(page, '新建群众档案（含错误提示）');
  await page.getByRole('form', { name: '群众档案' }).getByLabel('身份证号').fill('110105194912310046');
  await page.getByRole('button', { name: '保存档案' }).click();
  await expect(page.getByRole('heading', { name: '修改群众档案' })).toBeVisible();

  await page.getByRole('link', { name: '群众档案' }).click();
  // Profiles of the village's open cases came back with them (restore): at least this one.
  await expect(page.getByText(/最近更新的 \d+ 份档案/)).toBeVisible();
  await expectNoSeriousViolations(page, '群众档案列表');

  await page.getByRole('link', { name: '新建办件' }).first().click();
  await expectNoSeriousViolations(page, '新建办件');
  await page.getByRole('button', { name: /老年人优待证办理/ }).click();
  await page.getByLabel('查找申请人').fill('李桂');
  await page.getByRole('button', { name: /李桂芳/ }).click();
  await page.getByRole('button', { name: '开始办件' }).click();
  await expect(page.getByRole('heading', { name: '老年人优待证办理' })).toBeVisible();
  await expectNoSeriousViolations(page, '办件工作台');

  // The same screen on a phone: one column, the report summary on top.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('button', { name: /预审：问题 \d+ 个/ })).toBeVisible();
  await expectNoSeriousViolations(page, '办件工作台（手机）');
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.getByRole('link', { name: '一次性告知单' }).click();
  await expect(page.getByTestId('notice-table')).toBeVisible();
  await expectNoSeriousViolations(page, '一次性告知单');
  await page.getByRole('link', { name: '返回办件' }).click();
  await page.getByRole('link', { name: '办件回执（二维码）' }).click();
  await expect(page.getByTestId('receipt-number')).toBeVisible();
  await expectNoSeriousViolations(page, '办件回执');

  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: /^办件/ }).click(); // its name may carry a badge (1 件退回)
  await expect(page.getByTestId('case-count')).toHaveText('共 1 件');
  await expectNoSeriousViolations(page, '办件列表');
  await page.getByRole('link', { name: '同步' }).click();
  await expectNoSeriousViolations(page, '同步状态');
  await page.getByRole('link', { name: '设置' }).click();
  await expectNoSeriousViolations(page, '设置');
});
