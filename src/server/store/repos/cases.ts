// Persons, cases, their revisions and their current materials.
import {
  CASE_STATUSES,
  type Case,
  type CaseStatus,
  type CaseSubmission,
  type Material,
  type Person,
} from '../../../domain';
import type { RecordCipher } from '../../crypto/envelope';
import { SEALED } from '../at-rest';
import type { Sql, SqlValue } from '../sql';
import type { CaseCounts, CaseQuery, CaseRecord, QueuedCase, Repositories, Visibility } from '../store';
import { openJson, sealJson } from './json';
import { ownedBy } from './visibility';

/** Statuses in which the promised time limit is running (中止 stops the clock). */
export const RUNNING_STATUSES = ['accepted', 'accepted_tolerance'] as const;
/** Statuses whose promised deadline still matters (中止 stands still but resumes on its due date). */
const CLOCK_RUNNING = [...RUNNING_STATUSES, 'suspended'] as const;

const CASE_COLUMNS = `id, number, item_code, village_code, township_code, county_code, agent_id, applicant_id, status, version, revision,
  data, due_on, accepted_on, suspended_on, resume_status, submitted_at, updated_at, received_at`;

/**
 * The inbox's columns (of `cases c`): the sealed body only where its tolerance list is needed, and
 * the applicant's record for the name — a subquery, so each is one primary-key probe whatever the
 * size of `persons` (as a join, PostgreSQL hashed the whole table for a page of 200). Not
 * `queue_key`: the page's keys are known already, and SQLite computes the (virtual) column for
 * each row read.
 */
const QUEUE_COLUMNS = `c.id, c.number, c.item_code, c.village_code, c.township_code, c.county_code, c.agent_id,
  c.applicant_id, c.status, c.version, c.revision, CASE WHEN c.status = 'accepted_tolerance' THEN c.data END AS data,
  c.due_on, c.accepted_on, c.suspended_on, c.resume_status, c.submitted_at, c.updated_at, c.received_at,
  (SELECT p.data FROM persons p WHERE p.id = c.applicant_id) AS applicant`;

interface CaseRow {
  id: string;
  number: string;
  item_code: string;
  village_code: string;
  township_code: string;
  county_code: string;
  agent_id: string;
  applicant_id: string;
  status: CaseRecord['status'];
  version: number;
  revision: number;
  data: string;
  due_on: string | null;
  accepted_on: string | null;
  suspended_on: string | null;
  resume_status: CaseRecord['resumeStatus'];
  submitted_at: number | null;
  updated_at: number;
  received_at: number | null;
}

const columnsOf = (r: Omit<CaseRow, 'data'>): Omit<CaseRecord, 'data'> => ({
  id: r.id,
  number: r.number,
  itemCode: r.item_code,
  villageCode: r.village_code,
  townshipCode: r.township_code,
  countyCode: r.county_code,
  agentId: r.agent_id,
  applicantId: r.applicant_id,
  status: r.status,
  version: Number(r.version),
  revision: Number(r.revision),
  dueOn: r.due_on,
  acceptedOn: r.accepted_on,
  suspendedOn: r.suspended_on,
  resumeStatus: r.resume_status,
  submittedAt: r.submitted_at === null ? null : Number(r.submitted_at),
  updatedAt: Number(r.updated_at),
  receivedAt: r.received_at === null ? null : Number(r.received_at),
});

const toCase = (cipher: RecordCipher, r: CaseRow): CaseRecord => ({
  ...columnsOf(r),
  data: openJson<Case>(cipher, SEALED.cases, r.data),
});

type QueueRow = Omit<CaseRow, 'data'> & { data: string | null; applicant: string | null };

function toQueued(
  r: QueueRow,
  queueKey: string,
  tolerance: QueuedCase['tolerance'],
  applicantName: string,
): QueuedCase {
  return { ...columnsOf(r), queueKey, tolerance, applicantName };
}

const caseValues = (cipher: RecordCipher, c: CaseRecord): SqlValue[] => [
  c.number,
  c.itemCode,
  c.villageCode,
  c.townshipCode,
  c.countyCode,
  c.agentId,
  c.applicantId,
  c.status,
  c.version,
  c.revision,
  sealJson(cipher, SEALED.cases, c.data),
  c.dueOn,
  c.acceptedOn,
  c.suspendedOn,
  c.resumeStatus,
  c.submittedAt,
  c.updatedAt,
  c.receivedAt ?? c.submittedAt,
];

