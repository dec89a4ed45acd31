// Issue 13: the first layouts of the start (boot screen, lock screen, the case list's shell) were
// 60–90 ms each at 4× CPU slowdown for a few dozen boxes. The cause was the font stack: with
// `system-ui` first, a Chinese page resolved every Chinese character by font fallback (on Linux
// system-ui is a Latin font: DejaVu Sans), so each new run of text went through the platform's
// fallback search. With the Chinese families first, the page's text is drawn by the first family
// that is installed, with no fallback. Checked with the fonts Chromium actually used for a heading
// that mixes Chinese with Latin punctuation (CDP CSS.getPlatformFontsForNode).
import { expect, test } from '@playwright/test';

/** The Chinese families of src/ui/theme.css's --font, in its order. */
const CJK_FAMILIES = ['PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei'];

test('the login heading is drawn by one installed Chinese font, without fallback', async ({ page }) => {
  await page.goto('/');
  const heading = page.getByRole('heading', { name: /代办通 · / });
  await expect(heading).toBeVisible();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#login-title' });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  const used = fonts.map((f) => f.familyName);
  test.skip(
    !used.some((f) => CJK_FAMILIES.some((c) => f.startsWith(c))),
    `none of the stack's Chinese fonts is installed here (used: ${used.join(', ')})`,
  );
  // Old stack (system-ui first): ["Noto Sans CJK SC", "DejaVu Sans"] — the Latin font and a fallback.
  expect(used).toHaveLength(1);
  expect(CJK_FAMILIES.some((c) => used[0]!.startsWith(c))).toBe(true);
});
