// Restore on a new tablet: an agent's case is returned by the township while the agent switches to
// a fresh browser profile (a new or wiped tablet). After login the returned case is back in the
// list; opening it downloads its photos; the agent fixes it and resubmits from the new tablet, and
// the reviewer sees the second revision.
import { expect, test } from '@playwright/test';
import { uuidv7 } from '../../src/domain';
import { apiLogin, login, pendingCount, photo, submitCase } from './fixtures/sync-steps';

test('a new tablet gets back the returned case, its photos, and resubmits it', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const base = baseURL!;
  // ── The old tablet submits a case. ──
  const old = await browser.newContext();
  const oldPage = await old.newPage();
  await login(oldPage, 'agent1');
  const caseId = await submitCase(oldPage, 0);
  await oldPage.goto('/#/sync');
  await expect.poll(() => pendingCount(oldPage), { timeout: 60_000 }).toBe('0');
  await old.close();

  // ── The township returns it: the portrait side of the ID card is blurred. ──
  const reviewer = await apiLogin(base, 'reviewer1');
  const auth = { authorization: `Bearer ${reviewer}`, 'content-type': 'application/json' };
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

  // ── Fix and resubmit from the new tablet. ──
  const front = page.locator('[data-material="id-card-front"] [data-page="1"] img');
  const before = await front.getAttribute('src');
  await page.getByLabel('重拍：居民身份证（人像面） 第 1 页').setInputFiles(await photo(page, 99));
  await expect(front).not.toHaveAttribute('src', before ?? '', { timeout: 30_000 });
  await expect(page.getByTestId('return-block')).toHaveCount(0);
  await expect(page.getByText('预审通过，可以提交。')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: '补正后重新提交' }).click();
  await page.goto('/#/sync');
  await expect.poll(() => pendingCount(page), { timeout: 60_000 }).toBe('0');

  // ── The reviewer sees the second revision, with the new photo. ──
  const detail = (await (await fetch(`${base}/api/review/cases/${caseId}`, { headers: auth })).json()) as {
    case: { status: string; revision: number; version: number };
  };
  expect(detail.case).toMatchObject({ status: 'resubmitted', revision: 2, version: 3 });
  await fresh.close();
});
