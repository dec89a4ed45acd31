// Opening a case draws each part of the workbench once (issue 13): the signature pad's chunk loads
// while the case is read, so a signature box is never drawn as 正在打开签名板…… first and drawn
// again (with a second layout of the whole workbench) when the pad arrives. Each pad is attached when its
// box nears the view, or at the first touch: never a lost stroke.
import { expect, test, type Page } from '@playwright/test';
import { drawSignature, login, unlock } from './fixtures/app';
import { seedCases } from './fixtures/seed-cases';

/** Signs in agent3 with 4 seeded cases, then loads the page anew straight onto the first one
 *  (老年人优待证办理, a draft, with the 代办委托书 signed on screen), `before` run in that page first. */
async function openSeededCase(page: Page, before: () => void): Promise<void> {
  await page.goto('/');
  await login(page, 'agent3');
  await seedCases(page, 4, '341822100203', 'agent3');
  await page.reload();
  await unlock(page);
  const href = await page
    .getByRole('list', { name: '办件' })
    .getByRole('link', { name: /老年人优待证办理/ })
    .first()
    .getAttribute('href');
  expect(href).toMatch(/^#\/cases\//);
  await page.addInitScript(before);
  await page.goto(`/${href}`); // only the hash changes: the reload loads the page anew
  await page.reload();
  await unlock(page);
}

test('a case opened on a fresh page shows its signature box ready in the first render', async ({ page }) => {
  // No screen has loaded the pad before.
  await openSeededCase(page, () => {
    const w = window as unknown as { padPlaceholderSeen: boolean };
    w.padPlaceholderSeen = false;
    new MutationObserver(() => {
      if (document.querySelector('.sigbox__loading')) w.padPlaceholderSeen = true;
    }).observe(document, { childList: true, subtree: true });
  });
  await expect(page.locator('[data-material="entrustment"]').getByTestId('signature-canvas')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { padPlaceholderSeen: boolean }).padPlaceholderSeen)).toBe(
    false,
  );
});

test('a signature box never seen near the view is attached by the first touch, which it keeps', async ({ page }) => {
  // An observer that never reports: only the touch can attach the pad.
  await openSeededCase(page, () => {
    window.IntersectionObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
      takeRecords() {
        return [];
      }
    } as unknown as typeof IntersectionObserver;
  });
  const entrust = page.locator('[data-material="entrustment"]');
  const canvas = entrust.getByTestId('signature-canvas');
  await expect(canvas).toBeVisible();
  const bitmap = () =>
    canvas.evaluate((c: HTMLCanvasElement) => ({
      width: c.width,
      expected: Math.floor(c.getBoundingClientRect().width * Math.max(devicePixelRatio, 1)),
    }));
  // Not attached when the case opened: the canvas still has the browser's default bitmap.
  expect((await bitmap()).width).toBe(300);
  await drawSignature(page, canvas);
  await expect(entrust.getByRole('button', { name: '确认签名：代办委托书' })).toBeEnabled();
  const sized = await bitmap();
  expect(sized.width).toBe(sized.expected);
  // The bitmap follows the box when the screen turns, and when it turns back.
  const size = page.viewportSize()!;
  for (const width of [size.width - 200, size.width]) {
    await page.setViewportSize({ width, height: size.height });
    await expect.poll(async () => (await bitmap()).width).toBe((await bitmap()).expected);
  }
  expect((await bitmap()).width).toBe(sized.width);
});

test('a case paints its first screenful in one frame, then its materials and full report', async ({ page }) => {
  await openSeededCase(page, () => {
    const w = window as unknown as { firstDrawn?: Record<string, boolean>; framesBetween?: number };
    let frames = -1;
    const tick = () => {
      if (w.framesBetween !== undefined) return;
      frames++;
      requestAnimationFrame(tick);
    };
    new MutationObserver(() => {
      const has = (selector: string) => document.querySelector(selector) !== null;
      if (!w.firstDrawn && has('#case-title')) {
        w.firstDrawn = {
          form: has('[data-field]'),
          summary: has('.report-jump'),
          materials: has('[data-material]'),
          report: has('[data-testid="report"]'),
        };
        tick();
      }
      if (w.firstDrawn && w.framesBetween === undefined && has('[data-material]')) w.framesBetween = frames;
    }).observe(document, { childList: true, subtree: true });
  });
  await expect(page.locator('[data-material]').first()).toBeVisible();
  await expect(page.getByTestId('report')).toBeAttached();
  const seen = await page.evaluate(() => {
    const w = window as unknown as { firstDrawn?: Record<string, boolean>; framesBetween?: number };
    return { firstDrawn: w.firstDrawn, framesBetween: w.framesBetween };
  });
  expect(seen.firstDrawn).toEqual({ form: true, summary: true, materials: false, report: false });
  // At least one frame was painted with the first screenful alone.
  expect(seen.framesBetween).toBeGreaterThanOrEqual(1);
});
