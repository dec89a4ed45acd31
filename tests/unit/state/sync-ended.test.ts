// The page's sync wiring reacts to a drain that ends with auth.revoked / auth.disabled by ending
// the session (wipe, login screen with the reason), and to a plain expiry only with the usual
// "log in again" (the data stays). A scheduler of the test's own reports the outcomes.
import { describe, expect, it } from 'vitest';
import { countPersons, getSession, saveSession } from '../../../src/storage';
import { emptyPersonDraft, savePersonDraft, Session } from '../../../src/state';
import { connectSync } from '../../../src/state/sync-wiring';
import type { SyncScheduler, SyncStatus } from '../../../src/sync';
import { useHarness, VILLAGE } from './harness';

const h = useHarness();

function fakeScheduler() {
  let listener: ((s: SyncStatus) => void) | undefined;
  let status: SyncStatus = { pending: 0, running: false, problems: [], needsLogin: false, needsUpdate: false };
  const scheduler: SyncScheduler = {
    start: () => undefined,
    stop: () => undefined,
    requestSync: async () => undefined,
    refresh: async () => undefined,
    onStatus: (l) => {
      listener = l;
      l(status);
      return () => (listener = undefined);
    },
    getStatus: () => status,
  };
  const report = (patch: Partial<SyncStatus>) => {
    status = { ...status, ...patch };
    listener?.(status);
  };
  return { scheduler, report };
}

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