type CaseFilter = Omit<CaseQuery, 'limit' | 'offset' | 'after'>;

/** Scope, statuses, village and item: the filter terms `cases` and `case_counts` share. */
function filterTerms(q: CaseFilter): { parts: string[]; params: SqlValue[] } {
  const scope = ownedBy(q.visibility);
  const parts = [scope.sql];
  const params: SqlValue[] = [...scope.params];
  if (q.statuses?.length) {
    parts.push(`status IN (${q.statuses.map(() => '?').join(', ')})`);
    params.push(...q.statuses);
  }
  if (q.villageCode) {
    parts.push('village_code = ?');
    params.push(q.villageCode);
  }
  if (q.itemCode) {
    parts.push('item_code = ?');
    params.push(q.itemCode);
  }
  return { parts, params };
}

function where(q: CaseFilter): { sql: string; params: SqlValue[] } {
  const { parts, params } = filterTerms(q);
  if (q.overdueBefore) {
    // queue_key starts with the due date ('9999-99-99' when none): below today = due before today.
    parts.push(`queue_key < ? AND status IN (${RUNNING_STATUSES.map(() => '?').join(', ')})`);
    params.push(q.overdueBefore, ...RUNNING_STATUSES);
  }
  return { sql: parts.join(' AND '), params };
}

/**
 * One status's slice of the inbox, as a range of one queue index (migration 13) read in
 * queue_key order: the village index when a village is chosen, else the scope's (with the item
 * when one is chosen). The scope is then still checked on each row, written so that the planner
 * cannot take it for the leading column of another index (`|| ''`).
 */
function queueRange(q: CaseFilter, status: CaseStatus, after: string | null): { sql: string; params: SqlValue[] } {
  const [column, value] = scopeOf(q.visibility);
  const parts: string[] = [];
  const params: SqlValue[] = [];
  if (q.villageCode) {
    parts.push('village_code = ?', `${column} || '' = ?`, 'status = ?');
    params.push(q.villageCode, value, status);
    if (q.itemCode) {
      parts.push('item_code = ?');
      params.push(q.itemCode);
    }
  } else {
    parts.push(`${column} = ?`);
    params.push(value);
    if (q.itemCode) {
      parts.push('item_code = ?');
      params.push(q.itemCode);
    }
    parts.push('status = ?');
    params.push(status);
  }
  if (q.overdueBefore) {
    parts.push('queue_key < ?');
    params.push(q.overdueBefore);
  }
  if (after !== null) {
    parts.push('queue_key > ?');
    params.push(after);
  }
  return { sql: parts.join(' AND '), params };
}

/** The column and value of a visibility (the same rule as `ownedBy`). */
const scopeOf = (v: Visibility): [string, string] =>
  'villageCode' in v
    ? ['village_code', v.villageCode]
    : 'townshipCode' in v
      ? ['township_code', v.townshipCode]
      : ['county_code', v.countyCode];

/** The statuses a filter can match, each read as its own index range. */
function queueStatuses(q: CaseFilter): CaseStatus[] {
  const wanted = q.statuses ?? CASE_STATUSES;
  return [...new Set(wanted)].filter(
    (s) => CASE_STATUSES.includes(s) && (!q.overdueBefore || (RUNNING_STATUSES as readonly string[]).includes(s)),
  );
}

/**
 * `?` marks for `IN (…)` over non-empty `values`, padded to a power of two by repeating the last
 * one: a handful of statement texts for SQLite's statement cache instead of one per length.
 */
function inList(values: readonly string[]): { marks: string; params: string[] } {
  let size = 1;
  while (size < values.length) size *= 2;
  const params = [...values, ...Array<string>(size - values.length).fill(values.at(-1)!)];
  return { marks: params.map(() => '?').join(', '), params };
}

/** The case id at the end of a queue_key. */
const idOfKey = (key: string) => key.slice(key.lastIndexOf('|') + 1);

interface CountRow {
  status: string;
  village_code: string;
  item_code: string;
  n: number;
}

