// Pulled changes this app skipped (kinds it does not know), kept in syncState with the pull page
// that skipped them, and the "send diagnostic" reset of every device problem (device-problems.ts).
import type { DiagnosticItem, SkippedChange } from '../domain/api';
import { getDb } from './connection';
import { clearRowProblems, MAX_KEPT_PROBLEMS, notifyDeviceProblems, SKIPPED_CHANGES_KEY } from './device-problems';

const asItem = (s: SkippedChange, at: number): DiagnosticItem => ({
  code: s.code,
  source: 'pull',
  key: s.seq === null ? '?' : String(s.seq),
  paths: s.type ? [`type:${s.type}`.slice(0, 120)] : [],
  seenAt: at,
});

/** Joins the caller's transaction (the pull page that skipped them, with its cursor). */
export async function recordSkippedChanges(skipped: SkippedChange[], at: number): Promise<void> {
  if (skipped.length === 0) return;
  const kept = await listSkippedChanges();
  const next = [...kept, ...skipped.map((s) => asItem(s, at))].slice(-MAX_KEPT_PROBLEMS);
  await getDb().syncState.put({ key: SKIPPED_CHANGES_KEY, value: next });
}

export async function listSkippedChanges(): Promise<DiagnosticItem[]> {
  const row = await getDb().syncState.get(SKIPPED_CHANGES_KEY);
  return Array.isArray(row?.value) ? (row.value as DiagnosticItem[]) : [];
}

/** After the diagnostic reached the server: the agent's list starts empty again. */
export async function clearDeviceProblems(): Promise<void> {
  await clearRowProblems();
  await getDb().syncState.delete(SKIPPED_CHANGES_KEY);
  notifyDeviceProblems();
}
