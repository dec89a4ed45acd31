// The admin command line (`node --import tsx scripts/admin.ts …`) on a temporary data folder: the
// first admin on an empty folder, a divisions import, users, exit codes, and a running server
// seeing its changes at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { bearer } from './harness';
import { onPostgres } from './test-database';

const run = promisify(execFile);
let dir: string;

async function admin(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
      env: { ...process.env, DAIBAN_DATA_DIR: dir, DAIBAN_PASSWORD_COST: '10' },
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}
const oneTime = (out: string) => /one-time password: (\S+)/.exec(out)?.[1] ?? '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'daiban-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Its own SQLite data folder (child processes); the SQLite run covers it.
describe.skipIf(onPostgres)('npm run admin', () => {
  it('answers usage errors with exit code 2', async () => {
    expect((await admin()).code).toBe(2);
    const unknown = await admin('user:frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown verb/);
    expect((await admin('user:add', '--role', 'king')).code).toBe(2);
    expect((await admin('user:disable')).code).toBe(2);
    expect((await admin('help')).code).toBe(0);
  }, 60_000);

  it('creates the first admin, imports divisions and users; a running server follows', async () => {
    const noCounty = await admin(
      'user:add',
      '--role',
      'admin',
      '--county',
      '341822',
      '--username',
      'chief',
      '--name',
      '张三',
    );
    expect(noCounty.code).toBe(1);
    expect(noCounty.err).toMatch(/--county-name/);
    const first = await admin(
      'user:add',
      '--role',
      'admin',
      '--county',
      '341822',
      '--county-name',
      '广德市',
      '--username',
      'chief',
      '--name',
      '张三',
    );
    expect(first.code, first.err).toBe(0);
    const chiefPassword = oneTime(first.out);
    expect(chiefPassword).toMatch(/^\S{12}$/);

    writeFileSync(join(dir, 'bad.csv'), 'code,name\n341822100000,桃州镇\n341822900201,孤村\n');
    const bad = await admin('divisions:import', join(dir, 'bad.csv'));
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/第 3 行/);
    // GBK, as Excel saves it on a Chinese Windows: 代码,名称 / 桃州镇 / 彭村村
    const gbk = Buffer.from(new TextEncoder().encode('code,name\n341822100000,'));
    const file = Buffer.concat([
      gbk,
      Buffer.from([0xcc, 0xd2, 0xd6, 0xdd, 0xd5, 0xf2]),
      Buffer.from('\n341822100201,'),
      Buffer.from([0xc5, 0xed, 0xb4, 0xe5, 0xb4, 0xe5]),
      Buffer.from('\n'),
    ]);
    writeFileSync(join(dir, 'good.csv'), file);
    const good = await admin('divisions:import', join(dir, 'good.csv'));
    expect(good.code, good.err).toBe(0);
    expect(good.out).toMatch(/乡镇 1 个，村 1 个/);

    const weak = await admin(
      'user:add',
      '--role',
      'agent',
      '--village',
      '341822100201',
      '--username',
      'wang',
      '--name',
      '王',
      '--password',
      'woaini1314',
    );
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/password.common/);
    const agent = await admin(
      'user:add',
      '--role',
      'agent',
      '--village',
      '341822100201',
      '--username',
      'wang',
      '--name',
      '王秀兰',
    );
    expect(agent.code, agent.err).toBe(0);
    expect(agent.out).toMatch(/彭村村/);

    const app = await buildApp({
      ...loadConfig({ DAIBAN_DATA_DIR: dir, DAIBAN_DEMO: '0', DAIBAN_STATIC_DIR: join(dir, 'none') }),
      passwordCost: 10,
      logLevel: 'silent',
    });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'wang', password: oneTime(agent.out) },
      });
      expect(login.json().user).toMatchObject({
        villageName: '彭村村',
        townshipName: '桃州镇',
        mustChangePassword: true,
      });
      const token = login.json().token as string;
      expect((await admin('user:disable', 'wang')).code).toBe(0);
      expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(401);
      expect((await admin('user:enable', 'wang')).code).toBe(0);
      const reset = await admin('user:passwd', 'wang');
      expect(reset.code).toBe(0);
      const again = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'wang', password: oneTime(reset.out) },
      });
      expect(again.statusCode).toBe(200);
      const chief = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'chief', password: chiefPassword },
      });
      expect(chief.json().user).toMatchObject({ role: 'admin', countyName: '广德市', mustChangePassword: true });
    } finally {
      await app.close();
    }
    expect((await admin('user:passwd', 'nobody')).code).toBe(1);
    const list = await admin('user:list');
    expect(list.out).toMatch(/chief\s+admin\s+341822/);
  }, 60_000);
});