function sumCounts(rows: CountRow[]): CaseCounts {
  const counts: CaseCounts = { total: 0, byStatus: {}, byVillage: {}, byItem: {} };
  const add = (into: Record<string, number>, key: string, n: number) => (into[key] = (into[key] ?? 0) + n);
  for (const r of rows) {
    const n = Number(r.n);
    if (n === 0) continue;
    counts.total += n;
    add(counts.byStatus, r.status, n);
    add(counts.byVillage, r.village_code, n);
    add(counts.byItem, r.item_code, n);
  }
  return counts;
}

/** What the chips count cases by (`CaseCounts`). */
const COUNTED_BY = ['status', 'village_code', 'item_code'] as const;

/** The `case_counts` cells a filter (without the overdue one) covers. */
function countCells(q: CaseFilter): { sql: string; params: SqlValue[] } {
  const { parts, params } = filterTerms(q);
  return { sql: [...parts, 'n <> 0'].join(' AND '), params };
}

/** The key of a `case_counts` row: what the inbox counts cases by. */
type CountKey = Pick<CaseRecord, 'townshipCode' | 'villageCode' | 'itemCode' | 'status' | 'countyCode'>;
const sameCountKey = (a: CountKey, b: CountKey) =>
  a.townshipCode === b.townshipCode &&
  a.villageCode === b.villageCode &&
  a.itemCode === b.itemCode &&
  a.status === b.status &&
  a.countyCode === b.countyCode;

/** Adds `by` to the counter of `k`'s cell (created at `by` when new). */
const bump = (sql: Sql, k: CountKey, by: 1 | -1) =>
  sql.write(
    `INSERT INTO case_counts (township_code, village_code, item_code, status, county_code, n) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (township_code, village_code, item_code, status) DO UPDATE SET n = case_counts.n + excluded.n`,
    [k.townshipCode, k.villageCode, k.itemCode, k.status, k.countyCode, by],
  );

/** A running case's cell in `case_due_counts` (migration 19); null when it is not running or has
 *  no due date. */
type DueKey = Pick<CaseRecord, 'townshipCode' | 'countyCode' | 'status' | 'dueOn'>;
const dueCell = (k: DueKey) =>
  k.dueOn !== null && (RUNNING_STATUSES as readonly string[]).includes(k.status)
    ? `${k.townshipCode}|${k.countyCode}|${k.dueOn}`
    : null;

/** Adds `by` to the running cases due on `k`'s day, when `k` has such a cell. */
const bumpDue = async (sql: Sql, k: DueKey, by: 1 | -1) => {
  if (dueCell(k) === null) return;
  await sql.write(
    `INSERT INTO case_due_counts (township_code, due_on, county_code, n) VALUES (?, ?, ?, ?)
     ON CONFLICT (township_code, due_on) DO UPDATE SET n = case_due_counts.n + excluded.n`,
    [k.townshipCode, k.dueOn, k.countyCode, by],
  );
};

/** A row of the counting statements: which figure (`dim`), for which key, how many. */
interface DimRow {
  dim: string;
  k: string | null;
  n: number | string | null;
}

/**
 * The chips of a filter (without the overdue one): sums of the scope's counter cells, as many
 * as (village, item, status) combinations in use, whatever the number of cases; summed by the
 * database (fewer rows to hand over), by each of the three side by side.
 */
function chipSums(q: CaseFilter): { sql: string; params: SqlValue[] } {
  const cells = countCells(q);
  return {
    sql: COUNTED_BY.map(
      (column) =>
        `SELECT '${column}' AS dim, ${column} AS k, SUM(n) AS n FROM case_counts WHERE ${cells.sql} GROUP BY ${column}`,
    ).join(' UNION ALL '),
    params: COUNTED_BY.flatMap(() => cells.params),
  };
}

function chipsOf(rows: DimRow[]): CaseCounts {
  const by = (column: (typeof COUNTED_BY)[number]) =>
    Object.fromEntries(rows.filter((r) => r.dim === column).map((r) => [r.k!, Number(r.n)]));
  const byStatus = by('status');
  return {
    total: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    byVillage: by('village_code'),
    byItem: by('item_code'),
  };
}

