// Session lifetime on the real server with its injectable clock: idle expiry, token rotation with
// a grace (and a lost answer), logout of the device's whole session, sign-out on all devices, and
// what a revoked or disabled session may still do (deliver its queued work) and for how long.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from '../../src/server/config';
import { bearer, DAY, login, patchBlob, startServer, type TestServer } from './harness';
import { buildCase, submitMutation } from './fixtures';

const HOUR = 3_600_000;
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(sessions: Partial<SessionPolicy> = {}) {
  const s = await startServer({ sessions: { ...DEFAULT_SESSION_POLICY, ...sessions } });
  servers.push(s);
  return s;
}

const me = (app: FastifyInstance, token: string) => app.inject({ url: '/api/auth/me', headers: bearer(token) });
const post = (app: FastifyInstance, token: string, url: string) =>
  app.inject({ method: 'POST', url, headers: bearer(token) });
const pull = (app: FastifyInstance, token: string) =>
  app.inject({ url: '/api/sync/pull?cursor=0&limit=10', headers: bearer(token) });
const pushRaw = (app: FastifyInstance, token: string, mutations: unknown[]) =>
  app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: bearer(token),
    payload: { deviceId: 'tablet-1', mutations },
  });

describe('idle expiry', () => {
  it('is configurable: a session unused for DAIBAN_SESSION_IDLE_DAYS ends (auth.expired); use keeps it alive', async () => {
    const s = await server({ idleMs: 2 * DAY, rotateAfterMs: 30 * DAY });
    const { token } = await login(s.app, 'agent1');
    for (let i = 0; i < 5; i++) {
      s.clock.now += 2 * DAY - 1;
      expect((await me(s.app, token)).statusCode).toBe(200);
    }
    s.clock.now += 2 * DAY;
    const res = await me(s.app, token);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.expired');
  });
});

describe('token rotation', () => {
  it('after the rotation age an answer carries a fresh token; the old one works until the new one is used, then for the grace only', async () => {
    const s = await server({ rotateAfterMs: 24 * HOUR, rotateGraceMs: 30 * 60_000 });
    const { token: t0 } = await login(s.app, 'agent1');
    s.clock.now += 23 * HOUR;
    expect((await me(s.app, t0)).headers['x-session-token']).toBeUndefined();
    s.clock.now += HOUR;
    const rotated = await me(s.app, t0);
    expect(rotated.statusCode).toBe(200);
    const t1 = String(rotated.headers['x-session-token']);
    expect(t1).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Number(rotated.headers['x-session-issued-at'])).toBe(s.clock.now);
    expect(Number(rotated.headers['x-session-expires-at'])).toBe(s.clock.now + 30 * DAY);
    // A request already in flight with the old token (another tab, the service worker) still works.
    expect((await me(s.app, t0)).statusCode).toBe(200);
    // The device switches to the new token: the old one now has its grace.
    const first = await me(s.app, t1);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-session-token']).toBeUndefined();
    s.clock.now += 30 * 60_000 - 1;
    expect((await me(s.app, t0)).statusCode).toBe(200);
    s.clock.now += 1;
    const late = await me(s.app, t0);
    expect(late.statusCode).toBe(401);
    expect(late.json().code).toBe('auth.expired');
    expect((await me(s.app, t1)).statusCode).toBe(200);
    // The admin still sees one session for the device.
    const admin = (await login(s.app, 'admin')).token;
    const agent = (await s.app.store.users.byUsername('agent1'))!;
    const list = await s.app.inject({ url: `/api/admin/users/${agent.id}/sessions`, headers: bearer(admin) });
    expect(list.json().sessions).toHaveLength(1);
  });

  it('a lost answer does not lock the tablet out: the old token, sent again later, gets another new token', async () => {
    const s = await server({ rotateAfterMs: 24 * HOUR, rotateGraceMs: 30 * 60_000 });
    const { token: t0 } = await login(s.app, 'agent2');
    s.clock.now += 25 * HOUR;
    const lost = String((await me(s.app, t0)).headers['x-session-token']);
    // Parallel requests within the same minute do not multiply tokens.
    expect((await me(s.app, t0)).headers['x-session-token']).toBeUndefined();
    s.clock.now += 3 * HOUR; // the tablet was closed; the answer carrying `lost` never arrived
    const again = await me(s.app, t0);
    expect(again.statusCode).toBe(200);
    const t2 = String(again.headers['x-session-token']);
    expect(t2).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(t2).not.toBe(lost);
    expect((await me(s.app, t2)).statusCode).toBe(200);
    s.clock.now += 31 * 60_000;
    // Using t2 started the grace of every older token, the lost one included.
    expect((await me(s.app, t0)).statusCode).toBe(401);
    expect((await me(s.app, lost)).statusCode).toBe(401);
    expect((await me(s.app, t2)).statusCode).toBe(200);
  });
});

