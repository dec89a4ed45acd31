// What this device could not read, for the sync and settings screens and the diagnostic the
// agent may send: rows of its own database that fail their schema (found when read; they are
// skipped, never failing a whole list) and pulled changes of a kind this app does not know
// (kept, since the cursor moves past them). Only table, key, version and schema paths are kept —
// never the values, which may hold a villager's personal data.
//
// Unreadable rows are also kept in a small store of their own (idb-keyval, a separate IndexedDB
// database): a report about the main database must not depend on reading it, and it survives a
// reload until the diagnostic is sent. Skipped changes are written with their pull page instead
// (one Dexie transaction with the cursor: skipped-changes.ts). This module carries no Dexie: the
// first screen's row reads report here (issue 13). idb-keyval is imported statically: the first
// screen's keyring carries it anyway, and a dynamic import of a module already there would only
// make the bundle build its namespace object (and load the bundler's runtime file) for nothing.
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { DiagnosticItem } from '../domain/api';

/** DO NOT RENAME: devices hold it. */
export const SKIPPED_CHANGES_KEY = 'skippedChanges';
/** The newest problems kept; older ones are dropped (a diagnostic carries at most 100). */
export const MAX_KEPT_PROBLEMS = 100;

const rowProblems = new Map<string, DiagnosticItem>();
const listeners = new Set<() => void>();

/** DO NOT RENAME: devices hold it. */
const DIAGNOSTICS_DB = 'daiban-diagnostics';
const ROW_PROBLEMS_KEY = 'rowProblems';
let store: UseStore | null | undefined;
/** The diagnostics store, where this runtime has IndexedDB (not in Node unit tests); opened on
 *  first use: only a device with a problem needs it. */
const diagnosticsStore = (): UseStore | null =>
  (store ??= typeof indexedDB === 'undefined' ? null : createStore(DIAGNOSTICS_DB, 'problems'));

async function persistRowProblems(): Promise<void> {
  const d = diagnosticsStore();
  if (d) await set(ROW_PROBLEMS_KEY, [...rowProblems.values()], d);
}

/** Rows found unreadable before this page started (kept until the diagnostic is sent). */
export async function restoreRowProblems(): Promise<void> {
  const d = diagnosticsStore();
  const kept = d ? ((await get<DiagnosticItem[]>(ROW_PROBLEMS_KEY, d)) ?? []) : [];
  for (const item of kept)
    if (!rowProblems.has(`${item.source}:${item.key}`)) rowProblems.set(`${item.source}:${item.key}`, item);
}

/** Called by the row readers (validate.ts) for each row they skip. */
export function noteRowProblem(item: DiagnosticItem): void {
  const key = `${item.source}:${item.key}`;
  const known = rowProblems.get(key);
  if (known && known.code === item.code && known.paths.join() === item.paths.join()) return;
  rowProblems.set(key, item);
  while (rowProblems.size > MAX_KEPT_PROBLEMS) rowProblems.delete(rowProblems.keys().next().value!);
  void persistRowProblems().catch(() => undefined);
  for (const listener of listeners) listener();
}

/** Rows found unreadable in this page's lifetime. */
export const listRowProblems = (): DiagnosticItem[] => [...rowProblems.values()];

export function onRowProblem(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Forgets the rows found unreadable (the diagnostic reached the server). */
export async function clearRowProblems(): Promise<void> {
  rowProblems.clear();
  const d = diagnosticsStore();
  if (d) await del(ROW_PROBLEMS_KEY, d);
}

/** Tells the screens that the problems changed. */
export function notifyDeviceProblems(): void {
  for (const listener of listeners) listener();
}
