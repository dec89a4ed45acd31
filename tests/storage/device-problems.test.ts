// Unreadable rows are kept in a store of their own (src/storage/device-problems.ts), so a reload —
// a new page, a new module instance — still lists them until the diagnostic reaches the server.
import { indexedDB } from 'fake-indexeddb';
import { createStore, get } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DiagnosticItem } from '../../src/domain/api';

type Problems = typeof import('../../src/storage/device-problems');
/** A fresh module instance: what a reloaded page starts with (nothing in memory). */
async function reloaded(): Promise<Problems> {
  vi.resetModules();
  return import('../../src/storage/device-problems');
}
/** What devices hold, under the names they were written with (database, store and key are kept). */
const stored = () => get<DiagnosticItem[]>('rowProblems', createStore('daiban-diagnostics', 'problems'));

const damaged: DiagnosticItem = {
  code: 'row.invalid',
  source: 'cases',
  key: 'case-1',
  paths: ['fields.idNumber'],
  seenAt: 1_750_000_000_000,
};
const newer: DiagnosticItem = {
  code: 'row.newer',
  source: 'persons',
  key: 'person-1',
  schemaVersion: 9,
  paths: [],
  seenAt: 1_750_000_001_000,
};

describe('device problems kept across a reload', () => {
  beforeEach(() => vi.stubGlobal('indexedDB', indexedDB));
  afterEach(async () => {
    await (await reloaded()).clearRowProblems();
    vi.unstubAllGlobals();
  });

  it('lists a reloaded page the rows an earlier one could not read', async () => {
    const before = await reloaded();
    before.noteRowProblem(damaged);
    before.noteRowProblem(newer);
    // Its read is queued on the same store after the two writes, so it answers once they are in.
    await before.restoreRowProblems();
    expect(await stored()).toEqual([damaged, newer]);

    const after = await reloaded();
    expect(after.listRowProblems()).toEqual([]);
    await after.restoreRowProblems();
    expect(after.listRowProblems()).toEqual([damaged, newer]);
  });

  it('forgets them once cleared (the diagnostic was sent)', async () => {
    const before = await reloaded();
    before.noteRowProblem(damaged);
    await before.clearRowProblems();
    expect(before.listRowProblems()).toEqual([]);
    expect(await stored()).toBeUndefined();

    const after = await reloaded();
    await after.restoreRowProblems();
    expect(after.listRowProblems()).toEqual([]);
  });
});
