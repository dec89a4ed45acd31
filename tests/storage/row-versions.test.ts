// Stored records carry their schema version; a row this app cannot read is skipped and reported,
// never failing the whole list.
import { describe, expect, it } from 'vitest';
import {
  applyPullPage,
  clearDeviceProblems,
  createCase,
  getCase,
  getDb,
  listCases,
  listRowProblems,
  listSkippedChanges,
} from '../../src/storage';
import { ROW_SCHEMA_VERSIONS } from '../../src/storage/row-versions';
import { caseAudit, freshDbPerTest, kase, T0 } from './fixtures';

freshDbPerTest();

async function threeCases() {
  const cases = [kase({ updatedAt: T0 + 1 }), kase({ updatedAt: T0 + 2 }), kase({ updatedAt: T0 + 3 })];
  for (const c of cases) await createCase(c, caseAudit(c.id!));
  return cases.map((c) => c.id!);
}

describe('stored rows carry their schema version', () => {
  it('every write stamps the table version (put, add and update alike)', async () => {
    const [id] = await threeCases();
    expect((await getDb().cases.get(id!)) as unknown).toMatchObject({ schemaVersion: ROW_SCHEMA_VERSIONS.cases });
    expect((await getDb().audit.toArray())[0] as unknown).toMatchObject({ schemaVersion: ROW_SCHEMA_VERSIONS.audit });
    await getDb().cases.update(id!, { updatedAt: T0 + 9 });
    expect((await getDb().cases.get(id!)) as unknown).toMatchObject({ schemaVersion: 1, updatedAt: T0 + 9 });
  });

  it('the version is not part of the domain record handed to the app', async () => {
    const [id] = await threeCases();
    expect(Object.keys((await getCase(id!))!)).not.toContain('schemaVersion');
  });
});

describe('a row this app cannot read', () => {
  it('a damaged row is skipped from the list and reported with its table, key and failing field', async () => {
    await clearDeviceProblems();
    const [a, b, c] = await threeCases();
    await getDb().cases.update(b!, { status: 'bogus' as never });
    const listed = await listCases();
    expect(listed.map((x) => x.id).sort()).toEqual([a, c].sort());
    expect(listRowProblems()).toEqual([
      expect.objectContaining({ code: 'row.invalid', source: 'cases', key: b, paths: ['status'], schemaVersion: 1 }),
    ]);
    // Asked for by itself, it is refused with a clear reason (not silently returned half-valid).
    await expect(getCase(b!)).rejects.toMatchObject({
      code: 'storage.invalid',
      message: expect.stringContaining('同步'),
    });
  });

  it('a row written by a newer app (after a downgrade) is skipped and reported as such', async () => {
    await clearDeviceProblems();
    const [a, b] = await threeCases();
    // Written straight into IndexedDB, past the middleware, as a newer app version would have.
    const raw = await getDb().cases.get(a!);
    const tx = getDb().backendDB().transaction('cases', 'readwrite');
    tx.objectStore('cases').put({ ...raw, schemaVersion: ROW_SCHEMA_VERSIONS.cases + 1 });
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = reject;
    });
    const listed = await listCases();
    expect(listed.map((x) => x.id)).not.toContain(a);
    expect(listed.map((x) => x.id)).toContain(b);
    expect(listRowProblems()).toEqual([
      expect.objectContaining({
        code: 'row.newer',
        source: 'cases',
        key: a,
        schemaVersion: ROW_SCHEMA_VERSIONS.cases + 1,
      }),
    ]);
  });
});

describe('pulled changes this app does not know', () => {
  it('are recorded with the page that skipped them, and the cursor moves past them', async () => {
    await applyPullPage({
      changes: [],
      cursor: 12,
      skipped: [{ seq: 12, type: 'catalog.published', code: 'change.unknown_kind' }],
      at: T0,
    });
    expect(await listSkippedChanges()).toEqual([
      { code: 'change.unknown_kind', source: 'pull', key: '12', paths: ['type:catalog.published'], seenAt: T0 },
    ]);
    expect((await getDb().syncState.get('pullCursor'))?.value).toBe(12);
    await clearDeviceProblems();
    expect(await listSkippedChanges()).toEqual([]);
  });
});
