// Issue 13: the idle preload (src/ui/app/preload-screens.ts) loads the agent's next screens while
// the case list is up. A screen whose chunk is already here is drawn in its first render: no
// 正在打开…… frame, then a second render of the whole screen a frame later (at 4× CPU one more
// frame and one more layout on every first opening).
import { expect, test, type Page } from '@playwright/test';
import { login, unlock, waitForServiceWorker } from './fixtures/app';
import { seedCases } from './fixtures/seed-cases';

const WRAPPER_TEXTS = ['群众档案', '档案', '新建办件', '办件工作台', '同步状态', '设置'].map(
  (label) => `正在打开${label}……`,
);

test('screens preloaded in idle time open without a 正在打开…… frame', async ({ page }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  await login(page);
  // The preload runs only under the service worker's control (a first visit downloads it anyway):
  // a reloaded page is controlled from its start.
  await page.reload();
  await unlock(page);
  await expect(page.getByRole('heading', { name: '办件列表' })).toBeVisible();
  // The last screen the preload loads (the pinyin work after it does not matter here).
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          performance.getEntriesByType('resource').some((e) => /\/assets\/sync-status-/.test(e.name)),
        ),
      {
        timeout: 60_000,
      },
    )
    .toBe(true);
  // Let the last chunk's promise settle into the preload's cache.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));

  // The lazy wrapper's frame (src/ui/app/lazy-screen.tsx), one label per screen; not a screen's
  // own wait for its data (the workbench's 正在打开办件…… while the case is read).
  await page.evaluate((wrapperTexts) => {
    const w = window as unknown as { openingSeen: string[] };
    w.openingSeen = [];
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[aria-busy="true"]'))
        if (wrapperTexts.includes(el.textContent ?? '')) w.openingSeen.push(el.textContent!);
    }).observe(document.body, { childList: true, subtree: true });
  }, WRAPPER_TEXTS);
  const go = (hash: string) => page.evaluate((h) => (location.hash = h), hash);

  await page.getByRole('link', { name: '群众档案' }).first().click();
  await expect(page.locator('#persons-title')).toBeVisible();
  await go('#/persons/new');
  await expect(page.getByRole('heading', { name: '新建群众档案' })).toBeVisible();
  await go('#/cases/new');
  await expect(page.locator('#new-case-title')).toBeVisible();
  await go('#/cases/01890000-0000-7000-8000-000000000000');
  await expect(page.getByText('找不到这个办件')).toBeVisible();
  await go('#/sync');
  await expect(page.getByRole('heading', { name: '同步状态' })).toBeVisible();
  await page.getByRole('link', { name: '设置' }).first().click();
  await expect(page.locator('#settings-title')).toBeVisible();

  expect(await page.evaluate(() => (window as unknown as { openingSeen: string[] }).openingSeen)).toEqual([]);
});

// The first case opened in a page used to pay for the page's first layout of the workbench (its
// styles, its text, its code's first run): in idle time the workbench draws the list's first case
// hidden and takes it down in the same task (src/ui/app/rehearse.ts), and 新建办件, the profile
// form and 设置 likewise.
interface Drawn {
  screen: 'workbench' | 'new-case' | 'profile' | 'settings';
  connected: boolean;
  title: string;
  materials: number;
}

/** Records every workbench, 新建办件, profile screen and 设置 added to the page, as seen by a MutationObserver (after the
 *  script that added it has run), then reloads and unlocks agent3's device with `cases` cases. */
async function watchWorkbenches(page: Page, cases: number): Promise<() => Promise<Drawn[]>> {
  await page.goto('/');
  await waitForServiceWorker(page);
  // agent3's village: no cases from other specs, only these.
  await login(page, 'agent3');
  await seedCases(page, cases, '341822100203', 'agent3');
  await page.addInitScript(() => {
    const w = window as unknown as { drawn: Drawn[] };
    w.drawn = [];
    const screens: [string, Drawn['screen']][] = [
      ['.workbench', 'workbench'],
      ['.new-case', 'new-case'],
      ['[aria-labelledby="person-title"]', 'profile'],
      ['[aria-labelledby="settings-title"]', 'settings'],
    ];
    new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes) {
          const screen = n instanceof HTMLElement ? screens.find(([selector]) => n.matches(selector))?.[1] : undefined;
          if (screen && n instanceof HTMLElement)
            w.drawn.push({
              screen,
              connected: n.isConnected,
              title: n.querySelector('#case-title')?.textContent ?? '',
              materials: n.querySelectorAll('[data-material]').length,
            });
        }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  await unlock(page);
  return () => page.evaluate(() => (window as unknown as { drawn: Drawn[] }).drawn);
}

test('the workbench, 新建办件, the profile form and 设置 are rehearsed hidden in idle time and leave nothing behind', async ({
  page,
}) => {
  // Eleven idle periods before 设置's turn (each up to 10 s on a loaded machine: long-idle.ts).
  test.setTimeout(180_000);
  const drawn = await watchWorkbenches(page, 3);
  const list = page.getByRole('list', { name: '办件' });
  const first = list.getByRole('link').first();
  await expect(first).toBeVisible();
  const chip = page.getByRole('button', { name: '即将到期' });
  await chip.focus();

  // The workbench twice: the first screenful, then the whole case, each in an idle period of its
  // own; then 新建办件, the profile form (blank) and 设置.
  await expect
    .poll(async () => (await drawn()).map((d) => d.screen), { timeout: 150_000 })
    .toEqual(['workbench', 'workbench', 'new-case', 'profile', 'settings']);
  const [screenful, whole, newCase, profile, settings] = await drawn();
  for (const screen of [newCase, profile, settings]) expect(screen!.connected).toBe(false);
  expect(screenful).toMatchObject({ connected: false, materials: 0 });
  expect(whole!.connected).toBe(false);
  expect(whole!.materials).toBeGreaterThan(0);
  expect(screenful!.title).not.toBe('');
  // One of the list's cases, and nothing of them left on the page; the agent's focus stays.
  expect(await list.textContent()).toContain(screenful!.title);
  await expect(
    page.locator('.workbench, #new-case-title, #person-title, #settings-title, [aria-hidden="true"][inert]'),
  ).toHaveCount(0);
  await expect(page.locator('dialog[open]')).toHaveCount(0);
  await expect(chip).toBeFocused();

  // Opening a case draws it once, on screen.
  await first.click();
  await expect(page.locator('#case-title')).toBeVisible();
  await expect(page.locator('.workbench')).toHaveCount(1);
});

test("a case opened before the rehearsal's turn: none follows, the workbench is warm already", async ({ page }) => {
  test.setTimeout(90_000);
  const drawn = await watchWorkbenches(page, 3);
  // At once, before the idle preload reaches the workbench.
  await page.getByRole('list', { name: '办件' }).getByRole('link').first().click();
  await expect(page.locator('#case-title')).toBeVisible();
  await page.locator('.case-head').getByRole('link', { name: '办件列表' }).click();
  await expect(page.getByRole('heading', { name: '办件列表' })).toBeVisible();
  // The preload goes past the rehearsal's turn: the next screen's chunk arrives.
  await expect
    .poll(
      () =>
        page.evaluate(() => performance.getEntriesByType('resource').some((e) => /\/assets\/new-case-/.test(e.name))),
      { timeout: 60_000 },
    )
    .toBe(true);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  const workbenches = (await drawn()).filter((d) => d.screen === 'workbench');
  expect(workbenches).toEqual([expect.objectContaining({ connected: true })]);
});
