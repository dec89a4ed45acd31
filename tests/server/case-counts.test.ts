// The inbox's counters (migrations 13 and 19) and order stay exact whatever happens to cases: after random
// sequences of creations, status changes, moves and rolled-back transactions at store level, and
// of submissions and decisions (valid and refused) through the real routes, `case_counts` equals a
// plain GROUP BY of the cases table, and every inbox page, count and cursor walk equals what a
// plain filter and sort of all cases (computed here, in JavaScript) gives. Runs on both engines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_STATUSES, uuidv7, type CaseStatus, type Decision } from '../../src/domain';
import type { CaseQuery, CaseRecord, Store, Visibility } from '../../src/server/store';
import { migrate, MIGRATIONS } from '../../src/server/store/migrations';
import { openPostgres } from '../../src/server/store/postgres';
import type { SqlDatabase } from '../../src/server/store/sql';
import { openSqlite } from '../../src/server/store/sqlite';
import { bearer, DAY, login, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, makePerson, submitMutation } from './fixtures';
import { createTestDatabase, onPostgres } from './test-database';

let s: TestServer;
let store: Store;
beforeAll(async () => {
  s = await startServer();
  store = s.app.store;
});
afterAll(() => s.close());

/** A small deterministic generator (mulberry32): the same sequence on every run. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, pick };
}

interface PlainCase {
  id: string;
  township_code: string;
  village_code: string;
  item_code: string;
  county_code: string;
  status: CaseStatus;
  due_on: string | null;
  submitted_at: number | null;
}

const allCases = async () =>
  (
    await s.db.all<PlainCase>(
      'SELECT id, township_code, village_code, item_code, county_code, status, due_on, submitted_at FROM cases',
    )
  ).map((c) => ({ ...c, submitted_at: c.submitted_at === null ? null : Number(c.submitted_at) }));

/** The counter table equals a GROUP BY of the cases themselves (cells at 0 may stay). */
async function expectCountersExact() {
  const cell = (r: { township_code: string; village_code: string; item_code: string; status: string }) =>
    `${r.township_code}/${r.village_code}/${r.item_code}/${r.status}`;
  const counters = await s.db.all<{
    township_code: string;
    village_code: string;
    item_code: string;
    status: string;
    county_code: string;
    n: number;
  }>('SELECT township_code, village_code, item_code, status, county_code, n FROM case_counts');
  const grouped = await s.db.all<{
    township_code: string;
    village_code: string;
    item_code: string;
    status: string;
    county_code: string;
    n: number;
  }>(
    `SELECT township_code, village_code, item_code, status, county_code, COUNT(*) AS n FROM cases
     GROUP BY township_code, village_code, item_code, status, county_code`,
  );
  const fromCounters = Object.fromEntries(
    counters.filter((r) => Number(r.n) !== 0).map((r) => [cell(r), `${r.county_code}:${Number(r.n)}`]),
  );
  const fromCases = Object.fromEntries(grouped.map((r) => [cell(r), `${r.county_code}:${Number(r.n)}`]));
  expect(fromCounters).toEqual(fromCases);
  expect(counters.every((r) => Number(r.n) >= 0)).toBe(true);
  // The running cases by due date (migration 19), against the cases themselves.
  const due = await s.db.all<{ township_code: string; due_on: string; county_code: string; n: number }>(
    'SELECT township_code, due_on, county_code, n FROM case_due_counts',
  );
  const dueFromCases: Record<string, string> = {};
  for (const c of await allCases())
    if ((c.status === 'accepted' || c.status === 'accepted_tolerance') && c.due_on !== null) {
      const key = `${c.township_code}/${c.due_on}`;
      const n = Number(dueFromCases[key]?.split(':')[1] ?? 0) + 1;
      dueFromCases[key] = `${c.county_code}:${n}`;
    }
  expect(
    Object.fromEntries(
      due
        .filter((r) => Number(r.n) !== 0)
        .map((r) => [`${r.township_code}/${r.due_on}`, `${r.county_code}:${Number(r.n)}`]),
    ),
  ).toEqual(dueFromCases);
  expect(due.every((r) => Number(r.n) >= 0)).toBe(true);
}

