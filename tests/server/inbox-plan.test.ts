// The reviewer inbox costs O(page), not O(township): each statement `cases.query`, `cases.counts`,
// `cases.countOverdue` and `cases.inboxCounts` send is read as an index range in the order asked for — no table scan
// and no temporary b-tree sorting the scope — and the chip counts read the counter table, not the
// cases. Shown by the database's own plan on the server's database: SQLite's EXPLAIN QUERY PLAN,
// and PostgreSQL's EXPLAIN (with sequential scans priced out, as a table of millions would be).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseQuery, Visibility } from '../../src/server/store';
import type { Sql, SqlValue } from '../../src/server/store/sql';
import { caseRepo } from '../../src/server/store/repos/cases';
import { openPostgres } from '../../src/server/store/postgres';
import { startServer, type TestServer } from './harness';
import { onPostgres } from './test-database';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

interface Statement {
  sql: string;
  params: readonly SqlValue[];
}

const KEY = '2026-03-10|1001772000000000|0190a0b0-0000-7000-8000-000000000001';
const KEYS = Array.from({ length: 100 }, (_, i) => `${KEY.slice(0, -3)}${String(i).padStart(3, '0')}`);

/** The statements a repository call sends, captured on the way to the database. */
async function statementsOf(call: (repo: ReturnType<typeof caseRepo>) => Promise<unknown>): Promise<Statement[]> {
  const seen: Statement[] = [];
  const recorder: Sql = {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => {
      seen.push({ sql, params });
      // Keys from the ranges (more than any page skips), so that the page's rows are asked for too
      // (and none come back).
      return (/^SELECT queue_key FROM/.test(sql) ? KEYS.map((queue_key) => ({ queue_key })) : []) as T[];
    },
    get: async (sql, params = []) => {
      seen.push({ sql, params });
      return undefined;
    },
    run: async () => 0,
    write: async () => undefined,
    settle: async () => undefined,
  };
  const cipher = {} as Parameters<typeof caseRepo>[1]; // never reached: no case rows come back
  await call(caseRepo(recorder, cipher));
  return seen;
}

const TOWN: Visibility = { townshipCode: '341822100000' };
const COUNTY: Visibility = { countyCode: '341822' };
const VILLAGE = '341822100201';
const ITEM = 'MZ-GLJT';
const AWAITING = ['submitted', 'resubmitted', 'in_review'] as const;

/** The inbox's queries, and the queue index each must read. */
const PAGES: { name: string; q: CaseQuery; index: string }[] = [
  {
    name: 'township, awaiting review',
    q: { visibility: TOWN, statuses: [...AWAITING], limit: 200, offset: 0 },
    index: 'cases_queue_township',
  },
  { name: 'township, every status', q: { visibility: TOWN, limit: 50, offset: 10 }, index: 'cases_queue_township' },
  {
    name: 'township, after a cursor',
    q: { visibility: TOWN, statuses: ['accepted'], limit: 50, offset: 0, after: KEY },
    index: 'cases_queue_township',
  },
  {
    name: 'township, overdue',
    q: { visibility: TOWN, overdueBefore: '2026-03-10', limit: 50, offset: 0 },
    index: 'cases_queue_township',
  },
  {
    name: 'township, one village',
    q: { visibility: TOWN, villageCode: VILLAGE, statuses: [...AWAITING], limit: 50, offset: 0 },
    index: 'cases_queue_village',
  },
  {
    name: 'township, one item',
    q: { visibility: TOWN, itemCode: ITEM, statuses: [...AWAITING], limit: 50, offset: 0 },
    index: 'cases_queue_township_item',
  },
  {
    name: 'township, village and item',
    q: { visibility: TOWN, villageCode: VILLAGE, itemCode: ITEM, limit: 50, offset: 0 },
    index: 'cases_queue_village',
  },
  {
    name: 'county (admin)',
    q: { visibility: COUNTY, statuses: ['accepted_tolerance'], limit: 50, offset: 0 },
    index: 'cases_queue_county',
  },
];

const COUNTS: { name: string; call: (r: ReturnType<typeof caseRepo>) => Promise<unknown>; reads: string }[] = [
  { name: 'chips of a township', call: (r) => r.counts({ visibility: TOWN }), reads: 'case_counts' },
  { name: 'chips of a county', call: (r) => r.counts({ visibility: COUNTY }), reads: 'case_counts' },
  {
    name: 'filtered total',
    call: (r) => r.total({ visibility: TOWN, statuses: [...AWAITING], villageCode: VILLAGE, itemCode: ITEM }),
    reads: 'case_counts',
  },
  { name: 'overdue count', call: (r) => r.countOverdue(TOWN, '2026-03-10'), reads: 'case_due_counts' },
  { name: 'overdue count of a county', call: (r) => r.countOverdue(COUNTY, '2026-03-10'), reads: 'case_due_counts' },
  { name: 'overdue total', call: (r) => r.total({ visibility: TOWN, overdueBefore: '2026-03-10' }), reads: 'cases' },
];

