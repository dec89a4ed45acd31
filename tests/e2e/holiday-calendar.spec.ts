// The holiday calendar as data, end to end: a due date reaching into 2027 (no arrangement yet)
// is marked on the tablet; the admin pastes the 2027 notice lines, checks the preview and saves;
// after the tablet syncs, the mark is gone.
import { expect, test } from '@playwright/test';
import { login, unlock } from './fixtures/app';
import { signIn } from './fixtures/admin-steps';
import { uuidv7 } from '../../src/domain';
import { findItem } from '../../src/catalog';
import { BLOB_CONTENT_TYPE } from '../../src/server/blobs/routes';
import { buildCase, sha256, submitMutation } from '../server/fixtures';

const VILLAGE = '341822100201';
const NOTICE = [
  '一、元旦：1月1日（周五）放假，与周末连休。',
  '二、春节：2月6日（周六）至14日（周日）放假调休，共9天。2月20日（周六）上班。',
].join('\n');

/** Over HTTP: agent1 submits a 30-working-day case, reviewer1 accepts it (due in January 2027). */
async function acceptedCaseInto2027(base: string): Promise<string> {
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json();
  };
  const agent = await post('/api/auth/login', { username: 'agent1', password: 'daiban123' });
  const reviewer = await post('/api/auth/login', { username: 'reviewer1', password: 'daiban123' });
  const now = Date.now();
  const built = buildCase({ itemCode: 'MZ-TKGY', agentId: agent.user.id, villageCode: agent.user.villageCode, now });
  for (const file of built.files) {
    const res = await fetch(`${base}/api/blobs/${sha256(file)}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${agent.token}`,
        'content-type': BLOB_CONTENT_TYPE,
        'upload-offset': '0',
        'upload-length': String(file.length),
      },
      body: new Uint8Array(file),
    });
    expect(res.status).toBe(200);
  }
  const deviceId = uuidv7();
  const pushed = await post(
    '/api/sync/push',
    { deviceId, mutations: [submitMutation(built.submission, now)] },
    agent.token,
  );
  expect(pushed.results[0].status).toBe('ok');
  const id = built.submission.case.id;
  const decision = {
    id: uuidv7(),
    caseId: id,
    kind: 'accept',
    reasons: [],
    toleranceDue: [],
    reviewerId: 'x',
    decidedAt: now,
    revision: 1,
  };
  const accepted = await post(`/api/review/cases/${id}/decisions`, decision, reviewer.token);
  expect(accepted.case.dueOn.slice(0, 4)).toBe('2027');
  return id;
}

test('a deadline into 2027 is marked until the admin enters 2027 and the tablet syncs', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const reviewedId = await acceptedCaseInto2027(baseURL!);
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await reviewer.goto('/');
  await signIn(reviewer, 'reviewer1', 'daiban123');
  await reviewer.goto(`/#/review/cases/${reviewedId}`);
  await expect(reviewer.getByRole('note').first()).toHaveText(/未含2027年节假日安排/);

  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await agent.goto('/');
  await login(agent);
  // One accepted case due in January 2027, put straight into the device database.
  await agent.evaluate(
    async ({ villageCode, itemVersion }) => {
      const uuid = () => crypto.randomUUID().replace(/^(.{14})./, '$17');
      const now = Date.now();
      const personId = uuid();
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('daiban');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['persons', 'cases', 'settings'], 'readwrite');
        tx.objectStore('persons').put({
          id: personId,
          name: '张桂兰',
          sex: 'F',
          idNumber: '11010519400101001X',
          birthDate: '1940-01-01',
          ethnicity: '汉族',
          address: '',
          divisionCode: villageCode,
          household: [],
          villageCode,
          createdAt: now,
          updatedAt: now,
          initials: [],
        });
        tx.objectStore('settings').put({ key: 'migration.sealRows', value: ['persons'] });
        tx.objectStore('cases').put({
          id: uuid(),
          number: `DB-${villageCode}-20261201-ZZ00001`,
          itemCode: 'MZ-LNRYDZ',
          itemVersion,
          applicantId: personId,
          status: 'accepted',
          fields: {},
          acknowledged: [],
          tolerance: [],
          villageCode,
          agentId: 'agent1',
          revision: 1,
          baseVersion: 1,
          acceptedOn: '2026-12-01',
          dueOn: '2027-01-15',
          createdAt: now,
          updatedAt: now,
        });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { villageCode: VILLAGE, itemVersion: findItem('MZ-LNRYDZ')!.version },
  );
  await agent.reload();
  await unlock(agent);
  const card = agent.getByRole('link', { name: /张桂兰/ });
  await expect(card).toContainText('办结期限 2027-01-15');
  await expect(card.getByRole('note')).toHaveText(/未含2027年节假日安排/);

  // The admin enters 2027 from the notice's lines, checks the preview, saves.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await admin.goto('/');
  await signIn(admin, 'admin', 'daiban123');
  await admin.goto('/#/admin/holidays');
  await expect(admin.getByText('尚未录入2027年节假日安排').first()).toBeVisible();
  await expect(admin.getByLabel('年份')).toHaveValue('2027');
  await admin.getByLabel(/粘贴通知原文/).fill(`${NOTICE}\n春节放假很长`);
  await admin.getByRole('button', { name: '读取通知' }).click();
  await expect(admin.getByRole('alert')).toContainText('第3行');
  await admin.getByLabel(/粘贴通知原文/).fill(NOTICE);
  await admin.getByRole('button', { name: '读取通知' }).click();
  await expect(admin.getByRole('alert')).toBeHidden();
  await expect(admin.locator('[data-date="2027-02-08"]')).toHaveClass(/holiday-day--holiday/);
  await expect(admin.locator('[data-date="2027-02-20"]')).toHaveClass(/holiday-day--workingWeekend/);
  await admin.getByRole('button', { name: '保存2027年安排' }).click();
  await expect(admin.getByText('已保存2027年节假日安排（第1版）')).toBeVisible();
  await expect(admin.locator('tr[data-year="2027"]')).toContainText('第1版');

  // The tablet syncs: the arrangement arrives and the mark goes.
  await agent.goto('/#/sync');
  await agent.getByRole('button', { name: '立即同步' }).click();
  await agent.goto('/#/');
  await expect(agent.getByRole('link', { name: /张桂兰/ })).toContainText('办结期限 2027-01-15');
  await expect(agent.getByRole('link', { name: /张桂兰/ }).getByRole('note')).toHaveCount(0, { timeout: 30_000 });

  // The reviewer desk counts on the server, which took the arrangement at once.
  await reviewer.goto('/#/review');
  await reviewer.goto(`/#/review/cases/${reviewedId}`);
  await expect(reviewer.getByText('承诺办结：2027-')).toBeVisible();
  await expect(reviewer.getByRole('note')).toHaveCount(0);
  await agentContext.close();
  await adminContext.close();
  await reviewerContext.close();
});
