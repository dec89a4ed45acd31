// The device's side of the session's life, on fake-indexeddb storage against the real township
// server: logout revokes the server session (or remembers to when offline), rotated tokens are
// adopted newest-first, and a revoked session delivers its queued case, then wipes — or, when the
// work cannot be delivered, keeps it and locks to a screen with the count, export and retry.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type Mutation } from '../../../src/domain';
import {
  adoptRotatedToken,
  countCases,
  getDb,
  getSession,
  makeAudit,
  pendingCount,
  pendingLogouts,
  saveCaseWithMaterials,
  saveSession,
  unsentWork,
} from '../../../src/storage';
import { AUTH_ROUTES } from '../../../src/domain/api/auth';
import { login, logout, Session } from '../../../src/state';
import { flushPendingLogouts } from '../../../src/state/server-logout';
import { endRevokedSession, exportEndedSession, wipeEndedSession } from '../../../src/state/session-end';
import { signOutEverywhere } from '../../../src/state/sign-out-everywhere';
import { drain } from '../../../src/sync/drain';
import { memoryLocks } from '../../../src/sync/lock';
import { createStoragePorts } from '../../../src/sync/storage-ports';
import { AGENT_VILLAGE, startRealServer, type RunningServer } from '../sync/real-server';
import { serverCase } from '../sync/server-fixtures';
import { useHarness } from './harness';

const HOUR = 3_600_000;
let server: RunningServer;
const clock = { now: Date.now() };
let offline = false;
beforeAll(async () => {
  server = await startRealServer({
    now: () => clock.now,
    sessions: {
      idleMs: 14 * 24 * HOUR,
      rotateAfterMs: 24 * HOUR,
      rotateGraceMs: 30 * 60_000,
      revokedPushGraceMs: 7 * 24 * HOUR,
    },
  });
});
afterAll(() => server.close());

const h = useHarness(async (input, init) => {
  if (offline) throw new TypeError('Failed to fetch');
  return fetch(`${server.baseUrl}${String(input)}`, init);
});

