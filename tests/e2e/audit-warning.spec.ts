// The reviewer's timeline over a tampered audit log: two cases arrive (prepared offline three
// hours before they reached the township); one case's audit row is then edited straight in the
// SQLite file. Its case detail warns in Chinese; the clean one does not, and shows the tablet's
// time with the server's receipt time beside it.
import { type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { BLOB_CONTENT_TYPE } from '../../src/domain/api/blobs';
import { buildCase, sha256, submitMutation } from '../server/fixtures';
import { signIn } from './fixtures/admin-steps';
import { freePort, startServer } from './fixtures/sync-steps';

const WARNING = '此办件的操作记录校验未通过：记录可能被修改或删除';
const HOUR = 3_600_000;

let dataDir: string;
let server: ChildProcess | undefined;
test.afterAll(() => {
  server?.kill('SIGTERM');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function api(base: string, path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  return fetch(`${base}${path}`, { ...init, headers });
}

/** The agent's tablet, over the API: upload the files, push one submission made `ago` ms earlier. */
async function submit(base: string, token: string, agent: { id: string; villageCode: string }, ago: number) {
  const built = buildCase({ agentId: agent.id, villageCode: agent.villageCode, now: Date.now() });
  for (const file of built.files) {
    const res = await api(base, `/api/blobs/${sha256(file)}`, {
      method: 'PATCH',
      token,
      headers: {
        'content-type': BLOB_CONTENT_TYPE,
        'upload-offset': '0',
        'upload-length': String(file.length),
      },
      body: new Uint8Array(file),
    });
    expect(res.status).toBe(200);
  }
  const res = await api(base, '/api/sync/push', {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ deviceId: 'tablet-e2e', mutations: [submitMutation(built.submission, Date.now() - ago)] }),
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { results: { status: string }[] }).results[0]?.status).toBe('ok');
  return built.submission.case.id;
}

test('a tampered case timeline warns the reviewer; device and server times side by side', async ({ browser }) => {
  test.setTimeout(120_000);
  dataDir = mkdtempSync(join(tmpdir(), 'daiban-audit-e2e-'));
  const port = await freePort();
  server = await startServer(port, dataDir);
  const base = `http://localhost:${port}`;

  const login = await api(base, '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'agent1', password: 'daiban123' }),
  });
  const { token, user } = (await login.json()) as { token: string; user: { id: string; villageCode: string } };
  const clean = await submit(base, token, user, 3 * HOUR);
  const tampered = await submit(base, token, user, 3 * HOUR);

  // Someone with the file rewrites who submitted the case.
  const db = new Database(join(dataDir, 'daiban.sqlite'));
  const row = db.prepare(`SELECT seq, data FROM audit WHERE case_id = ? AND action = 'submit'`).get(tampered) as {
    seq: number;
    data: string;
  };
  const event = JSON.parse(row.data) as { actor: { id: string } };
  db.prepare(`UPDATE audit SET data = ? WHERE seq = ?`).run(
    JSON.stringify({ ...event, actor: { ...event.actor, id: 'someone-else' } }),
    row.seq,
  );
  db.close();

  const desk = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const reviewer = await desk.newPage();
  await reviewer.goto(base);
  await signIn(reviewer, 'reviewer1', 'daiban123');

  await reviewer.goto(`${base}/#/review/cases/${clean}`);
  const timeline = reviewer.getByRole('region', { name: '办理过程' });
  await expect(timeline.getByText('提交')).not.toHaveCount(0);
  await expect(timeline.getByText(/平板时间；服务器收到/)).toHaveCount(1);
  await expect(reviewer.getByText(WARNING)).toHaveCount(0);

  await reviewer.goto(`${base}/#/review/cases/${tampered}`);
  await expect(reviewer.getByRole('alert').filter({ hasText: WARNING })).toBeVisible();
  await expect(reviewer.getByText('从这条记录起校验未通过')).toBeVisible();
  await desk.close();
});