/** The route's counts in one statement (`inboxCounts`): the chips and a total from the counters,
 *  the overdue count from the due-date counters (and, under the overdue filter, the total from the
 *  overdue cases' range). */
const INBOX_COUNTS: { name: string; q: Omit<CaseQuery, 'limit' | 'offset'>; casesRanges: number }[] = [
  {
    name: 'a filter',
    q: { visibility: TOWN, statuses: [...AWAITING], villageCode: VILLAGE, itemCode: ITEM },
    casesRanges: 0,
  },
  { name: 'the overdue filter', q: { visibility: TOWN, overdueBefore: '2026-03-10' }, casesRanges: 1 },
];

describe.skipIf(onPostgres)('inbox query plans (SQLite)', () => {
  const plan = async (st: Statement) =>
    (await s.db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${st.sql}`, st.params as (string | number)[])).map(
      (p) => p.detail,
    );
  /** The lines that read a table: without a compound statement's frame and its subqueries' output. */
  const reads = (details: string[]) =>
    details.filter((d) => !/^(COMPOUND QUERY|LEFT-MOST SUBQUERY|UNION ALL|CO-ROUTINE r\d+|SCAN r\d+)$/.test(d));

  it.each(PAGES)('a page ($name) reads $index ranges in order, then the page rows by id', async ({ q, index }) => {
    const statements = await statementsOf((r) => r.query(q));
    // The status ranges side by side in one statement, then the page's rows.
    expect(statements).toHaveLength(2);
    const [ranges, rows] = statements as [Statement, Statement];
    expect(ranges.sql).toMatch(/^SELECT queue_key FROM/);
    const details = await plan(ranges);
    expect(details.join('\n')).not.toMatch(/TEMP B-TREE/);
    const searches = reads(details);
    expect(searches.length).toBeGreaterThan(0);
    for (const line of searches) expect(line).toMatch(new RegExp(`^SEARCH cases USING (COVERING )?INDEX ${index} \\(`));
    // Each case by its id, and its applicant by theirs.
    expect(await plan(rows)).toEqual([
      'SEARCH c USING INDEX sqlite_autoindex_cases_1 (id=?)',
      'CORRELATED SCALAR SUBQUERY 1',
      'SEARCH p USING INDEX sqlite_autoindex_persons_1 (id=?)',
    ]);
  });

  it.each(COUNTS)('$name: index ranges of $reads, no scan', async ({ call, reads: table }) => {
    for (const st of await statementsOf(call)) {
      // The counter cells of a scope are grouped in a temporary b-tree: a few thousand at most.
      // (SQLite reads queue_key, a VIRTUAL column, from the row: one lookup per overdue case.)
      const searches = reads(await plan(st)).filter((d) => !d.startsWith('USE TEMP B-TREE FOR GROUP BY'));
      if (table !== 'case_counts') expect(searches).toHaveLength(1);
      expect(searches.length).toBeGreaterThan(0);
      for (const line of searches)
        expect(line).toMatch(
          {
            cases:
              /^SEARCH cases USING INDEX cases_queue_township \(township_code=\? AND status=\? AND queue_key<\?\)$/,
            case_counts:
              /^SEARCH case_counts USING INDEX (sqlite_autoindex_case_counts_1|case_counts_county) \((township|county)_code=\?.*\)$/,
            case_due_counts:
              /^SEARCH case_due_counts USING (COVERING )?INDEX (sqlite_autoindex_case_due_counts_1|case_due_counts_county) \((township|county)_code=\? AND due_on<\?\)$/,
          }[table]!,
        );
    }
  });

  it('the chips are one statement', async () => {
    expect(await statementsOf((r) => r.counts({ visibility: TOWN }))).toHaveLength(1);
  });

  it.each(INBOX_COUNTS)(
    'the inbox counts of $name: one statement of index ranges, no scan',
    async ({ q, casesRanges }) => {
      const statements = await statementsOf((r) => r.inboxCounts(q, '2026-03-10'));
      expect(statements).toHaveLength(1);
      const searches = reads(await plan(statements[0]!)).filter((d) => !d.startsWith('USE TEMP B-TREE FOR GROUP BY'));
      const ofCases = searches.filter((d) => d.startsWith('SEARCH cases '));
      expect(ofCases).toHaveLength(casesRanges);
      for (const line of ofCases)
        expect(line).toBe(
          'SEARCH cases USING INDEX cases_queue_township (township_code=? AND status=? AND queue_key<?)',
        );
      const ofCounters = searches.filter((d) => !d.startsWith('SEARCH cases '));
      expect(ofCounters.length).toBeGreaterThan(0);
      for (const line of ofCounters)
        expect(line).toMatch(
          /^SEARCH (case_counts|case_due_counts) USING INDEX sqlite_autoindex_case_(due_)?counts_1 \(township_code=\?.*\)$/,
        );
      expect(ofCounters.filter((d) => d.startsWith('SEARCH case_due_counts '))).toHaveLength(1);
    },
  );
});

describe.skipIf(!onPostgres)('inbox query plans (PostgreSQL)', () => {
  /** EXPLAIN with sequential scans priced out: on a test's tiny tables the planner would scan. */
  const plan = async (st: Statement) => {
    const db = openPostgres(s.config.databaseUrl!, { poolSize: 1 });
    try {
      return await db.transaction(async (tx) => {
        await tx.run('SET LOCAL enable_seqscan = off');
        const rows = await tx.all<{ 'QUERY PLAN': string }>(`EXPLAIN ${st.sql}`, st.params);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    } finally {
      await db.close();
    }
  };

  it.each(PAGES)('a page ($name) reads $index in order, without sorting', async ({ q, index }) => {
    const statements = await statementsOf((r) => r.query(q));
    expect(statements).toHaveLength(2);
    const [ranges, rows] = statements as [Statement, Statement];
    const details = await plan(ranges);
    expect(details).toMatch(new RegExp(`Index (Only )?Scan using ${index} on cases`));
    // Every range by that index (none by another).
    expect(details).not.toMatch(new RegExp(`Sort|Seq Scan|Index (Only )?Scan using (?!${index} )`));
    // The page's cases by their ids, their applicants by theirs.
    const page = await plan(rows);
    expect(page).toMatch(/Index Scan (using|on) cases_pkey/);
    expect(page).toMatch(/SubPlan[^]*Index Scan (using|on) persons_pkey/);
    expect(page).not.toMatch(/Seq Scan|Sort/);
  });

  it('the applicants of a page are probed by key, however many persons there are', async () => {
    // As a join, the planner hashed the whole persons table once it held a few thousand rows
    // (4.5 ms for 2,000, on every page). With that many, analysed, and scans allowed:
    const [, rows] = (await statementsOf((r) => r.query(PAGES[0]!.q))) as [Statement, Statement];
    const db = openPostgres(s.config.databaseUrl!, { poolSize: 1 });
    let page = '';
    const undo = new Error('rolled back: the persons were for the planner only');
    try {
      await db.transaction(async (tx) => {
        await tx.run(`INSERT INTO persons (id, village_code, data, updated_at)
          SELECT 'plan-' || i, '${VILLAGE}', repeat('x', 600), 0 FROM generate_series(1, 5000) AS i`);
        await tx.run('ANALYZE persons');
        const out = await tx.all<{ 'QUERY PLAN': string }>(`EXPLAIN ${rows.sql}`, rows.params);
        page = out.map((r) => r['QUERY PLAN']).join('\n');
        throw undo;
      });
    } catch (error) {
      if (error !== undo) throw error;
    } finally {
      await db.close();
    }
    expect(page).not.toMatch(/Hash|Seq Scan on persons/);
    expect(page).toMatch(/Index Scan (using|on) persons_pkey/);
  });

  it.each(INBOX_COUNTS)(
    'the inbox counts of $name: one statement, counters and cases by index',
    async ({ q, casesRanges }) => {
      const statements = await statementsOf((r) => r.inboxCounts(q, '2026-03-10'));
      expect(statements).toHaveLength(1);
      const details = await plan(statements[0]!);
      expect(details).toMatch(/(Index|Index Only|Bitmap Heap) Scan (using \w+ )?on case_counts\b/);
      expect(details).toMatch(/(Index|Index Only|Bitmap Heap) Scan (using \w+ )?on case_due_counts\b/);
      if (casesRanges > 0) expect(details).toMatch(/(Index|Index Only|Bitmap Heap) Scan (using \w+ )?on cases\b/);
      else expect(details).not.toMatch(/ on cases\b/);
      expect(details).not.toMatch(/Seq Scan/);
    },
  );

  it.each(COUNTS)('$name reads $reads by index', async ({ call, reads }) => {
    for (const st of await statementsOf(call)) {
      const details = await plan(st);
      expect(details).toMatch(new RegExp(`(Index|Index Only|Bitmap Heap) Scan (using \\w+ )?on ${reads}\\b`));
      expect(details).not.toMatch(/Seq Scan/);
    }
  });
});