// What the inbox promises, written out plainly over every case.
const visible = (v: Visibility, c: PlainCase) =>
  'villageCode' in v
    ? c.village_code === v.villageCode
    : 'townshipCode' in v
      ? c.township_code === v.townshipCode
      : c.county_code === v.countyCode;

type Filter = Omit<CaseQuery, 'limit' | 'offset' | 'after'>;
const matches = (q: Filter, c: PlainCase) =>
  visible(q.visibility, c) &&
  (!q.statuses || q.statuses.includes(c.status)) &&
  (!q.villageCode || c.village_code === q.villageCode) &&
  (!q.itemCode || c.item_code === q.itemCode) &&
  (!q.overdueBefore ||
    ((c.status === 'accepted' || c.status === 'accepted_tolerance') &&
      c.due_on !== null &&
      c.due_on < q.overdueBefore));

/** Earliest due first, dateless last; then by arrival (none first), then id. */
function inboxOrder(a: PlainCase, b: PlainCase): number {
  if ((a.due_on === null) !== (b.due_on === null)) return a.due_on === null ? 1 : -1;
  if (a.due_on !== b.due_on) return a.due_on! < b.due_on! ? -1 : 1;
  const [sa, sb] = [a.submitted_at ?? 0, b.submitted_at ?? 0];
  if (sa !== sb) return sa - sb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function expectedCounts(q: Filter, cases: PlainCase[]) {
  const byStatus: Record<string, number> = {};
  const byVillage: Record<string, number> = {};
  const byItem: Record<string, number> = {};
  const hit = cases.filter((c) => matches(q, c));
  for (const c of hit) {
    byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
    byVillage[c.village_code] = (byVillage[c.village_code] ?? 0) + 1;
    byItem[c.item_code] = (byItem[c.item_code] ?? 0) + 1;
  }
  return { total: hit.length, byStatus, byVillage, byItem };
}

const TODAY = '2026-03-10';

/** Several filters of the kinds the inbox sends, for a visibility. */
function filtersFor(v: Visibility, villages: string[], items: string[]): Filter[] {
  return [
    { visibility: v },
    { visibility: v, statuses: ['submitted', 'resubmitted', 'in_review'] },
    { visibility: v, statuses: ['accepted', 'accepted_tolerance'] },
    { visibility: v, statuses: ['accepted_tolerance'] },
    { visibility: v, villageCode: villages[0]! },
    { visibility: v, villageCode: villages[1]!, statuses: ['submitted', 'in_review'] },
    { visibility: v, itemCode: items[0]! },
    { visibility: v, itemCode: items[1]!, statuses: ['accepted', 'returned'] },
    { visibility: v, villageCode: villages[0]!, itemCode: items[2]! },
    { visibility: v, overdueBefore: TODAY },
    { visibility: v, overdueBefore: TODAY, villageCode: villages[0]! },
    { visibility: v, overdueBefore: TODAY, itemCode: items[0]!, statuses: ['accepted'] },
  ];
}

async function expectInboxExact(visibilities: Visibility[], villages: string[], items: string[]) {
  const cases = await allCases();
  for (const v of visibilities) {
    const overdue = cases.filter((c) => matches({ visibility: v, overdueBefore: TODAY }, c)).length;
    for (const q of filtersFor(v, villages, items)) {
      const label = JSON.stringify(q);
      const expected = cases.filter((c) => matches(q, c)).sort(inboxOrder);
      expect(await store.cases.counts(q), label).toEqual(expectedCounts(q, cases));
      expect(await store.cases.total(q), label).toBe(expected.length);
      // The route's one statement: the scope's chips, this filter's total, the scope's overdue.
      expect(await store.cases.inboxCounts(q, TODAY), label).toEqual({
        chips: expectedCounts({ visibility: v }, cases),
        total: expected.length,
        overdue,
      });
      for (const [offset, limit] of [
        [0, 7],
        [5, 10],
        [0, 500],
      ] as const) {
        const page = await store.cases.query({ ...q, offset, limit });
        expect(
          page.map((c) => c.id),
          `${label} offset ${offset} limit ${limit}`,
        ).toEqual(expected.slice(offset, offset + limit).map((c) => c.id));
      }
      // Keyset: page after page by the cursor walks the same order, each case once.
      const walked: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.cases.query({ ...q, offset: 0, limit: 6, ...(after && { after }) });
        walked.push(...page.map((c) => c.id));
        if (page.length < 6) break;
        after = page.at(-1)!.queueKey;
      }
      expect(walked, `${label} by cursor`).toEqual(expected.map((c) => c.id));
    }
    expect(await store.cases.countOverdue(v, TODAY)).toBe(overdue);
  }
}

