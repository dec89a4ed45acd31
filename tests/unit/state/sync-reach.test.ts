// Online but the township server does not answer (Wi-Fi without internet, the server down): the
// agent is told, with since when, instead of 在线 and 没有同步问题; a round that gets through clears it.
import { describe, expect, it } from 'vitest';
import { syncNow } from '../../../src/state';
import { connectSync } from '../../../src/state/sync-wiring';
import { fakeScheduler } from './fake-scheduler';
import { clock, useHarness } from './harness';

const h = useHarness();

describe('a server the device cannot reach', () => {
  it('is noted from the first failed round, kept through the next ones, cleared by one that gets through', async () => {
    const { state } = h.get();
    const fake = fakeScheduler();
    connectSync(state, () => fake.scheduler).start();
    expect(state.sync.unreachable.value).toBeNull();

    const first = clock.t;
    fake.report({ running: false, lastOutcome: 'offline' });
    expect(state.sync.unreachable.value).toEqual({ since: first, outcome: 'offline' });
    // The next rounds fail too: still since the first one; a round under way changes nothing.
    clock.t += 60_000;
    fake.report({ running: true });
    fake.report({ running: false, lastOutcome: 'offline' });
    expect(state.sync.unreachable.value).toEqual({ since: first, outcome: 'offline' });
    // The server answers, but fails (5xx): same time, the other reason.
    fake.report({ running: false, lastOutcome: 'unavailable' });
    expect(state.sync.unreachable.value).toEqual({ since: first, outcome: 'unavailable' });
    // Another tab holds the lock: no news about the server.
    fake.report({ running: false, lastOutcome: 'busy' });
    expect(state.sync.unreachable.value).toMatchObject({ outcome: 'unavailable' });
    // A round gets through (an expired login still reached the server).
    fake.report({ running: false, lastOutcome: 'auth', needsLogin: true });
    expect(state.sync.unreachable.value).toBeNull();
    fake.report({ running: false, lastOutcome: 'offline', needsLogin: false });
    fake.report({ running: false, lastOutcome: 'done' });
    expect(state.sync.unreachable.value).toBeNull();
  });

  it('立即同步 that does not get through says so', async () => {
    const { state } = h.get();
    const fake = fakeScheduler();
    connectSync(state, () => fake.scheduler).start();
    state.online.value = true;
    state.deps.syncNow = async () => fake.report({ running: false, lastOutcome: 'offline' });
    await syncNow(state);
    expect(state.toast.value).toMatchObject({ tone: 'warning', text: expect.stringContaining('连不上乡镇服务器') });

    state.toast.value = null;
    state.deps.syncNow = async () => fake.report({ running: false, lastOutcome: 'done' });
    await syncNow(state);
    expect(state.toast.value).toBeNull();
  });
});
