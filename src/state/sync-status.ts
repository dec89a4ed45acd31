// What the agent sees about sync: unsent count, last successful sync, problems. The sync module
// does the sending; this only reads storage (refreshed after writes and by the sync module).
import { computed, signal } from '@preact/signals';
import type { DiagnosticItem } from '../domain/api';
import { dismissRejected, getLastSyncAt, listProblems, pendingCount, retryNow, type OutboxEntry } from '../storage';
import type { AppState } from './app-state';

export function createSyncSlice() {
  const problems = signal<OutboxEntry[]>([]);
  return {
    /** Unsent entries; null until storage has been read, so nobody is told "0" too early. */
    pending: signal<number | null>(null),
    lastSyncAt: signal<number | undefined>(undefined),
    problems,
    /** Cases with a failed or rejected mutation: their cards show it. */
    problemCases: computed(() => new Map(problems.value.map((p) => [p.caseId, p] as const))),
    /** Set by the sync module while a drain runs. */
    running: signal(false),
    /** The server refused this app's protocol (426): only an update lets sync go on. */
    needsUpdate: signal(false),
    /** Stored rows this app could not read and pulled changes it skipped (device-problems.ts). */
    deviceProblems: signal<DiagnosticItem[]>([]),
    sendingDiagnostic: signal(false),
  };
}

export async function refreshSyncStatus(state: AppState): Promise<void> {
  const [pending, lastSyncAt, problems] = await Promise.all([pendingCount(), getLastSyncAt(), listProblems()]);
  state.sync.pending.value = pending;
  state.sync.lastSyncAt.value = lastSyncAt;
  state.sync.problems.value = problems;
}

/** The agent retries a failed entry now (the sync module picks it up on its next drain). */
export async function retrySyncEntry(state: AppState, id: string): Promise<void> {
  await retryNow(id, state.deps.now());
  await refreshSyncStatus(state);
  await state.deps.syncNow?.();
}

/** The agent has read a rejection and will fix the case: hide it from the problem list. */
export async function dismissSyncProblem(state: AppState, id: string): Promise<void> {
  await dismissRejected(id, state.deps.now());
  await refreshSyncStatus(state);
}

export async function syncNow(state: AppState): Promise<void> {
  if (!state.deps.syncNow) return;
  state.sync.running.value = true;
  try {
    await state.deps.syncNow();
  } finally {
    state.sync.running.value = false;
    await refreshSyncStatus(state);
  }
}
