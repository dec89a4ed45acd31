// A pull page costs the same from any cursor: `changes.after` reads two index ranges from the cursor
// on (the caller's division, and the rows for everyone) merged in seq order and cut at the limit —
// shown by SQLite's own query plan on the server's database (no table scan, no temp b-tree for the
// ORDER BY) — and it returns exactly the rows the scope rule selects, checked against a plain
// filter of the whole feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scope, Visibility } from '../../src/server/store';
import type { Sql, SqlValue } from '../../src/server/store/sql';
import { changeRepo } from '../../src/server/store/repos/log';
import { startServer, type TestServer } from './harness';
import { onPostgres } from './test-database';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
  // A feed of several divisions, with rows for everyone between them.
  const villages: Scope[] = [
    { villageCode: 'V1', townshipCode: 'T1', countyCode: 'C1' },
    { villageCode: 'V2', townshipCode: 'T1', countyCode: 'C1' },
    { villageCode: 'V3', townshipCode: 'T2', countyCode: 'C1' },
    { villageCode: 'V4', townshipCode: 'T3', countyCode: 'C2' },
  ];
  const everyone: Scope = { villageCode: null, townshipCode: null, countyCode: null };
  await s.app.store.transaction(async (tx) => {
    for (let i = 0; i < 600; i++) {
      const scope = i % 37 === 0 ? everyone : villages[i % villages.length]!;
      await tx.changes.append(
        scope,
        { type: 'case.status', caseId: `case-${i}`, status: 'submitted', version: 1, at: i },
        i,
      );
    }
  });
});
afterAll(() => s.close());

const VISIBILITIES: Visibility[] = [
  { villageCode: 'V1' },
  { townshipCode: 'T1' },
  { countyCode: 'C1' },
  { countyCode: 'C2' },
];

/** The SQL and parameters `changes.after` sends, captured on the way to the database. */
async function statementOf(visibility: Visibility, cursor: number, limit: number) {
  let seen: { sql: string; params: readonly SqlValue[] } | undefined;
  const recorder: Sql = {
    all: async (sql, params = []) => {
      seen = { sql, params };
      return [];
    },
    get: async () => undefined,
    run: async () => 0,
    write: async () => undefined,
    settle: async () => undefined,
  };
  const cipher = {} as Parameters<typeof changeRepo>[1]; // never reached: no rows come back
  await changeRepo(recorder, cipher).after(cursor, visibility, limit);
  return seen!;
}

// EXPLAIN QUERY PLAN is SQLite's.
describe.skipIf(onPostgres)('changes.after', () => {
  it.each(VISIBILITIES)('reads index ranges only, for %o', async (visibility) => {
    const { sql, params } = await statementOf(visibility, 300, 200);
    const plan = await s.db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params as (string | number)[]);
    const details = plan.map((p) => p.detail);
    const reads = details.filter((d) => /^(SCAN|SEARCH) /.test(d));
    expect(reads.length, details.join('\n')).toBe(2);
    for (const read of reads) expect(read, details.join('\n')).toMatch(/^SEARCH changes USING INDEX \w+ \(.*seq>\?\)$/);
    expect(reads.join('\n')).toMatch(/changes_everyone/);
    expect(details.join('\n')).not.toMatch(/TEMP B-TREE|SCAN /);
  });
});

// On both databases (PostgreSQL cuts each range at the limit: a different statement).
describe('changes.after', () => {
  it('returns exactly the rows the scope rule gives, oldest first, from any cursor', async () => {
    const all = await s.db.all<{
      seq: number;
      village_code: string | null;
      township_code: string | null;
      county_code: string | null;
    }>('SELECT seq, village_code, township_code, county_code FROM changes ORDER BY seq');
    const visible = (v: Visibility, r: (typeof all)[number]) =>
      (r.village_code === null && r.township_code === null && r.county_code === null) ||
      ('villageCode' in v
        ? r.village_code === v.villageCode
        : 'townshipCode' in v
          ? r.township_code === v.townshipCode
          : r.county_code === v.countyCode);
    const last = all.at(-1)!.seq;
    for (const v of VISIBILITIES) {
      for (const cursor of [0, 1, Math.floor(last / 2), last - 5, last]) {
        const expected = all
          .filter((r) => r.seq > cursor && visible(v, r))
          .map((r) => r.seq)
          .slice(0, 50);
        const got = (await s.app.store.changes.after(cursor, v, 50)).map((r) => r.seq);
        expect(got, `${JSON.stringify(v)} after ${cursor}`).toEqual(expected);
      }
    }
  });
});