describe('logout', () => {
  it("ends the device's whole session, the rotated-away token included; the token never works again", async () => {
    const s = await server({ rotateAfterMs: HOUR });
    const { token: t0 } = await login(s.app, 'agent1');
    const other = await login(s.app, 'agent1');
    s.clock.now += 2 * HOUR;
    const t1 = String((await me(s.app, t0)).headers['x-session-token']);
    expect((await post(s.app, t1, '/api/auth/logout')).statusCode).toBe(204);
    for (const t of [t0, t1]) {
      const res = await me(s.app, t);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('auth.invalid_token');
    }
    // A logged-out session may not push anything (the device already wiped its data).
    expect((await pushRaw(s.app, t1, [])).statusCode).toBe(401);
    expect((await me(s.app, other.token)).statusCode).toBe(200);
  });

  it('sign out on all devices revokes every session of the user (auth.revoked), not other users', async () => {
    const s = await server();
    const tablet = await login(s.app, 'agent1');
    const phone = await login(s.app, 'agent1');
    const colleague = await login(s.app, 'agent2');
    const res = await post(s.app, phone.token, '/api/auth/logout-all');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 2 });
    for (const t of [tablet.token, phone.token]) {
      const after = await me(s.app, t);
      expect(after.statusCode).toBe(401);
      expect(after.json().code).toBe('auth.revoked');
    }
    expect((await me(s.app, colleague.token)).statusCode).toBe(200);
    const audit = await s.db.get<{ action: string; detail: string }>(
      `SELECT action, data AS detail FROM audit WHERE action = 'logout-all'`,
    );
    expect(audit?.detail).toContain('结束会话 2 个');
    // A new login works as usual.
    expect((await me(s.app, (await login(s.app, 'agent1')).token)).statusCode).toBe(200);
  });

  it('a logout sent later by hash (public, no token) ends that session; an unknown hash gets the same answer', async () => {
    const s = await server();
    const { token } = await login(s.app, 'agent1');
    const { token: other } = await login(s.app, 'agent1');
    const revoke = (tokenHash: unknown) =>
      s.app.inject({ method: 'POST', url: '/api/auth/revoke', payload: { tokenHash } });
    const unknown = await revoke(createHash('sha256').update('no such token').digest('hex'));
    expect(unknown.statusCode).toBe(204);
    const known = await revoke(createHash('sha256').update(token).digest('hex'));
    expect(known.statusCode).toBe(204);
    expect(known.body).toBe(unknown.body);
    const after = await me(s.app, token);
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('auth.invalid_token'); // as after a logout made online
    expect((await pushRaw(s.app, token, [])).statusCode).toBe(401);
    expect((await me(s.app, other)).statusCode).toBe(200); // another device's sign-in stays
    const bad = await revoke(token); // the token itself is not a hash
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toMatch(/^request\./);
  });

  it('logout-all needs a session', async () => {
    const s = await server();
    const res = await s.app.inject({ method: 'POST', url: '/api/auth/logout-all' });
    expect(res.statusCode).toBe(401);
  });
});

