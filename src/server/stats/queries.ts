// Reads for the statistics and the rectification desk, written against the store's Sql adapter
// (portable SQL, `?` placeholders). The Store's repositories answer per-case questions; these
// answer "everything in a township or county for a period" in a few queries instead of N.
import { chinaDate, type Decision, type Rectification, type ReasonCode } from '../../domain';
import type { StatsCase, StatsDecision, StatsInput, StatsRating, StatsRectification } from '../../domain/stats';
import type { Sql, SqlValue } from '../store/sql';
import type { Visibility } from '../store';
import { ownedBy } from '../store/repos/visibility';
import type { Period } from './period';

const parse = <T>(json: string) => JSON.parse(json) as T;

function scoped(visibility: Visibility, period: Period, alias: string) {
  const own = ownedBy(visibility, alias);
  return {
    sql: `${own.sql} AND ${alias}.submitted_at >= ? AND ${alias}.submitted_at < ?`,
    params: [...own.params, period.startMs, period.endMs] as SqlValue[],
  };
}

/** Every record the statistics need for cases submitted in the period that the caller may see. */
export async function loadStatsInput(sql: Sql, visibility: Visibility, period: Period): Promise<StatsInput> {
  const where = scoped(visibility, period, 'c');
  const caseRows = await sql.all<{ id: string; status: StatsCase['status']; item_code: string; village_code: string; submitted_at: number; accepted_on: string | null; due_on: string | null }>(
    `SELECT c.id, c.status, c.item_code, c.village_code, c.submitted_at, c.accepted_on, c.due_on FROM cases c WHERE ${where.sql}`,
    where.params,
  );
  const decisionRows = await sql.all<{ case_id: string; kind: Decision['kind']; data: string; created_at: number }>(
    `SELECT d.case_id, d.kind, d.data, d.created_at FROM decisions d JOIN cases c ON c.id = d.case_id WHERE ${where.sql} ORDER BY d.created_at, d.id`,
    where.params,
  );
  const ratingRows = await sql.all<{ case_id: string; level: number }>(
    `SELECT r.case_id, r.level FROM ratings r JOIN cases c ON c.id = r.case_id WHERE ${where.sql}`,
    where.params,
  );
  const rectRows = await sql.all<{ data: string }>(
    `SELECT r.data FROM rectifications r JOIN cases c ON c.id = r.case_id WHERE ${where.sql}`,
    where.params,
  );

  const decisions: StatsDecision[] = decisionRows.map((r) => ({
    caseId: r.case_id,
    kind: r.kind,
    reasonCodes: (parse<Decision>(r.data).reasons ?? []).map((x) => x.code as ReasonCode),
    decidedOn: chinaDate(Number(r.created_at)),
  }));
  // 办结 day: the last complete decision (server time, not the reviewer's clock).
  const completedOn = new Map<string, string>();
  for (const d of decisions) if (d.kind === 'complete') completedOn.set(d.caseId, d.decidedOn);

  const cases: StatsCase[] = caseRows.map((r) => {
    const c: StatsCase = { id: r.id, status: r.status, itemCode: r.item_code, villageCode: r.village_code, submittedOn: chinaDate(Number(r.submitted_at)) };
    if (r.accepted_on) c.acceptedOn = r.accepted_on;
    if (r.due_on) c.dueOn = r.due_on;
    const done = completedOn.get(r.id);
    if (done) c.completedOn = done;
    return c;
  });
  const ratings: StatsRating[] = ratingRows.map((r) => ({ caseId: r.case_id, level: Number(r.level) }));
  const rectifications: StatsRectification[] = rectRows.map((r) => {
    const x = parse<Rectification>(r.data);
    const out: StatsRectification = { id: x.id, caseId: x.caseId, status: x.status, dueBy: x.dueBy };
    if (x.closedAt !== undefined) out.closedOn = chinaDate(x.closedAt);
    return out;
  });
  return { cases, decisions, ratings, rectifications };
}

export interface RectificationRow {
  rectification: Rectification;
  caseNumber: string;
  itemCode: string;
  villageCode: string;
  townshipCode: string;
  countyCode: string;
  rating: { level: number; comment: string } | null;
}

type RectRow = { data: string; number: string; item_code: string; village_code: string; township_code: string; county_code: string; rating: string | null };

async function selectRectifications(sql: Sql, where: string, params: SqlValue[]): Promise<RectificationRow[]> {
  const rows = await sql.all<RectRow>(
    `SELECT r.data, c.number, c.item_code, c.village_code, c.township_code, c.county_code, g.data AS rating
       FROM rectifications r JOIN cases c ON c.id = r.case_id LEFT JOIN ratings g ON g.id = r.rating_id
      WHERE ${where}
      ORDER BY CASE r.status WHEN 'open' THEN 0 ELSE 1 END, r.due_by, r.id`,
    params,
  );
  return rows.map((r) => {
    const rating = r.rating ? parse<{ level: number; comment?: string }>(r.rating) : null;
    return {
      rectification: parse<Rectification>(r.data), caseNumber: r.number, itemCode: r.item_code, villageCode: r.village_code,
      townshipCode: r.township_code, countyCode: r.county_code, rating: rating && { level: rating.level, comment: rating.comment ?? '' },
    };
  });
}

/** Rectifications the caller may see, open ones first, then by due date. */
export function listRectifications(sql: Sql, visibility: Visibility, status?: 'open' | 'closed'): Promise<RectificationRow[]> {
  const own = ownedBy(visibility, 'c');
  return status ? selectRectifications(sql, `${own.sql} AND r.status = ?`, [...own.params, status]) : selectRectifications(sql, own.sql, own.params);
}

export async function getRectification(sql: Sql, id: string): Promise<RectificationRow | undefined> {
  return (await selectRectifications(sql, 'r.id = ?', [id]))[0];
}

/** Writes the closed rectification (status column and JSON kept in step). */
export async function saveClosedRectification(sql: Sql, r: Rectification, now: number): Promise<void> {
  await sql.run(`UPDATE rectifications SET status = ?, data = ?, updated_at = ? WHERE id = ?`, [r.status, JSON.stringify(r), now, r.id]);
}
