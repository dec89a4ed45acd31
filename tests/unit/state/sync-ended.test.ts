// The page's sync wiring reacts to a drain that ends with auth.revoked / auth.disabled by ending
// the session (wipe, login screen with the reason), and to a plain expiry only with the usual
// "log in again" (the data stays). A scheduler of the test's own reports the outcomes.
import { describe, expect, it } from 'vitest';
import { countPersons, getSession, saveSession } from '../../../src/storage';
import { emptyPersonDraft, savePersonDraft, Session } from '../../../src/state';
import { connectSync } from '../../../src/state/sync-wiring';
import { fakeScheduler } from './fake-scheduler';
import { useHarness, VILLAGE } from './harness';

const h = useHarness();

async function withData() {
  const { state } = h.get();
  await saveSession(state.session.value);
  await savePersonDraft(state, {
    ...emptyPersonDraft(VILLAGE),
    name: '王秀英',
    idNumber: '11010519491231002X',
  });
  return state;
}

describe('sync wiring and an ended session', () => {
  it.each([
    ['auth.revoked', /本设备的登录已被取消/],
    ['auth.disabled', /该账号已被县级管理员停用/],
  ])('%s with nothing unsent: wipes and shows the reason on the login screen', async (code, reason) => {
    const state = await withData();
    const { router } = h.get();
    const fake = fakeScheduler();
    connectSync(state, () => fake.scheduler).start();
    fake.report({ lastOutcome: 'auth', needsLogin: true, lastError: { code, message: '…' } });
    await expect.poll(() => state.session.value).toBeNull();
    expect(await countPersons()).toBe(0);
    expect(await getSession(Session)).toBeUndefined();
    expect(router.route.value).toEqual({ name: 'login' });
    expect(state.sessionEnd.notice.value).toMatch(reason);
  });

  it('a plain expiry keeps everything and only asks to log in again', async () => {
    const state = await withData();
    const fake = fakeScheduler();
    connectSync(state, () => fake.scheduler).start();
    fake.report({ lastOutcome: 'auth', needsLogin: true, lastError: { code: 'auth.expired', message: '…' } });
    await expect.poll(() => state.toast.value?.text).toMatch(/重新登录/);
    expect(state.session.value).not.toBeNull();
    expect(await countPersons()).toBe(1);
    expect(state.sessionEnd.notice.value).toBeNull();
  });
});
