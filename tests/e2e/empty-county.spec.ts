// A county from nothing: an empty data dir, the first admin created with the CLI, the server
// started without demo data; the admin imports the county's townships and villages and creates
// an agent at the desk; the agent logs in on a tablet, sets a password and sees the case list.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createAgent, firstLogin, importDivisions, signIn } from './fixtures/admin-steps';
import { freePort, REPO, startServer } from './fixtures/sync-steps';

const CSV = ['代码,名称', '341822100000,桃州镇', '341822100201,彭村村', '341822100202,南塘村', ''].join('\n');
const ADMIN_PASSWORD = 'Guangde-county-2026';

let dataDir: string;
let server: ChildProcess | undefined;
test.afterAll(() => {
  server?.kill('SIGTERM');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('empty data dir → CLI creates the first admin → desk imports divisions and an agent → agent at work', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  dataDir = mkdtempSync(join(tmpdir(), 'daiban-empty-'));
  const cli = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/admin.ts',
      'user:add',
      '--role',
      'admin',
      '--username',
      'gdadmin',
      '--name',
      '县级管理员',
    ].concat(['--county', '341822', '--county-name', '广德市', '--password', ADMIN_PASSWORD]),
    { cwd: REPO, env: { ...process.env, DAIBAN_DATA_DIR: dataDir, DAIBAN_DEMO: '0' }, encoding: 'utf8' },
  );
  expect(cli.status, cli.stderr).toBe(0);
  const port = await freePort();
  server = await startServer(port, dataDir, { DAIBAN_DEMO: '0' });
  const base = `http://localhost:${port}`;

  const desk = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const admin = await desk.newPage();
  await admin.goto(base);
  // No demo logins in an empty county.
  await admin.getByLabel('用户名').fill('agent1');
  await admin.getByLabel('密码').fill('daiban123');
  await admin.getByRole('button', { name: '登录' }).click();
  await expect(admin.getByText('用户名或密码不正确')).toBeVisible();
  await signIn(admin, 'gdadmin', ADMIN_PASSWORD);
  await importDivisions(admin, 'guangde.csv', CSV, 3);
  const oneTime = await createAgent(admin, 'pengcun1', '王秀兰', '341822100201');

  const tablet = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const agent = await tablet.newPage();
  await agent.goto(base);
  await firstLogin(agent, 'pengcun1', oneTime, 'Pengcun-tea-garden-9');
  // The agent's session is bound to the imported village, by code and name: the tablet shows the
  // code (its stored session is sealed at rest), the server's sign-in answer carries both.
  await agent.getByRole('link', { name: '设置' }).click();
  await expect(agent.getByText('341822100201')).toBeVisible();
  const signedIn = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'pengcun1', password: 'Pengcun-tea-garden-9' }),
  });
  expect(signedIn.status).toBe(200);
  const { user } = (await signedIn.json()) as { user: { villageCode?: string; villageName?: string } };
  expect(user).toMatchObject({ villageCode: '341822100201', villageName: '彭村村' });
  await desk.close();
  await tablet.close();
});
