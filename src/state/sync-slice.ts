// What the agent sees about sync, as signals (sync-status.ts reads storage into them).
import { computed, signal } from '@preact/signals';
import type { DiagnosticItem } from '../domain/api';
import type { OutboxEntry } from '../storage';
// The first screen's reads (no Dexie before the first rows: issue 13).
import { countCases, getLastSyncAt, listProblems, pendingCount } from '../storage/first-reads';

export function createSyncSlice() {
  const problems = signal<OutboxEntry[]>([]);
  return {
    /** Unsent entries; null until storage has been read, so nobody is told "0" too early. */
    pending: signal<number | null>(null),
    /** Cases the township returned for correction (退回补正): the agent's next job, badged in the menu. */
    returned: signal<number | null>(null),
    lastSyncAt: signal<number | undefined>(undefined),
    problems,
    /** Cases with a failed or rejected mutation: their cards show it. */
    problemCases: computed(() => new Map(problems.value.map((p) => [p.caseId, p] as const))),
    /** Set by the sync module while a drain runs. */
    running: signal(false),
    /**
     * Rounds have not reached the township server since `since` although the device has a network
     * (Wi-Fi without internet, the server down: 'offline' is no answer, 'unavailable' a failing
     * server). Null once a round reaches it. The agent is told: the badge, 同步状态.
     */
    unreachable: signal<{ since: number; outcome: 'offline' | 'unavailable' } | null>(null),
    /** The server refused this app's protocol (426): only an update lets sync go on. */
    needsUpdate: signal(false),
    /** Stored rows this app could not read and pulled changes it skipped (device-problems.ts). */
    deviceProblems: signal<DiagnosticItem[]>([]),
    sendingDiagnostic: signal(false),
  };
}

/** Reads the unsent count, the returned cases, the last sync and the problems from storage. */
export async function refreshSyncStatus(state: { sync: ReturnType<typeof createSyncSlice> }): Promise<void> {
  const [pending, returned, lastSyncAt, problems] = await Promise.all([
    pendingCount(),
    countCases({ returned: true }),
    getLastSyncAt(),
    listProblems(),
  ]);
  state.sync.pending.value = pending;
  state.sync.returned.value = returned;
  state.sync.lastSyncAt.value = lastSyncAt;
  state.sync.problems.value = problems;
}