/** The number of cases a filter matches, as the one row `dim`: a sum of counter cells, or with
 *  the overdue filter a count of the overdue cases' index range. */
function totalOf(q: CaseFilter, dim: string): { sql: string; params: SqlValue[] } {
  if (q.overdueBefore) {
    const w = where(q);
    return { sql: `SELECT '${dim}' AS dim, NULL AS k, COUNT(*) AS n FROM cases WHERE ${w.sql}`, params: w.params };
  }
  const cells = countCells(q);
  return {
    sql: `SELECT '${dim}' AS dim, NULL AS k, SUM(n) AS n FROM case_counts WHERE ${cells.sql}`,
    params: cells.params,
  };
}

/** The scope's running cases due before `today`: the due-date counters of a township or county
 *  (a row per day), a village's from its overdue cases' index range. */
function overdueOf(visibility: Visibility, today: string): { sql: string; params: SqlValue[] } {
  if ('villageCode' in visibility) return totalOf({ visibility, overdueBefore: today }, 'overdue');
  const [column, value] = scopeOf(visibility);
  return {
    sql: `SELECT 'overdue' AS dim, NULL AS k, SUM(n) AS n FROM case_due_counts WHERE ${column} = ? AND due_on < ?`,
    params: [value, today],
  };
}

export function personRepo(sql: Sql, cipher: RecordCipher): Repositories['persons'] {
  const toEntry = (row: { village_code: string; data: string }) => ({
    person: openJson<Person>(cipher, SEALED.persons, row.data),
    villageCode: row.village_code,
  });
  return {
    async upsert(p, villageCode, now) {
      await sql.write(
        `INSERT INTO persons (id, village_code, data, id_number_hash, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET data = excluded.data, id_number_hash = excluded.id_number_hash, updated_at = excluded.updated_at`,
        [p.id, villageCode, sealJson(cipher, SEALED.persons, p), cipher.idNumberHash(p.idNumber), now],
      );
    },
    async get(id) {
      const row = await sql.get<{ village_code: string; data: string }>(
        `SELECT village_code, data FROM persons WHERE id = ?`,
        [id],
      );
      return row && toEntry(row);
    },
    async withIdNumber(idNumber, villageCode) {
      const rows = await sql.all<{ village_code: string; data: string }>(
        `SELECT village_code, data FROM persons WHERE id_number_hash = ?${villageCode ? ' AND village_code = ?' : ''} ORDER BY id`,
        villageCode ? [cipher.idNumberHash(idNumber), villageCode] : [cipher.idNumberHash(idNumber)],
      );
      return rows.map(toEntry);
    },
  };
}

