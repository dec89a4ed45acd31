// Decisions, ratings and the rectifications bad ratings open.
import type { Decision, Rating, Rectification } from '../../../domain';
import type { Sql } from '../sql';
import type { Repositories } from '../store';
import { fromJson, toJson } from './json';

export function decisionRepo(sql: Sql): Repositories['decisions'] {
  type Row = { data: string; version_after: number; created_at: number };
  const toRecord = (r: Row) => ({ decision: fromJson<Decision>(r.data), versionAfter: Number(r.version_after), createdAt: Number(r.created_at) });
  return {
    async insert(d, versionAfter, now) {
      await sql.run(
        `INSERT INTO decisions (id, case_id, kind, revision, reviewer_id, data, version_after, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [d.id, d.caseId, d.kind, d.revision, d.reviewerId, toJson(d), versionAfter, now],
      );
    },
    async get(id) {
      const r = await sql.get<Row>(`SELECT data, version_after, created_at FROM decisions WHERE id = ?`, [id]);
      return r && toRecord(r);
    },
    async forCase(caseId) {
      return (await sql.all<Row>(`SELECT data, version_after, created_at FROM decisions WHERE case_id = ? ORDER BY version_after`, [caseId])).map(toRecord);
    },
  };
}

export function ratingRepo(sql: Sql): Repositories['ratings'] {
  return {
    async insert(r, now) {
      await sql.run(`INSERT INTO ratings (id, case_id, level, data, created_at) VALUES (?, ?, ?, ?, ?)`, [r.id, r.caseId, r.level, toJson(r), now]);
    },
    async forCase(caseId) {
      const row = await sql.get<{ data: string }>(`SELECT data FROM ratings WHERE case_id = ?`, [caseId]);
      return row && fromJson<Rating>(row.data);
    },
  };
}

export function rectificationRepo(sql: Sql): Repositories['rectifications'] {
  return {
    async insert(r, now) {
      await sql.run(`INSERT INTO rectifications (id, case_id, rating_id, status, due_by, data, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
        r.id, r.caseId, r.ratingId, r.status, r.dueBy, toJson(r), now,
      ]);
    },
    async forCase(caseId) {
      return (await sql.all<{ data: string }>(`SELECT data FROM rectifications WHERE case_id = ? ORDER BY due_by, id`, [caseId])).map((r) => fromJson<Rectification>(r.data));
    },
  };
}
