// Login and logout against the real township server (Fastify + SQLite on a port): what the app
// keeps is what the server answered, not a fixture of the test's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCases, countPersons, getSession } from '../../../src/storage';
import { createNewCase, emptyPersonDraft, login, logout, savePersonDraft, Session } from '../../../src/state';
import { startRealServer, type RunningServer } from '../sync/real-server';
import { NOW, VILLAGE, useHarness } from './harness';

let server: RunningServer;
/** Set by a test to make the network fail like a tablet without signal. */
let offline = false;
let calls = 0;
beforeAll(async () => {
  server = await startRealServer();
});
afterAll(() => server.close());

const h = useHarness(async (input, init) => {
  calls++;
  if (offline) throw new TypeError('Failed to fetch');
  return fetch(`${server.baseUrl}${String(input)}`, init);
});

/** The harness starts signed in as `agent1` with a dummy token: sign that device out first. */
const signedOut = () => {
  const { state } = h.get();
  state.session.value = null;
  offline = false;
  return state;
};

describe('login', () => {
  it('keeps the token and the user with the names of their places, so the app opens offline', async () => {
    const state = signedOut();
    await login(state, ' agent1 ', 'daiban123');
    const session = state.session.value!;
    expect(session.loggedInAt).toBe(NOW);
    expect(session.user).toMatchObject({ username: 'agent1', role: 'agent' });
    expect(session.user.villageCode).toMatch(/^\d{12}$/);
    expect(session.user.villageName).toBeTruthy();
    expect(session.expiresAt).toBeGreaterThan(Date.now());
    // The token works on the server, and the device keeps exactly what it was given.
    const me = await fetch(`${server.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${session.token}` } });
    expect(me.status).toBe(200);
    expect(await getSession(Session)).toEqual(session);
  });

  it('renews the token of the same user and keeps the device data', async () => {
    const state = signedOut();
    await login(state, 'agent1', 'daiban123');
    const first = state.session.value!.token;
    const p = await savePersonDraft(state, {
      ...emptyPersonDraft(VILLAGE),
      name: '王秀英',
      idNumber: '11010519491231002X',
    });
    await login(state, 'agent1', 'daiban123');
    expect(state.session.value!.token).not.toBe(first);
    expect(await countPersons()).toBe(1);
    expect(p.name).toBe('王秀英');
  });

  it("refuses another user while the device holds the first user's work", async () => {
    const state = signedOut();
    await login(state, 'agent1', 'daiban123');
    const kept = await getSession(Session);
    await expect(login(state, 'agent2', 'daiban123')).rejects.toMatchObject({ code: 'login.other_user' });
    expect(state.session.value?.user.username).toBe('agent1');
    expect(await getSession(Session)).toEqual(kept); // nothing overwritten
  });

  it('shows the server message for bad credentials', async () => {
    const state = signedOut();
    await expect(login(state, 'agent1', 'wrong-password')).rejects.toMatchObject({
      code: 'auth.bad_credentials',
      message: '用户名或密码不正确',
    });
    expect(state.session.value).toBeNull();
  });

  it('explains that the first login needs the network', async () => {
    const state = signedOut();
    offline = true;
    await expect(login(state, 'agent1', 'daiban123')).rejects.toMatchObject({
      code: 'login.offline',
      message: expect.stringContaining('联网'),
    });
  });

  it('refuses an empty form without calling the server', async () => {
    const state = signedOut();
    const before = calls;
    await expect(login(state, ' ', '')).rejects.toMatchObject({ code: 'login.empty' });
    expect(calls).toBe(before);
  });
});

describe('logout', () => {
  it("clears the user's profiles and cases and returns to the login screen", async () => {
    const { state, router } = h.get();
    const p = await savePersonDraft(state, {
      ...emptyPersonDraft(VILLAGE),
      name: '王秀英',
      idNumber: '11010519491231002X',
    });
    await createNewCase(state, { itemCode: 'MZ-LNRYDZ', applicantId: p.id });
    expect(await countPersons()).toBe(1);
    await logout(state);
    expect(await countPersons()).toBe(0);
    expect(await countCases()).toBe(0);
    expect(await getSession(Session)).toBeUndefined();
    expect(state.session.value).toBeNull();
    expect(router.route.value).toEqual({ name: 'login' });
  });
});