describe('a revoked device delivers what it holds, then nothing', () => {
  async function revokedAgent(s: TestServer) {
    const agent = await login(s.app, 'agent1');
    const admin = (await login(s.app, 'admin')).token;
    const list = await s.app.inject({ url: `/api/admin/users/${agent.user.id}/sessions`, headers: bearer(admin) });
    const [session] = list.json().sessions as { id: string }[];
    const revoke = await post(s.app, admin, `/api/admin/users/${agent.user.id}/sessions/${session!.id}/revoke`);
    expect(revoke.statusCode).toBe(204);
    return agent;
  }

  it('push and blob upload are accepted during the push grace; reads are refused with auth.revoked', async () => {
    const s = await server({ revokedPushGraceMs: 7 * DAY });
    const agent = await revokedAgent(s);
    const refused = await pull(s.app, agent.token);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('auth.revoked');
    const { submission, files } = buildCase({
      agentId: agent.user.id,
      villageCode: agent.user.villageCode!,
      now: s.clock.now,
    });
    for (const f of files) expect((await patchBlob(s.app, agent.token, f)).statusCode).toBe(200);
    const pushed = await pushRaw(s.app, agent.token, [submitMutation(submission, s.clock.now)]);
    expect(pushed.statusCode).toBe(200);
    expect(pushed.json().results[0].status).toBe('ok');
    expect(pushed.headers['x-session-token']).toBeUndefined();
    const row = await s.db.get<{ status: string }>(`SELECT status FROM cases WHERE id = ?`, [submission.case.id]);
    expect(row?.status).toBe('submitted');
    // Other writes and reads stay closed.
    expect((await s.app.inject({ url: `/api/blobs/${'0'.repeat(64)}`, headers: bearer(agent.token) })).statusCode).toBe(
      401,
    );
    expect((await me(s.app, agent.token)).json().code).toBe('auth.revoked');
  });

  it('after the grace even the push is refused, still as auth.revoked', async () => {
    const s = await server({ revokedPushGraceMs: 2 * DAY });
    const agent = await revokedAgent(s);
    s.clock.now += 2 * DAY;
    const res = await pushRaw(s.app, agent.token, []);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.revoked');
    // A HEAD answer has no body: the code rides in a header so the device still learns why.
    const head = await s.app.inject({
      method: 'HEAD',
      url: `/api/blobs/${'a'.repeat(64)}`,
      headers: bearer(agent.token),
    });
    expect(head.statusCode).toBe(401);
    expect(head.headers['x-error-code']).toBe('auth.revoked');
  });

  it('a grace of 0 refuses the final push', async () => {
    const s = await server({ revokedPushGraceMs: 0 });
    const agent = await revokedAgent(s);
    expect((await pushRaw(s.app, agent.token, [])).json().code).toBe('auth.revoked');
  });

  it('a disabled account: auth.disabled, and its queued work is still accepted during the grace', async () => {
    const s = await server();
    const agent = await login(s.app, 'agent2');
    const admin = (await login(s.app, 'admin')).token;
    expect((await post(s.app, admin, `/api/admin/users/${agent.user.id}/disable`)).statusCode).toBe(200);
    expect((await pull(s.app, agent.token)).json().code).toBe('auth.disabled');
    const { submission, files } = buildCase({
      agentId: agent.user.id,
      villageCode: agent.user.villageCode!,
      now: s.clock.now,
    });
    for (const f of files) expect((await patchBlob(s.app, agent.token, f)).statusCode).toBe(200);
    const pushed = await pushRaw(s.app, agent.token, [submitMutation(submission, s.clock.now)]);
    expect(pushed.statusCode).toBe(200);
    expect(pushed.json().results[0].status).toBe('ok');
    s.clock.now += DEFAULT_SESSION_POLICY.revokedPushGraceMs;
    expect((await pushRaw(s.app, agent.token, [])).json().code).toBe('auth.disabled');
  });
});
