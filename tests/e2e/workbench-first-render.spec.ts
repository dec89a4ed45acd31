// Opening a case draws the whole workbench once (issue 13): the signature pad's chunk loads while
// the case is read, so a signature box is never drawn as 正在打开签名板…… first and drawn again
// (with a second layout of the whole workbench) when the pad arrives.
import { expect, test } from '@playwright/test';
import { login, unlock } from './fixtures/app';
import { seedCases } from './fixtures/seed-cases';

test('a case opened on a fresh page shows its signature box ready in the first render', async ({ page }) => {
  await page.goto('/');
  await login(page, 'agent3');
  await seedCases(page, 4, '341822100203', 'agent3');
  await page.reload();
  await unlock(page);
  // The first seeded case: 老年人优待证办理, a draft, with the 代办委托书 signed on screen.
  const href = await page
    .getByRole('list', { name: '办件' })
    .getByRole('link', { name: /老年人优待证办理/ })
    .first()
    .getAttribute('href');
  expect(href).toMatch(/^#\/cases\//);

  // A new page load straight onto the case: no screen has loaded the pad before.
  await page.addInitScript(() => {
    const w = window as unknown as { padPlaceholderSeen: boolean };
    w.padPlaceholderSeen = false;
    new MutationObserver(() => {
      if (document.querySelector('.sigbox__loading')) w.padPlaceholderSeen = true;
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`/${href}`); // only the hash changes: the reload loads the page anew
  await page.reload();
  await unlock(page);
  await expect(page.locator('[data-material="entrustment"]').getByTestId('signature-canvas')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { padPlaceholderSeen: boolean }).padPlaceholderSeen)).toBe(
    false,
  );
});
