import { expect, test } from '@playwright/test';

test('the app page loads in Chromium', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('代办通');
});