describe('case counters and inbox order, store level', () => {
  const COUNTY = 'C1';
  const PLACES = [
    { village: 'V11', township: 'T1', county: COUNTY },
    { village: 'V12', township: 'T1', county: COUNTY },
    { village: 'V21', township: 'T2', county: COUNTY },
  ];
  const ITEMS = ['ITEM-A', 'ITEM-B', 'ITEM-C'];
  const DUES = [null, '2026-03-02', '2026-03-09', '2026-03-10', '2026-03-11', '2026-04-01'];
  const ids: string[] = [];
  let agentId: string;
  let template: CaseRecord['data'];
  const personIds: Record<string, string> = {};

  beforeAll(async () => {
    agentId = (await store.users.byUsername('agent1'))!.id;
    template = buildCase({ agentId, villageCode: 'V11', now: Date.now() }).submission.case as CaseRecord['data'];
    for (const p of PLACES) {
      const person = makePerson(p.village);
      await store.persons.upsert(person, p.village, Date.now());
      personIds[p.village] = person.id;
    }
  });

  function newCase(rnd: ReturnType<typeof random>): CaseRecord {
    const place = rnd.pick(PLACES);
    const id = uuidv7();
    return {
      id,
      number: `N-${id.slice(-8)}`,
      itemCode: rnd.pick(ITEMS),
      villageCode: place.village,
      townshipCode: place.township,
      countyCode: place.county,
      agentId,
      applicantId: personIds[place.village]!,
      status: rnd.pick(CASE_STATUSES),
      version: 1,
      revision: 1,
      data: { ...template, id },
      dueOn: rnd.pick(DUES),
      acceptedOn: null,
      suspendedOn: null,
      resumeStatus: null,
      // Few distinct times, so ties fall to the next key; sometimes none.
      submittedAt: rnd.next() < 0.1 ? null : 1_772_000_000_000 + Math.floor(rnd.next() * 5) * 1000,
      updatedAt: 1,
    };
  }

  function changed(rnd: ReturnType<typeof random>, c: CaseRecord): CaseRecord {
    const roll = rnd.next();
    const next = { ...c, version: c.version + 1 };
    if (roll < 0.6) next.status = rnd.pick(CASE_STATUSES);
    else if (roll < 0.7) next.itemCode = rnd.pick(ITEMS);
    else if (roll < 0.8) {
      const place = rnd.pick(PLACES);
      Object.assign(next, { villageCode: place.village, townshipCode: place.township, countyCode: place.county });
    } else if (roll < 0.9) next.dueOn = rnd.pick(DUES);
    // else: a write that changes nothing the inbox counts.
    return next;
  }

  it('stay exact through random creations, status changes, moves and rollbacks', async () => {
    const rnd = random(12);
    for (let round = 0; round < 40; round++) {
      const rollBack = rnd.next() < 0.2;
      const work = store.transaction(async (tx) => {
        const n = 1 + Math.floor(rnd.next() * 6);
        for (let i = 0; i < n; i++) {
          if (ids.length === 0 || rnd.next() < 0.45) {
            const c = newCase(rnd);
            await tx.cases.insert(c);
            if (!rollBack) ids.push(c.id);
          } else {
            const current = (await tx.cases.get(rnd.pick(ids)))!;
            await tx.cases.update(changed(rnd, current));
          }
        }
        if (rollBack) throw new Error('rolled back on purpose');
      });
      if (rollBack) await expect(work).rejects.toThrow('rolled back on purpose');
      else await work;
      if (round % 8 === 7) await expectCountersExact();
    }
    // An update of a case that does not exist changes nothing.
    await store.transaction((tx) => tx.cases.update({ ...newCase(rnd), id: uuidv7() }));
    await expectCountersExact();
    expect(ids.length).toBeGreaterThan(40);
  });

  it('pages, counts and cursors equal a plain filter and sort of every case', async () => {
    await expectInboxExact(
      [{ townshipCode: 'T1' }, { townshipCode: 'T2' }, { countyCode: COUNTY }, { villageCode: 'V12' }],
      ['V11', 'V12'],
      ITEMS,
    );
    // A village of another township stays out of a township's view, filter or not.
    expect(
      await store.cases.query({ visibility: { townshipCode: 'T1' }, villageCode: 'V21', offset: 0, limit: 50 }),
    ).toEqual([]);
    expect((await store.cases.counts({ visibility: { townshipCode: 'T1' }, villageCode: 'V21' })).total).toBe(0);
  });
});

