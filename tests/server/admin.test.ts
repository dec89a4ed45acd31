// The county admin's routes: users (scope, password policy, disable, one-time password, sessions),
// the divisions CSV import, own password change, demo logins in production, and the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { bearer, login, startServer, type TestServer } from './harness';
import { passwordProblem } from '../../src/server/auth/password-policy';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  s = await startServer();
  admin = (await login(s.app, 'admin')).token;
});
afterAll(() => s.close());

const call = (app: FastifyInstance, token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  app.inject({ method, url, headers: bearer(token), ...(payload && { payload }) });

async function createAgent(username: string, village = '341822100201') {
  const res = await call(s.app, admin, 'POST', '/api/admin/users', {
    username,
    name: '测试员',
    role: 'agent',
    divisionCode: village,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { user: { id: string; mustChangePassword: boolean }; oneTimePassword: string };
}

describe('scope', () => {
  it('refuses agents and reviewers on every admin route (403)', async () => {
    for (const who of ['agent1', 'reviewer1']) {
      const { token } = await login(s.app, who);
      for (const [method, url] of [
        ['GET', '/api/admin/users'],
        ['GET', '/api/admin/divisions'],
        ['POST', '/api/admin/users/x/disable'],
      ] as const) {
        const res = await call(s.app, token, method, url);
        expect(res.statusCode, `${who} ${url}`).toBe(403);
      }
      const create = await call(s.app, token, 'POST', '/api/admin/users', {
        username: 'sneaky',
        name: '某',
        role: 'admin',
        divisionCode: '341822',
      });
      expect(create.statusCode).toBe(403);
    }
  });

  it('keeps an admin of another county away from this county (404, nothing changed)', async () => {
    const created = await call(s.app, admin, 'POST', '/api/admin/users', {
      username: 'other-admin',
      name: '外县管理员',
      role: 'admin',
      divisionCode: '341822',
    });
    const otherId = created.json().user.id as string;
    // Move it to a county of its own, as another deployment's admin would be.
    await s.app.store.divisions.upsert({ code: '341823', name: '外县', level: 'county', parentCode: null });
    const stored = (await s.app.store.users.get(otherId))!;
    await s.app.store.users.update({ ...stored, countyCode: '341823', mustChangePassword: false });
    const otherPassword = created.json().oneTimePassword as string;
    const { token } = await login(s.app, 'other-admin', otherPassword);
    const agent1 = (await s.app.store.users.byUsername('agent1'))!;
    expect((await call(s.app, token, 'GET', '/api/admin/users')).json().users).toHaveLength(1);
    expect((await call(s.app, token, 'POST', `/api/admin/users/${agent1.id}/disable`)).statusCode).toBe(404);
    expect((await call(s.app, token, 'POST', `/api/admin/users/${agent1.id}/password`, {})).statusCode).toBe(404);
    expect((await call(s.app, token, 'PATCH', `/api/admin/users/${agent1.id}`, { name: '改名' })).statusCode).toBe(404);
    expect((await call(s.app, token, 'GET', `/api/admin/users/${agent1.id}/sessions`)).statusCode).toBe(404);
    const placed = await call(s.app, token, 'POST', '/api/admin/users', {
      username: 'intruder',
      name: '某',
      role: 'agent',
      divisionCode: '341822100201',
    });
    expect(placed.statusCode).toBe(400);
    expect(placed.json().code).toBe('user.division_unknown');
    expect((await s.app.store.users.byUsername('agent1'))!.disabledAt).toBeNull();
  });
});

describe('users', () => {
  it('lists the county users with their division names', async () => {
    const res = await call(s.app, admin, 'GET', '/api/admin/users');
    expect(res.statusCode).toBe(200);
    const agent1 = res.json().users.find((u: { username: string }) => u.username === 'agent1');
    expect(agent1).toMatchObject({
      role: 'agent',
      divisionCode: '341822100201',
      divisionName: '彭村村',
      disabled: false,
    });
  });

  it('binds each role to its level and refuses a taken username', async () => {
    const wrong = await call(s.app, admin, 'POST', '/api/admin/users', {
      username: 'rv9',
      name: '审核',
      role: 'reviewer',
      divisionCode: '341822100201',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('user.scope_mismatch');
    const taken = await call(s.app, admin, 'POST', '/api/admin/users', {
      username: 'agent1',
      name: '重名',
      role: 'agent',
      divisionCode: '341822100201',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('user.username_taken');
  });

  it('applies the password policy with stable codes', async () => {
    const cases: [string, string][] = [
      ['short1', 'password.too_short'],
      ['123456789a', 'password.common'],
      ['woaini1314', 'password.common'],
      ['qwertyuiop', 'password.common'],
      ['aaaaaaaaaaaa', 'password.common'],
      ['newagent-2024!', 'password.common'],
    ];
    for (const [password, code] of cases) {
      const res = await call(s.app, admin, 'POST', '/api/admin/users', {
        username: 'newagent',
        name: '新人',
        role: 'agent',
        divisionCode: '341822100202',
        password,
      });
      expect(res.statusCode, password).toBe(400);
      expect(res.json().code, password).toBe(code);
      expect(res.json().message).toMatch(/密码/);
    }
    expect(passwordProblem('Tea-garden-7-hills', 'agent1')).toBeNull();
    expect(await s.app.store.users.byUsername('newagent')).toBeUndefined();
  });

  it('edits name and scope', async () => {
    const { user } = await createAgent('mover');
    const res = await call(s.app, admin, 'PATCH', `/api/admin/users/${user.id}`, {
      name: '新名字',
      divisionCode: '341822200201',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ name: '新名字', divisionCode: '341822200201', divisionName: '四合村' });
    const row = (await s.app.store.users.get(user.id))!;
    expect(row).toMatchObject({ villageCode: '341822200201', townshipCode: '341822200000' });
  });
});

describe('one-time passwords', () => {
  it('makes the new user change the password before anything else', async () => {
    const { user, oneTimePassword } = await createAgent('firsttimer');
    expect(user.mustChangePassword).toBe(true);
    const first = await login(s.app, 'firsttimer', oneTimePassword);
    expect(first.user).toMatchObject({ mustChangePassword: true });
    const pull = await call(s.app, first.token, 'GET', '/api/sync/pull?cursor=0');
    expect(pull.statusCode).toBe(403);
    expect(pull.json().code).toBe('auth.password_change_required');
    expect((await call(s.app, first.token, 'GET', '/api/auth/me')).statusCode).toBe(200);

    const wrong = await call(s.app, first.token, 'POST', '/api/auth/password', {
      currentPassword: 'not-it-at-all',
      newPassword: 'Bamboo-river-42',
    });
    expect(wrong.json().code).toBe('password.wrong_current');
    const weak = await call(s.app, first.token, 'POST', '/api/auth/password', {
      currentPassword: oneTimePassword,
      newPassword: 'woaini1314',
    });
    expect(weak.json().code).toBe('password.common');
    const changed = await call(s.app, first.token, 'POST', '/api/auth/password', {
      currentPassword: oneTimePassword,
      newPassword: 'Bamboo-river-42',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().user.mustChangePassword).toBeUndefined();
    expect((await call(s.app, first.token, 'GET', '/api/sync/pull?cursor=0')).statusCode).toBe(200);
    await login(s.app, 'firsttimer', 'Bamboo-river-42');
  });

  it('a reset ends the sessions and sets a new one-time password', async () => {
    const { user, oneTimePassword } = await createAgent('forgetful');
    const session = await login(s.app, 'forgetful', oneTimePassword);
    const res = await call(s.app, admin, 'POST', `/api/admin/users/${user.id}/password`, {});
    expect(res.statusCode).toBe(200);
    const fresh = res.json().oneTimePassword as string;
    expect(fresh).not.toBe(oneTimePassword);
    const ended = await call(s.app, session.token, 'GET', '/api/auth/me');
    expect(ended.statusCode).toBe(401);
    // The device keeps its data and asks for the new password.
    expect(ended.json()).toEqual({ code: 'auth.password_changed', message: '密码已修改，请用新密码重新登录' });
    expect((await login(s.app, 'forgetful', fresh)).user).toMatchObject({ mustChangePassword: true });
  });
});

describe('disable and sessions', () => {
  it('disabling ends every session at once and refuses new logins', async () => {
    const { user, oneTimePassword } = await createAgent('leaver');
    const a = await login(s.app, 'leaver', oneTimePassword);
    const b = await login(s.app, 'leaver', oneTimePassword);
    const res = await call(s.app, admin, 'POST', `/api/admin/users/${user.id}/disable`);
    expect(res.json().user).toMatchObject({ disabled: true, sessions: 0 });
    for (const t of [a.token, b.token]) {
      const me = await call(s.app, t, 'GET', '/api/auth/me');
      expect(me.statusCode).toBe(401);
      expect(me.json()).toEqual({ code: 'auth.disabled', message: '该账号已停用，请联系县级管理员' });
    }
    const again = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'leaver', password: oneTimePassword },
    });
    expect(again.statusCode).toBe(403);
    expect(again.json().code).toBe('auth.disabled');
    const enabled = await call(s.app, admin, 'POST', `/api/admin/users/${user.id}/enable`);
    expect(enabled.json().user.disabled).toBe(false);
    await login(s.app, 'leaver', oneTimePassword);
  });

  it('an admin cannot disable itself', async () => {
    const me = (await s.app.store.users.byUsername('admin'))!;
    const res = await call(s.app, admin, 'POST', `/api/admin/users/${me.id}/disable`);
    expect(res.json().code).toBe('user.self');
  });

  it("lists a user's sessions with their devices and revokes one", async () => {
    const agent3 = (await s.app.store.users.byUsername('agent3'))!;
    const phone = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 13) Tablet' },
      payload: { username: 'agent3', password: 'daiban123' },
    });
    const other = await login(s.app, 'agent3');
    const list = await call(s.app, admin, 'GET', `/api/admin/users/${agent3.id}/sessions`);
    const sessions = list.json().sessions as { id: string; device?: string }[];
    expect(sessions).toHaveLength(2);
    const tablet = sessions.find((x) => x.device?.includes('Android'))!;
    expect(tablet.id).toMatch(/^[0-9a-f]{16}$/);
    expect((tablet as { lastUsedAt?: number }).lastUsedAt).toBeUndefined();
    expect((await call(s.app, phone.json().token, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const used = (await call(s.app, admin, 'GET', `/api/admin/users/${agent3.id}/sessions`)).json().sessions as {
      id: string;
      lastUsedAt?: number;
    }[];
    expect(used.find((x) => x.id === tablet.id)?.lastUsedAt).toBe(s.clock.now);
    const revoke = await call(s.app, admin, 'POST', `/api/admin/users/${agent3.id}/sessions/${tablet.id}/revoke`);
    expect(revoke.statusCode).toBe(204);
    const revoked = await call(s.app, phone.json().token, 'GET', '/api/auth/me');
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().code).toBe('auth.revoked');
    expect(revoked.json().message).toMatch(/本设备的登录已被取消/);
    expect((await call(s.app, other.token, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const missing = await call(s.app, admin, 'POST', `/api/admin/users/${agent3.id}/sessions/${tablet.id}/revoke`);
    expect(missing.statusCode).toBe(404);
  });
});

describe("ending all of a user's sessions", () => {
  it('revokes every device of the user (auth.revoked), audited; agents may not', async () => {
    const { user, oneTimePassword } = await createAgent('lost-tablet');
    const a = await login(s.app, 'lost-tablet', oneTimePassword);
    const b = await login(s.app, 'lost-tablet', oneTimePassword);
    const agent = (await login(s.app, 'agent1')).token;
    const refused = await call(s.app, agent, 'POST', `/api/admin/users/${user.id}/sessions/revoke-all`);
    expect(refused.statusCode).toBe(403);
    expect((await call(s.app, a.token, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const res = await call(s.app, admin, 'POST', `/api/admin/users/${user.id}/sessions/revoke-all`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 2 });
    for (const t of [a.token, b.token])
      expect((await call(s.app, t, 'GET', '/api/auth/me')).json().code).toBe('auth.revoked');
    const list = await call(s.app, admin, 'GET', `/api/admin/users/${user.id}/sessions`);
    expect(list.json().sessions).toEqual([]);
    const audit = await s.db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM audit WHERE action = 'session-revoke-all' AND entity_id = ?`,
      [user.id],
    );
    expect(audit?.n).toBe(1);
    const missing = await call(s.app, admin, 'POST', `/api/admin/users/nobody/sessions/revoke-all`);
    expect(missing.statusCode).toBe(404);
  });
});

describe('divisions import', () => {
  const BAD = [
    'code,name',
    '341822300000,新桥乡',
    '341822300201,新桥村',
    '34182230020,短码村',
    '341823100201,外县村',
    '341822400201,无主村',
    '341822300201,重复村',
    '341822300202,',
  ].join('\n');

  it('reports every bad row with its line number and writes nothing', async () => {
    const preview = await call(s.app, admin, 'POST', '/api/admin/divisions/import', { csv: BAD, dryRun: true });
    expect(preview.statusCode).toBe(200);
    const errors = preview.json().errors as { line: number; code: string; message: string }[];
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [4, 'division.code_format'],
      [5, 'division.other_county'],
      [6, 'division.township_unknown'],
      [7, 'division.duplicate'],
      [8, 'division.name_missing'],
    ]);
    expect(errors[0]!.message).toMatch(/^第 4 行：/);
    const res = await call(s.app, admin, 'POST', '/api/admin/divisions/import', { csv: BAD });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('divisions.invalid');
    expect(res.json().details.errors).toHaveLength(5);
    expect(await s.app.store.divisions.get('341822300000')).toBeUndefined();
  });

  it('refuses a wrong header', async () => {
    const res = await call(s.app, admin, 'POST', '/api/admin/divisions/import', { csv: 'a,b\n1,2', dryRun: true });
    expect(res.json().errors).toEqual([
      expect.objectContaining({ line: 1, code: 'csv.header', message: expect.stringContaining('代码,名称') }),
    ]);
  });

  it('imports a good file (BOM, 代码/名称 header, quotes, CRLF) in one go and audits it', async () => {
    const csv =
      '\uFEFF代码,名称\r\n341822000000,广德市\r\n341822300000,"新桥乡"\r\n341822300201,新桥村\r\n341822100204,"东亭村"\r\n';
    const res = await call(s.app, admin, 'POST', '/api/admin/divisions/import', { csv });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ townships: 1, villages: 2, created: 3, updated: 0, errors: [], applied: true });
    expect(await s.app.store.divisions.get('341822300201')).toEqual({
      code: '341822300201',
      name: '新桥村',
      level: 'village',
      parentCode: '341822300000',
    });
    const audit = await s.db.all<{ action: string; entity: string }>(
      `SELECT entity, action FROM audit WHERE entity IN ('user', 'division', 'session') ORDER BY seq`,
    );
    const actions = new Set(audit.map((a) => a.action));
    for (const a of [
      'divisions-import',
      'user-create',
      'user-edit',
      'user-disable',
      'user-enable',
      'password-reset',
      'password-change',
      'session-revoke',
    ])
      expect(actions, a).toContain(a);
  });
});

describe('demo logins in production', () => {
  it('answers 403 auth.demo_refused', async () => {
    const prod = await startServer({ refuseDemoLogins: true });
    try {
      const res = await prod.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: 'daiban123' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('auth.demo_refused');
    } finally {
      await prod.close();
    }
  });
});
