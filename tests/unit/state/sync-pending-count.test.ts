// The unsent count on screen comes from the outbox itself, never from the scheduler's copy: that
// copy is only read at the scheduler's start and at the end of each round, so while a round runs
// it can still say 0 for work saved since (CI saw 待同步 read 0 just as the browser went online).
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src/domain';
import { enqueue, getDb, pendingCount, saveSession } from '../../../src/storage';
import { refreshSyncStatus } from '../../../src/state';
import { connectSync } from '../../../src/state/sync-wiring';
import { fakeScheduler } from './fake-scheduler';
import { withdrawMutation } from '../sync/fixtures';
import { useHarness } from './harness';

const h = useHarness();

describe('the unsent count while the scheduler reports', () => {
  it("keeps the outbox's count when a round starts with the scheduler's stale 0", async () => {
    const { state } = h.get();
    await saveSession(state.session.value);
    const fake = fakeScheduler();
    connectSync(state, () => fake.scheduler).start();
    // Work saved after the scheduler's own read: a withdrawal waiting in the outbox.
    await getDb().transaction('rw', getDb().outbox, () => enqueue(withdrawMutation(uuidv7(), 1)));
    await refreshSyncStatus(state);
    const unsent = await pendingCount();
    expect(unsent).toBeGreaterThan(0);
    expect(state.sync.pending.value).toBe(unsent);

    fake.report({ running: true, pending: 0 });
    expect(state.sync.running.value).toBe(true);
    expect(state.sync.pending.value).toBe(unsent);

    // The round ends with nothing sent (offline): the count is read again from the outbox.
    fake.report({ running: false, pending: 0, lastOutcome: 'offline' });
    await new Promise((r) => setTimeout(r, 50));
    expect(state.sync.pending.value).toBe(unsent);
  });
});
