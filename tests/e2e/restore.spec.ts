// Restore on a new tablet: an agent's case is returned by the township while the agent switches to
// a fresh browser profile (a new or wiped tablet). After login the returned case is back in the
// list; opening it downloads its photos; the agent fixes it and resubmits from the new tablet, and
// the reviewer sees the second revision. The old tablet, offline meanwhile, had corrected the
// applicant's phone number differently: back online it shows both values and the agent keeps one.
import { expect, test, type Page } from '@playwright/test';
import { uuidv7 } from '../../src/domain';
import { apiLogin, login, photo, submitCase } from './fixtures/sync-steps';

test('a new tablet gets back the returned case, its photos, and resubmits it', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const base = baseURL!;
  // ── The old tablet submits a case. ──
  const old = await browser.newContext();
  const oldPage = await old.newPage();
  await login(oldPage, 'agent1');
  const caseId = await submitCase(oldPage, 0);
  const reviewer = await apiLogin(base, 'reviewer1');
  const auth = { authorization: `Bearer ${reviewer}`, 'content-type': 'application/json' };
  // The township holds it (the sync screen's count may still show its last reading).
  await expect
    .poll(async () => (await fetch(`${base}/api/review/cases/${caseId}`, { headers: auth })).status, {
      timeout: 60_000,
    })
    .toBe(200);
  // The old tablet, now without signal, corrects the applicant's phone number.
  await old.setOffline(true);
  await editPhone(oldPage, OLD_PHONE);

  // ── The township returns it: the portrait side of the ID card is blurred. ──
  const returned = await fetch(`${base}/api/review/cases/${caseId}/decisions`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({
      id: uuidv7(),
      caseId,
      kind: 'return',
      reasons: [{ target: 'id-card-front', code: 'blurred', text: '' }],
      toleranceDue: [],
      reviewerId: 'x',
      decidedAt: Date.now(),
      revision: 1,
    }),
  });
  expect(returned.status).toBe(200);

  // ── A fresh browser profile: nothing on this tablet yet. ──
  const fresh = await browser.newContext();
  const page = await fresh.newPage();
  await login(page, 'agent1');
  await page.goto('/#/');
  const row = page.locator(`a[href="#/cases/${caseId}"]`).first();
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('退回补正').first()).toBeVisible();

  // Opening the case downloads its photos (this link does not report Wi-Fi).
  await page.goto(`/#/cases/${caseId}`);
  const backPhoto = page.locator('[data-material="id-card-back"] [data-page="1"] img');
  await expect(backPhoto).toHaveAttribute('src', /^blob:/, { timeout: 30_000 });
  const reasons = page.getByRole('region', { name: '退回补正原因' });
  await expect(reasons.locator('[data-target="id-card-front"]')).toContainText('照片模糊');

  // ── Fix and resubmit from the new tablet; it corrects the same phone number differently. ──
  await editPhone(page, NEW_PHONE);
  await page.goto(`/#/cases/${caseId}`);
  const front = page.locator('[data-material="id-card-front"] [data-page="1"] img');
  const before = await front.getAttribute('src');
  await page.getByLabel('重拍：居民身份证（人像面） 第 1 页').setInputFiles(await photo(page, 99));
  await expect(front).not.toHaveAttribute('src', before ?? '', { timeout: 30_000 });
  await expect(page.getByTestId('return-block')).toHaveCount(0);
  // The profile's phone changed after the case was prepared: the form's 联系电话 now differs from it
  // (issue 15 #6), a warning the agent reads and confirms before resubmitting.
  await expect(page.getByText(`与群众档案中的手机号“${NEW_PHONE}”不一致`).first()).toBeVisible({ timeout: 30_000 });
  for (const box of await page.getByRole('checkbox', { name: '已核实，确认无误' }).all()) await box.check();
  await expect(page.getByText('预审通过，可以提交。')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: '补正后重新提交' }).click();
  await expect(page.getByText('待同步').first()).toBeVisible();

  // ── The reviewer sees the second revision, with the new photo. ──
  const detail = async () =>
    (
      (await (await fetch(`${base}/api/review/cases/${caseId}`, { headers: auth })).json()) as {
        case: { status: string; revision: number; version: number };
      }
    ).case;
  await expect.poll(detail, { timeout: 60_000 }).toMatchObject({ status: 'resubmitted', revision: 2, version: 3 });
  await fresh.close();

  // ── The old tablet comes back: the newer edit shows, its own stays visible until chosen. ──
  await old.setOffline(false);
  await oldPage.evaluate(() => (location.hash = '#/sync'));
  await oldPage.getByRole('button', { name: '立即同步' }).click();
  const conflict = oldPage.getByRole('region', { name: '这份档案在两台设备上都改过' });
  // The profile screen reads the profile when it opens: open it again until the pull has landed.
  await expect(async () => {
    await oldPage.evaluate(() => (location.hash = '#/persons'));
    await oldPage
      .getByRole('link', { name: /周一妹/ })
      .first()
      .click();
    await expect(conflict).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(conflict).toContainText(`现在是「${NEW_PHONE}」`);
  await expect(conflict).toContainText(`另一次修改是「${OLD_PHONE}」`);
  await conflict.getByRole('button', { name: `改用「${OLD_PHONE}」` }).click();
  await expect(conflict).toBeHidden();
  await expect(oldPage.getByLabel('手机号')).toHaveValue(OLD_PHONE);
  await old.close();
});

const OLD_PHONE = '13922222222';
const NEW_PHONE = '13911111111';

/** Changes the phone number of 周一妹 (the case's applicant) on the profile screen. */
async function editPhone(page: Page, phone: string) {
  await page.evaluate(() => (location.hash = '#/persons'));
  await page
    .getByRole('link', { name: /周一妹/ })
    .first()
    .click();
  await page.getByLabel('手机号').fill(phone);
  await page.getByRole('button', { name: '保存档案' }).click();
  await expect(page.getByText('已保存 周一妹 的档案')).toBeVisible();
}
