// Issue 13: the app's text, bold included, is drawn from one font file. The tablets' system
// has one Chinese face (Android ships Noto Sans CJK Regular; bold is synthesised from it); a desktop
// with a separate Bold file read both at every start, 115–165 ms each at the first layout (the
// login page's longest task). theme.css's `daiban-cjk` face maps every weight to the regular file.
import { expect, test, type Page } from '@playwright/test';
import { login, unlock } from './fixtures/app';
import { seedCases } from './fixtures/seed-cases';

/** The PostScript names of the font files that drew the page's visible text. The screen may still
 *  be redrawing (sync, a count arriving): a pass that meets a node already gone starts again. */
async function fontFilesUsed(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  try {
    for (let pass = 1; ; pass++) {
      const { root } = (await cdp.send('DOM.getDocument', { depth: -1 })) as { root: { nodeId: number } };
      const { nodeIds } = (await cdp.send('DOM.querySelectorAll', {
        nodeId: root.nodeId,
        selector: 'body *',
      })) as { nodeIds: number[] };
      const names = new Set<string>();
      try {
        for (const nodeId of nodeIds) {
          const { fonts } = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })) as {
            fonts: { postScriptName: string }[];
          };
          for (const f of fonts) names.add(f.postScriptName);
        }
        return [...names].sort();
      } catch (e) {
        if (pass >= 5 || !String(e).includes('Could not find node')) throw e;
        await page.waitForTimeout(500);
      }
    }
  } finally {
    await cdp.detach();
  }
}

/** Dark pixels in a screenshot of the element: how much ink its text takes. */
async function ink(page: Page, selector: string): Promise<number> {
  const png = await page.locator(selector).screenshot();
  return page.evaluate(
    async (bytes) => {
      const img = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
      const c = new OffscreenCanvas(img.width, img.height);
      const g = c.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const px = g.getImageData(0, 0, img.width, img.height).data;
      let dark = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i]! + px[i + 1]! + px[i + 2]! < 3 * 128) dark++;
      return dark;
    },
    [...png],
  );
}

test('the login page and the case list draw all their text, bold included, from one font file', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '代办通 · 登录' })).toBeVisible();
  const atLogin = await fontFilesUsed(page);
  expect(atLogin).toEqual(['NotoSansCJKsc-Regular']);
  await login(page);
  expect(await fontFilesUsed(page)).toEqual(atLogin);
});

test('the case list and a case draw everything from that file: error marks, case numbers, the photo pickers', async ({
  page,
}) => {
  // A glyph the face lacks (✖, ⏳) or another family (monospace case numbers, the file inputs'
  // own button font) is a font fallback and one more file at the screen's first layout.
  await page.goto('/');
  await login(page, 'agent3');
  await seedCases(page, 4, '341822100203', 'agent3');
  await page.reload();
  await unlock(page);
  const list = page.getByRole('list', { name: '办件' });
  await expect(list.getByRole('link').first()).toBeVisible();
  expect(await fontFilesUsed(page)).toEqual(['NotoSansCJKsc-Regular']);
  await list
    .getByRole('link', { name: /老年人优待证办理/ })
    .first()
    .click();
  await expect(page.locator('.finding--error').first()).toBeVisible();
  await expect(page.locator('.workbench input[type="file"]').first()).toBeAttached();
  await expect(page.locator('.workbench .mono').first()).toBeVisible();
  expect(await fontFilesUsed(page)).toEqual(['NotoSansCJKsc-Regular']);
});

test('bold text is still bold: the same words take more ink at 700 than at 400', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '代办通 · 登录' })).toBeVisible();
  await page.evaluate(() => {
    for (const weight of [400, 700]) {
      const p = document.createElement('p');
      p.id = `w${weight}`;
      p.textContent = '老年人优待证办理材料清单';
      p.style.cssText = `font-weight:${weight};font-size:24px;width:max-content;color:#000;background:#fff`;
      document.body.prepend(p);
    }
  });
  const regular = await ink(page, '#w400');
  const bold = await ink(page, '#w700');
  expect(regular).toBeGreaterThan(200);
  expect(bold).toBeGreaterThan(regular * 1.15);
});
