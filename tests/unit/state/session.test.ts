import { describe, expect, it } from 'vitest';
import { countCases, countPersons, getSession } from '../../../src/storage';
import { createNewCase, emptyPersonDraft, login, logout, savePersonDraft, Session } from '../../../src/state';
import { NOW, VILLAGE, useHarness } from './harness';

const USER = { id: 'u-1', username: 'agent1', name: '王秀兰', role: 'agent', villageCode: VILLAGE, villageName: '东山村', countyCode: '341822' };
let reply: () => Promise<Response> = async () => new Response(JSON.stringify({ token: 'tok-1', user: USER, expiresAt: NOW + 1000 }), { status: 200 });
const h = useHarness(async () => reply());

describe('login', () => {
  it('keeps the token and user on the device so the app opens offline', async () => {
    const { state } = h.get();
    state.session.value = null;
    await login(state, ' agent1 ', 'daiban123');
    expect(state.session.value).toMatchObject({ token: 'tok-1', user: { name: '王秀兰', villageName: '东山村' }, loggedInAt: NOW });
    expect(await getSession(Session)).toMatchObject({ token: 'tok-1', user: { id: 'u-1' } });
  });

  it('renews the token of the same user and keeps the device data', async () => {
    const { state } = h.get();
    reply = async () => new Response(JSON.stringify({ token: 'tok-2', user: { ...USER, id: 'agent1' } }), { status: 200 });
    const p = await savePersonDraft(state, { ...emptyPersonDraft(VILLAGE), name: '王秀英', idNumber: '11010519491231002X' });
    await login(state, 'agent1', 'daiban123');
    expect(state.session.value?.token).toBe('tok-2');
    expect(await countPersons()).toBe(1);
    expect(p.name).toBe('王秀英');
  });

  it("refuses another user while the device holds the first user's work", async () => {
    const { state } = h.get();
    reply = async () => new Response(JSON.stringify({ token: 'tok-3', user: { ...USER, id: 'someone-else', name: '李建华' } }), { status: 200 });
    await expect(login(state, 'agent2', 'daiban123')).rejects.toMatchObject({ code: 'login.other_user' });
    expect(state.session.value?.token).toBe('t');
    expect(await getSession(Session)).toBeUndefined(); // nothing overwritten
  });

  it('shows the server message for bad credentials', async () => {
    reply = async () => new Response(JSON.stringify({ code: 'auth.bad_credentials', message: '用户名或密码不正确' }), { status: 401 });
    await expect(login(h.get().state, 'agent1', 'x')).rejects.toMatchObject({ code: 'auth.bad_credentials', message: '用户名或密码不正确' });
  });

  it('explains that the first login needs the network', async () => {
    reply = async () => { throw new TypeError('Failed to fetch'); };
    await expect(login(h.get().state, 'agent1', 'x')).rejects.toMatchObject({ code: 'login.offline' });
  });

  it('refuses an empty form without calling the server', async () => {
    reply = async () => { throw new Error('must not be called'); };
    await expect(login(h.get().state, ' ', '')).rejects.toMatchObject({ code: 'login.empty' });
  });
});

describe('logout', () => {
  it("clears the user's profiles and cases and returns to the login screen", async () => {
    const { state, router } = h.get();
    const p = await savePersonDraft(state, { ...emptyPersonDraft(VILLAGE), name: '王秀英', idNumber: '11010519491231002X' });
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
