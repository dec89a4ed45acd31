// In-app links change the screen in the tap's own task (src/ui/app/link-clicks.ts), through the
// router's pushState: no hashchange, yet the same history entry the browser would have made, so
// Back and Forward still work; a link a handler already took is left alone.
import { expect, test } from '@playwright/test';
import { login } from './fixtures/app';

test('a tapped nav link shows its screen without waiting for hashchange; Back and Forward still work', async ({
  page,
}) => {
  await page.goto('/');
  await login(page, 'agent2');
  const before = await page.evaluate(() => {
    const w = window as unknown as { hashchanges: number };
    w.hashchanges = 0;
    addEventListener('hashchange', () => w.hashchanges++);
    return history.length;
  });
  // The screen is entered from the click by the router (pushState), not by the browser's event.
  const drawnInTask = await page.evaluate(async () => {
    const link = document.querySelector<HTMLAnchorElement>('a.nav__link[href="#/persons"]')!;
    link.click();
    const hashNow = location.hash;
    await new Promise((r) => setTimeout(r, 300)); // a browser-followed link's hashchange has come by now
    return { hashNow, hashchanges: (window as unknown as { hashchanges: number }).hashchanges };
  });
  expect(drawnInTask).toEqual({ hashNow: '#/persons', hashchanges: 0 });
  await expect(page.getByRole('heading', { name: '群众档案' })).toBeVisible();
  expect(await page.evaluate(() => history.length)).toBe(before + 1);

  await page.goBack();
  await expect(page.getByRole('heading', { name: '办件列表' })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { name: '群众档案' })).toBeVisible();
  // Tapping the screen already shown adds no history entry.
  await page.locator('a.nav__link[href="#/persons"]').click();
  expect(await page.evaluate(() => history.length)).toBe(before + 1);
});
