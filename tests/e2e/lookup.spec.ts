// The villager's side of the receipt: an agent submits a case, the receipt's QR code carries the
// link to the public progress page (the same link is printed under it), and that link, opened in
// a fresh browser with JavaScript off (like a scan in WeChat, no app, no login, no service worker),
// shows the case's status with the applicant's name masked. A wrong token finds nothing.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { login, pendingCount, submitCase } from './fixtures/sync-steps';

test('the receipt QR link opens the public progress page without JavaScript', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  await login(page, 'agent1');
  const caseId = await submitCase(page, 5); // applicant 周六妹
  await page.goto('/#/sync');
  await expect.poll(() => pendingCount(page), { timeout: 60_000 }).toBe('0');

  await page.goto(`/#/cases/${caseId}/receipt`);
  const number = (await page.getByTestId('receipt-number').textContent())!.trim();
  const qr = page.locator('svg[data-qr]');
  await expect(qr).toBeVisible();
  const link = (await qr.getAttribute('data-qr'))!;
  // The printed link (for a phone without a scanner) is the QR code's text.
  await expect(page.getByTestId('receipt-link')).toHaveText(link);
  expect(link).toBe(`${baseURL}/q/${number}?t=${link.split('?t=')[1]}`);
  const token = new URL(link).searchParams.get('t')!;
  expect(token).toMatch(/^[0-9a-z]{20}$/);
  await expect(page.getByTestId('receipt-token')).toHaveText(token.match(/.{5}/g)!.join('-'));

  const phone = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN', serviceWorkers: 'block' });
  try {
    const villager = await phone.newPage();
    const res = await villager.goto(link);
    expect(res?.status()).toBe(200);
    await expect(villager.getByRole('heading', { level: 1, name: '办理进度查询' })).toBeVisible();
    await expect(villager.getByText('当前状态：已提交')).toBeVisible();
    await expect(villager.getByText(number)).toBeVisible();
    await expect(villager.getByText('老年人优待证办理')).toBeVisible();
    await expect(villager.getByText('周*妹')).toBeVisible();
    const text = await villager.locator('body').innerText();
    expect(text).not.toContain('周六妹');
    expect(text).not.toContain('13812345678');
    expect(await villager.locator('script').count()).toBe(0);
    expect(await villager.locator('html').getAttribute('lang')).toBe('zh-CN');
    // Large type from the page's own stylesheet (the CSP allows no inline style): 1.5 × 20 px.
    await expect(villager.locator('.status')).toHaveCSS('font-size', '30px');
    await expect(villager.locator('meta[name="viewport"]')).toHaveAttribute('content', /width=device-width/);

    // Someone guessing: a wrong token answers "not found", like an unknown number.
    const wrong = link.replace(/t=.*/, 't=00000000000000000000');
    expect((await villager.goto(wrong))?.status()).toBe(404);
    await expect(villager.getByRole('heading', { level: 1, name: '没有找到这个办件' })).toBeVisible();
  } finally {
    await phone.close();
  }

  // Accessibility of the page (axe runs as a script, so this context has JavaScript; still no
  // service worker and no session), on a phone-sized screen.
  const checker = await browser.newContext({
    locale: 'zh-CN',
    serviceWorkers: 'block',
    viewport: { width: 375, height: 667 },
  });
  try {
    const p = await checker.newPage();
    await p.goto(link);
    const results = await new AxeBuilder({ page: p }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => `${v.id} (${v.impact})`)).toEqual([]);
  } finally {
    await checker.close();
  }
});