const status = async (token: string) =>
  (await fetch(`${server.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status;

async function signedIn(username = 'agent1') {
  const { state } = h.get();
  state.session.value = null;
  offline = false;
  await login(state, username, 'daiban123');
  return state;
}

/** A case queued the way the workbench does it: case, materials, files and outbox row, one transaction. */
async function queueCase(agentId: string) {
  const c = serverCase('YB-JMCB-DJ', AGENT_VILLAGE, agentId, 5_000);
  const mutation: Mutation = {
    id: uuidv7(),
    deviceId: 'device-0001',
    createdAt: Date.now(),
    kind: 'case.submit',
    baseVersion: 0,
    payload: c.submission,
  };
  await saveCaseWithMaterials({
    case: { ...c.submission.case, status: 'queued' },
    materials: c.submission.materials,
    blobs: c.blobs,
    audit: makeAudit({
      entity: 'case',
      entityId: c.submission.case.id,
      caseId: c.submission.case.id,
      action: 'case.submit',
      actor: { role: 'agent', id: agentId },
      at: 1,
    }),
    mutation,
  });
  return c.submission.case.id;
}

const drainNow = () =>
  drain(createStoragePorts({ baseUrl: server.baseUrl }), { locks: memoryLocks(), random: () => 0.5 });

async function adminRevokes(userId: string) {
  const admin = await server.login('admin');
  const auth = { authorization: `Bearer ${admin}` };
  const list = await fetch(`${server.baseUrl}/api/admin/users/${userId}/sessions/revoke-all`, {
    method: 'POST',
    headers: auth,
  });
  expect(list.status).toBe(200);
}

describe('logout', () => {
  it('revokes the session on the server: the old token answers 401', async () => {
    const state = await signedIn();
    const token = state.session.value!.token;
    expect(await status(token)).toBe(200);
    await logout(state);
    expect(await status(token)).toBe(401);
    expect(await pendingLogouts()).toEqual([]);
  });

  it('offline: wipes as before, remembers only the token hash (across the wipe), revokes it at the next contact', async () => {
    const state = await signedIn();
    const token = state.session.value!.token;
    const tokenHash = createHash('sha256').update(token).digest('hex');
    offline = true;
    await logout(state);
    expect(await getSession(Session)).toBeUndefined();
    expect(await pendingLogouts()).toEqual([tokenHash]);
    // A tablet lost before it reconnects holds nothing that signs in.
    expect(JSON.stringify(await getDb().settings.toArray())).not.toContain(token);
    expect(await status(token)).toBe(200); // the server has not heard yet
    // Still offline: nothing lost.
    await flushPendingLogouts(state);
    expect(await pendingLogouts()).toEqual([tokenHash]);
    offline = false;
    await flushPendingLogouts(state);
    expect(await status(token)).toBe(401);
    expect(await pendingLogouts()).toEqual([]);
  });

  it('the next login sends a remembered logout', async () => {
    const state = await signedIn();
    const token = state.session.value!.token;
    offline = true;
    await logout(state);
    offline = false;
    await login(state, 'agent1', 'daiban123');
    await expect.poll(() => pendingLogouts()).toEqual([]);
    expect(await status(token)).toBe(401);
  });
});

describe('token rotation on the device', () => {
  it('a screen call adopts the rotated token into storage and the session signal; it works', async () => {
    const state = await signedIn();
    const first = state.session.value!.token;
    clock.now += 25 * HOUR;
    await state.api.call(AUTH_ROUTES.me, {});
    const stored = (await getSession(Session))!;
    expect(stored.token).not.toBe(first);
    expect(stored.tokenIssuedAt).toBe(clock.now);
    expect(state.session.value!.token).toBe(stored.token);
    expect(await status(stored.token)).toBe(200);
  });

  it('a drain adopts it too (the service worker uses the same ports)', async () => {
    const state = await signedIn();
    const first = state.session.value!.token;
    clock.now += 25 * HOUR;
    const report = await drainNow();
    expect(report.outcome).toBe('done');
    const stored = (await getSession(Session))!;
    expect(stored.token).not.toBe(first);
    expect(await status(stored.token)).toBe(200);
  });

  it('the newest token wins whatever order the answers arrive in', async () => {
    await saveSession({ token: 'a'.repeat(43), user: { id: 'u', name: '某', role: 'agent' }, loggedInAt: 1 });
    expect(await adoptRotatedToken('c'.repeat(43), 300)).toBe(true);
    expect(await adoptRotatedToken('b'.repeat(43), 200)).toBe(false);
    expect((await getSession(Session))!.token).toBe('c'.repeat(43));
  });

  it('is not adopted after logout (no session to attach it to)', async () => {
    expect(await adoptRotatedToken('d'.repeat(43), 400)).toBe(false);
    expect(await getSession(Session)).toBeUndefined();
  });
});

describe('a revoked session', () => {
  it('delivers its queued case, then wipes and shows the login screen with the reason', async () => {
    const state = await signedIn();
    const { router } = h.get();
    const caseId = await queueCase(state.session.value!.user.id);
    expect(await pendingCount()).toBe(1);
    await adminRevokes(state.session.value!.user.id);
    state.deps.syncNow = async () => void (await drainNow());
    // The drain pushes (accepted during the grace) and then the pull is told auth.revoked.
    const report = await drainNow();
    expect(report.outcome).toBe('auth');
    expect(report.error?.code).toBe('auth.revoked');
    expect(report.accepted).toBe(1);
    await endRevokedSession(state, report.error!.code);
    const admin = await server.login('admin');
    const onServer = await server.get<{ case: { status: string } }>(admin, `/api/review/cases/${caseId}`);
    expect(onServer.body.case.status).toBe('submitted');
    expect(await countCases()).toBe(0);
    expect(await getSession(Session)).toBeUndefined();
    expect(state.session.value).toBeNull();
    expect(router.route.value).toEqual({ name: 'login' });
    expect(state.sessionEnd.notice.value).toMatch(/本设备的登录已被取消.*所有办件都已送到乡镇/);
  });

  it('keeps work it cannot deliver, locks with the count and why, and wipes only after an export', async () => {
    const state = await signedIn();
    await queueCase(state.session.value!.user.id);
    await queueCase(state.session.value!.user.id);
    await adminRevokes(state.session.value!.user.id);
    // Past the push grace: the server refuses even the final push.
    clock.now += 8 * 24 * HOUR;
    state.deps.syncNow = async () => void (await drainNow());
    const report = await drainNow();
    expect(report.error?.code).toBe('auth.revoked');
    await endRevokedSession(state, 'auth.revoked');
    const ended = state.sessionEnd.ended.value!;
    expect(ended).toMatchObject({ code: 'auth.revoked', cases: 2, drafts: 0, exported: false });
    expect(ended.why).toMatch(/不再接受本设备发送/);
    expect(await countCases()).toBe(2);
    expect(await unsentWork()).toEqual({ cases: 2, drafts: 0 });
    await expect(wipeEndedSession(state)).rejects.toThrow(/先把未同步的办件导出/);
    expect(await countCases()).toBe(2);
    const { blob, fileName } = await exportEndedSession(state);
    expect(fileName).toMatch(/^daiban-未同步-agent1-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(await blob.text()) as { outbox: unknown[]; cases: unknown[]; blobs: { data: string }[] };
    expect(file.outbox).toHaveLength(2);
    expect(file.cases).toHaveLength(2);
    expect(file.blobs.length).toBeGreaterThan(0);
    expect(typeof file.blobs[0]!.data).toBe('string');
    // A retry under way when 确定清除 is tapped (a sync meeting the revoked session) finishes,
    // still undelivered, and the wipe follows; a sync meeting it during the wipe starts nothing.
    const retrying = endRevokedSession(state, 'auth.revoked');
    const wiping = wipeEndedSession(state);
    await retrying;
    await endRevokedSession(state, 'auth.revoked');
    await wiping;
    expect(await countCases()).toBe(0);
    expect(state.sessionEnd.ended.value).toBeNull();
    expect(state.sessionEnd.notice.value).toMatch(/未同步的办件已导出到文件/);
  });

  it('a disabled account is told so', async () => {
    const state = await signedIn('agent2');
    const admin = await server.login('admin');
    const res = await fetch(`${server.baseUrl}/api/admin/users/${state.session.value!.user.id}/disable`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    const report = await drainNow();
    expect(report.error?.code).toBe('auth.disabled');
    await endRevokedSession(state, 'auth.disabled');
    expect(state.sessionEnd.notice.value).toMatch(/该账号已被县级管理员停用/);
  });
});

describe('sign out on all devices', () => {
  it("ends this and the user's other sessions, then wipes this device", async () => {
    const other = await server.login('agent3');
    const state = await signedIn('agent3');
    const mine = state.session.value!.token;
    await signOutEverywhere(state);
    expect(await status(other)).toBe(401);
    expect(await status(mine)).toBe(401);
    expect(await getSession(Session)).toBeUndefined();
  });

  it('offline it fails with a message and wipes nothing', async () => {
    const state = await signedIn('agent3');
    offline = true;
    await expect(signOutEverywhere(state)).rejects.toMatchObject({ kind: 'network' });
    expect(await getSession(Session)).toBeDefined();
  });
});