describe('case counters through the real routes', () => {
  type Login = Awaited<ReturnType<typeof login>>;
  const who: Record<string, Login> = {};
  beforeAll(async () => {
    for (const u of ['agent1', 'agent2', 'agent4', 'reviewer1']) who[u] = await login(s.app, u);
  });

  const decide = (d: Decision) =>
    s.app.inject({
      method: 'POST',
      url: `/api/review/cases/${d.caseId}/decisions`,
      headers: bearer(who.reviewer1!.token),
      payload: d,
    });

  it('stay exact through submissions and random decisions, refused ones included', async () => {
    const rnd = random(7);
    const mine: string[] = [];
    for (let i = 0; i < 8; i++) {
      const agent = who[rnd.pick(['agent1', 'agent2', 'agent4'])]!;
      const built = buildCase({ agentId: agent.user.id, villageCode: agent.user.villageCode!, now: s.clock.now });
      await uploadAll(s.app, agent.token, built.files);
      const { results } = await push(s.app, agent.token, [submitMutation(built.submission, s.clock.now)]);
      expect(results[0]).toMatchObject({ status: 'ok' });
      if (agent !== who.agent4) mine.push(built.submission.case.id);
    }
    const statuses = new Set<number>();
    for (let i = 0; i < 30; i++) {
      s.clock.now += DAY / 4;
      const caseId = rnd.pick(mine);
      const current = (await store.cases.get(caseId))!;
      if (rnd.next() < 0.3) {
        statuses.add(
          (
            await s.app.inject({
              method: 'POST',
              url: `/api/review/cases/${caseId}/open`,
              headers: bearer(who.reviewer1!.token),
            })
          ).statusCode,
        );
        continue;
      }
      const kind = rnd.pick(['accept', 'return', 'complete', 'terminate'] as const);
      const res = await decide({
        id: uuidv7(),
        caseId,
        kind,
        reasons: rnd.next() < 0.8 ? [{ target: 'field:phone', code: 'other', text: '电话打不通' }] : [],
        toleranceDue: [],
        reviewerId: 'ignored',
        decidedAt: s.clock.now,
        revision: current.revision,
      });
      statuses.add(res.statusCode);
    }
    // Some decisions went through and some were refused (and rolled back).
    expect([...statuses].some((c) => c === 200)).toBe(true);
    expect([...statuses].some((c) => c >= 400)).toBe(true);
    await expectCountersExact();

    // The route's chips and total are the plain counts of the reviewer's township.
    const township = who.reviewer1!.user.townshipCode!;
    const cases = (await allCases()).filter((c) => c.township_code === township);
    const res = await s.app.inject({
      url: '/api/review/cases?status=submitted,in_review,accepted',
      headers: bearer(who.reviewer1!.token),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const waiting = cases.filter((c) => ['submitted', 'in_review', 'accepted'].includes(c.status));
    expect(body.total).toBe(waiting.length);
    expect(body.cases.map((c: { id: string }) => c.id)).toEqual(waiting.sort(inboxOrder).map((c) => c.id));
    expect(body.counts.total).toBe(cases.length);
    expect(body.counts.byStatus).toEqual(expectedCounts({ visibility: { townshipCode: township } }, cases).byStatus);
  });
});

describe('migrations 13 and 19 on a database that already holds cases', () => {
  /** An empty database of the engine under test. */
  async function emptyDatabase(): Promise<{ db: SqlDatabase; done: () => Promise<void> }> {
    if (onPostgres) {
      const database = await createTestDatabase();
      const db = openPostgres(database.url, { poolSize: 2 });
      return { db, done: () => db.close().then(() => database.drop()) };
    }
    const dir = mkdtempSync(join(tmpdir(), 'daiban-m13-'));
    const db = openSqlite(join(dir, 'old.db'));
    return { db, done: () => db.close().then(() => rmSync(dir, { recursive: true, force: true })) };
  }

  it('counts the cases there were and orders them by the new key', async () => {
    const { db, done } = await emptyDatabase();
    try {
      await migrate(
        db,
        MIGRATIONS.filter((m) => m.version < 13),
      );
      await db.run(`INSERT INTO divisions (code, name, level, parent_code) VALUES ('C1', '县', 'county', NULL)`);
      await db.run(
        `INSERT INTO users (id, username, name, role, village_code, township_code, county_code, password_hash, created_at)
         VALUES ('u1', 'u1', 'u1', 'agent', NULL, NULL, 'C1', 'x', 1)`,
      );
      await db.run(`INSERT INTO persons (id, village_code, data, updated_at) VALUES ('p1', 'V11', '{}', 1)`);
      const rnd = random(99);
      const places = [
        ['V11', 'T1'],
        ['V12', 'T1'],
        ['V21', 'T2'],
      ] as const;
      for (let i = 0; i < 60; i++) {
        const [village, township] = rnd.pick(places);
        const due = rnd.pick([null, '2026-03-02', '2026-03-11', '2026-04-01']);
        const submitted = rnd.next() < 0.1 ? null : 1_772_000_000_000 + Math.floor(rnd.next() * 4) * 1000;
        await db.run(
          `INSERT INTO cases (id, number, item_code, village_code, township_code, county_code, agent_id, applicant_id,
             status, version, revision, data, due_on, submitted_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'C1', 'u1', 'p1', ?, 1, 1, '{}', ?, ?, 1)`,
          [uuidv7(), `N${i}`, rnd.pick(['A-1', 'B-2']), village, township, rnd.pick(CASE_STATUSES), due, submitted],
        );
      }
      const before = await db.all<PlainCase>(
        'SELECT id, township_code, village_code, item_code, county_code, status, due_on, submitted_at FROM cases',
      );
      await migrate(db);

      const grouped = new Map<string, number>();
      for (const c of before) {
        const cell = `${c.township_code}/${c.village_code}/${c.item_code}/${c.status}/${c.county_code}`;
        grouped.set(cell, (grouped.get(cell) ?? 0) + 1);
      }
      const counters = await db.all<{ cell: string; n: number }>(
        `SELECT township_code || '/' || village_code || '/' || item_code || '/' || status || '/' || county_code AS cell, n
         FROM case_counts`,
      );
      expect(new Map(counters.map((r) => [r.cell, Number(r.n)]))).toEqual(grouped);
      // Migration 19: the running cases there were, by township and due date.
      const due = new Map<string, number>();
      for (const c of before)
        if ((c.status === 'accepted' || c.status === 'accepted_tolerance') && c.due_on !== null) {
          const cell = `${c.township_code}/${c.due_on}/${c.county_code}`;
          due.set(cell, (due.get(cell) ?? 0) + 1);
        }
      const dueCounters = await db.all<{ cell: string; n: number }>(
        `SELECT township_code || '/' || due_on || '/' || county_code AS cell, n FROM case_due_counts`,
      );
      expect(new Map(dueCounters.map((r) => [r.cell, Number(r.n)]))).toEqual(due);

      const ordered = await db.all<{ id: string }>(
        `SELECT id FROM cases WHERE township_code = 'T1' ORDER BY queue_key`,
      );
      const expected = before
        .map((c) => ({ ...c, submitted_at: c.submitted_at === null ? null : Number(c.submitted_at) }))
        .filter((c) => c.township_code === 'T1')
        .sort(inboxOrder);
      expect(ordered.map((r) => r.id)).toEqual(expected.map((c) => c.id));
    } finally {
      await done();
    }
  });
});