export function caseRepo(sql: Sql, cipher: RecordCipher): Repositories['cases'] {
  return {
    // Every case write keeps case_counts and case_due_counts exact in the same transaction (all
    // callers write cases inside `store.transaction`): +1 for a new case, -1/+1 when a case moves
    // to another cell.
    async insert(c) {
      await sql.write(
        `INSERT INTO cases (${CASE_COLUMNS}) VALUES (?, ${caseValues(cipher, c)
          .map(() => '?')
          .join(', ')})`,
        [c.id, ...caseValues(cipher, c)],
      );
      await bump(sql, c, 1);
      await bumpDue(sql, c, 1);
    },
    async update(c) {
      const before = await sql.get<{
        township_code: string;
        village_code: string;
        item_code: string;
        status: CaseStatus;
        county_code: string;
        due_on: string | null;
      }>(`SELECT township_code, village_code, item_code, status, county_code, due_on FROM cases WHERE id = ?`, [c.id]);
      const changed = await sql.run(
        `UPDATE cases SET number = ?, item_code = ?, village_code = ?, township_code = ?, county_code = ?, agent_id = ?, applicant_id = ?,
           status = ?, version = ?, revision = ?, data = ?, due_on = ?, accepted_on = ?, suspended_on = ?, resume_status = ?,
           submitted_at = ?, updated_at = ?, received_at = ?
         WHERE id = ?`,
        [...caseValues(cipher, c), c.id],
      );
      if (!before || changed === 0) return;
      const old: CountKey & DueKey = {
        townshipCode: before.township_code,
        villageCode: before.village_code,
        itemCode: before.item_code,
        status: before.status,
        countyCode: before.county_code,
        dueOn: before.due_on,
      };
      if (!sameCountKey(old, c)) {
        await bump(sql, old, -1);
        await bump(sql, c, 1);
      }
      if (dueCell(old) !== dueCell(c)) {
        await bumpDue(sql, old, -1);
        await bumpDue(sql, c, 1);
      }
    },
    async get(id) {
      const row = await sql.get<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = ?`, [id]);
      return row && toCase(cipher, row);
    },
    async query(q) {
      // Each status's first offset+limit keys, read in index order from its own range (one
      // statement, the ranges side by side); merged here (queue_key is unique, so the order is
      // total) and cut to the page. Then only the page's rows are read in full, with their
      // applicants. A page costs O(statuses × (offset + limit)), not O(scope).
      const want = q.offset + q.limit;
      const ranges = queueStatuses(q).map((status, i) => {
        const r = queueRange(q, status, q.after ?? null);
        return {
          sql: `SELECT queue_key FROM (SELECT queue_key FROM cases WHERE ${r.sql} ORDER BY queue_key LIMIT ?) AS r${i}`,
          params: [...r.params, want],
        };
      });
      if (ranges.length === 0) return [];
      const keys = (
        await sql.all<{ queue_key: string }>(
          ranges.map((r) => r.sql).join(' UNION ALL '),
          ranges.flatMap((r) => r.params),
        )
      )
        .map((r) => r.queue_key)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .slice(q.offset, want);
      if (keys.length === 0) return [];
      const list = inList(keys.map(idOfKey));
      const rows = await sql.all<QueueRow>(
        `SELECT ${QUEUE_COLUMNS} FROM cases c WHERE c.id IN (${list.marks})`,
        list.params,
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      // An applicant with several cases on the page is opened once.
      const names = new Map<string, string>();
      for (const r of rows)
        if (!names.has(r.applicant_id))
          names.set(
            r.applicant_id,
            r.applicant === null ? '' : openJson<Person>(cipher, SEALED.persons, r.applicant).name,
          );
      return keys.flatMap((k) => {
        const row = byId.get(idOfKey(k));
        if (!row) return [];
        const tolerance = row.data === null ? null : openJson<Case>(cipher, SEALED.cases, row.data).tolerance;
        return [toQueued(row, k, tolerance, names.get(row.applicant_id)!)];
      });
    },
    async counts(q) {
      if (q.overdueBefore) {
        // Overdue depends on today, which no counter knows: counted from the index range of the
        // overdue cases (few: each is a promise broken), O(overdue).
        const w = where(q);
        return sumCounts(
          await sql.all<CountRow>(
            `SELECT status, village_code, item_code, COUNT(*) AS n FROM cases WHERE ${w.sql}
             GROUP BY status, village_code, item_code`,
            w.params,
          ),
        );
      }
      const chips = chipSums(q);
      return chipsOf(await sql.all<DimRow>(chips.sql, chips.params));
    },
    async total(q) {
      const t = totalOf(q, 'total');
      return Number((await sql.get<DimRow>(t.sql, t.params))?.n ?? 0);
    },
    async inboxCounts(q, today) {
      // One statement, so one round trip on PostgreSQL: the chips, the filter's total and the
      // overdue count side by side, each part the statement it would be alone.
      const parts = [chipSums({ visibility: q.visibility }), totalOf(q, 'total'), overdueOf(q.visibility, today)];
      const rows = await sql.all<DimRow>(
        parts.map((p) => p.sql).join(' UNION ALL '),
        parts.flatMap((p) => p.params),
      );
      const single = (dim: string) => Number(rows.find((r) => r.dim === dim)?.n ?? 0);
      return { chips: chipsOf(rows), total: single('total'), overdue: single('overdue') };
    },
    async pageById(visibility, statuses, afterId, limit) {
      const w = where({ visibility, statuses: [...statuses] });
      const rows = await sql.all<CaseRow>(
        `SELECT ${CASE_COLUMNS} FROM cases WHERE ${w.sql}${afterId === null ? '' : ' AND id > ?'} ORDER BY id LIMIT ?`,
        [...w.params, ...(afterId === null ? [] : [afterId]), limit],
      );
      return rows.map((r) => toCase(cipher, r));
    },
    async countOverdue(visibility, today) {
      const o = overdueOf(visibility, today);
      return Number((await sql.get<DimRow>(o.sql, o.params))?.n ?? 0);
    },
    async runningThroughYear(year) {
      const rows = await sql.all<CaseRow>(
        `SELECT ${CASE_COLUMNS} FROM cases
         WHERE status IN (${CLOCK_RUNNING.map(() => '?').join(', ')}) AND accepted_on <= ? AND due_on >= ?
         ORDER BY id`,
        [...CLOCK_RUNNING, `${year}-12-31`, `${year}-01-01`],
      );
      return rows.map((r) => toCase(cipher, r));
    },
    async addRevision(r) {
      await sql.write(
        `INSERT INTO case_revisions (case_id, revision, submission, mutation_id, submitted_at) VALUES (?, ?, ?, ?, ?)`,
        [r.caseId, r.revision, sealJson(cipher, SEALED.revisions, r.submission), r.mutationId, r.submittedAt],
      );
    },
    async revisions(caseId) {
      const rows = await sql.all<{ revision: number; submission: string; mutation_id: string; submitted_at: number }>(
        `SELECT revision, submission, mutation_id, submitted_at FROM case_revisions WHERE case_id = ? ORDER BY revision`,
        [caseId],
      );
      return rows.map((r) => ({
        caseId,
        revision: Number(r.revision),
        submission: openJson<CaseSubmission>(cipher, SEALED.revisions, r.submission),
        mutationId: r.mutation_id,
        submittedAt: Number(r.submitted_at),
      }));
    },
    async setLookupHash(id, hash) {
      await sql.write(`UPDATE cases SET lookup_hash = ? WHERE id = ? AND lookup_hash IS NULL`, [hash, id]);
    },
    async lookupHashes(number) {
      const rows = await sql.all<{ id: string; lookup_hash: string | null }>(
        `SELECT id, lookup_hash FROM cases WHERE number = ? ORDER BY id LIMIT 10`,
        [number],
      );
      return rows.map((r) => ({ id: r.id, lookupHash: r.lookup_hash }));
    },
  };
}

export function materialRepo(sql: Sql, cipher: RecordCipher): Repositories['materials'] {
  const upsert = async (m: Material, now: number) => {
    const changed = await sql.run(
      `INSERT INTO materials (id, case_id, requirement_id, data, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET requirement_id = excluded.requirement_id, data = excluded.data, updated_at = excluded.updated_at
       WHERE materials.case_id = excluded.case_id`,
      [m.id, m.caseId, m.requirementId, sealJson(cipher, SEALED.materials, m), now],
    );
    return changed > 0;
  };
  return {
    async replaceForCase(caseId, materials, now) {
      await sql.write(`DELETE FROM materials WHERE case_id = ?`, [caseId]);
      // Distinct ids (a submission's are): one statement per 200, counting rows written as one by one would.
      if (new Set(materials.map((m) => m.id)).size !== materials.length) {
        let written = 0;
        for (const m of materials) if (await upsert(m, now)) written++;
        return written;
      }
      let written = 0;
      for (let i = 0; i < materials.length; i += 200) {
        const part = materials.slice(i, i + 200);
        written += await sql.run(
          `INSERT INTO materials (id, case_id, requirement_id, data, updated_at) VALUES ${part.map(() => '(?, ?, ?, ?, ?)').join(', ')}
           ON CONFLICT (id) DO UPDATE SET requirement_id = excluded.requirement_id, data = excluded.data, updated_at = excluded.updated_at
           WHERE materials.case_id = excluded.case_id`,
          part.flatMap((m) => [m.id, m.caseId, m.requirementId, sealJson(cipher, SEALED.materials, m), now]),
        );
      }
      return written;
    },
    upsert,
    async forCase(caseId) {
      return (
        await sql.all<{ data: string }>(`SELECT data FROM materials WHERE case_id = ? ORDER BY requirement_id, id`, [
          caseId,
        ])
      ).map((r) => openJson<Material>(cipher, SEALED.materials, r.data));
    },
  };
}
