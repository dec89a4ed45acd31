// Decisions, ratings and the rectifications bad ratings open.
import type { Decision, Rating, Rectification } from '../../../domain';
import type { RecordCipher } from '../../crypto/envelope';
import { SEALED } from '../at-rest';
import type { Sql, SqlValue } from '../sql';
import type { RectificationEntry, Repositories } from '../store';
import { openJson, sealJson } from './json';
import { ownedBy } from './visibility';

export function decisionRepo(sql: Sql, cipher: RecordCipher): Repositories['decisions'] {
  type Row = { data: string; version_after: number; created_at: number };
  const toRecord = (r: Row) => ({
    decision: openJson<Decision>(cipher, SEALED.decisions, r.data),
    versionAfter: Number(r.version_after),
    createdAt: Number(r.created_at),
  });
  return {
    async insert(d, versionAfter, now) {
      await sql.write(
        `INSERT INTO decisions (id, case_id, kind, revision, reviewer_id, data, version_after, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [d.id, d.caseId, d.kind, d.revision, d.reviewerId, sealJson(cipher, SEALED.decisions, d), versionAfter, now],
      );
    },
    async get(id) {
      const r = await sql.get<Row>(`SELECT data, version_after, created_at FROM decisions WHERE id = ?`, [id]);
      return r && toRecord(r);
    },
    async forCase(caseId) {
      return (
        await sql.all<Row>(
          `SELECT data, version_after, created_at FROM decisions WHERE case_id = ? ORDER BY version_after`,
          [caseId],
        )
      ).map(toRecord);
    },
  };
}

export function ratingRepo(sql: Sql, cipher: RecordCipher): Repositories['ratings'] {
  return {
    async insert(r, now) {
      await sql.write(`INSERT INTO ratings (id, case_id, level, data, created_at) VALUES (?, ?, ?, ?, ?)`, [
        r.id,
        r.caseId,
        r.level,
        sealJson(cipher, SEALED.ratings, r),
        now,
      ]);
    },
    async forCase(caseId) {
      const row = await sql.get<{ data: string }>(`SELECT data FROM ratings WHERE case_id = ?`, [caseId]);
      return row && openJson<Rating>(cipher, SEALED.ratings, row.data);
    },
  };
}

export function rectificationRepo(sql: Sql, cipher: RecordCipher): Repositories['rectifications'] {
  type EntryRow = {
    data: string;
    number: string;
    item_code: string;
    village_code: string;
    township_code: string;
    county_code: string;
    rating: string | null;
  };
  const entries = async (where: string, params: SqlValue[]): Promise<RectificationEntry[]> => {
    const rows = await sql.all<EntryRow>(
      `SELECT r.data, c.number, c.item_code, c.village_code, c.township_code, c.county_code, g.data AS rating
         FROM rectifications r JOIN cases c ON c.id = r.case_id LEFT JOIN ratings g ON g.id = r.rating_id
        WHERE ${where}
        ORDER BY CASE r.status WHEN 'open' THEN 0 ELSE 1 END, r.due_by, r.id`,
      params,
    );
    return rows.map((r) => {
      const rating = r.rating ? openJson<Rating>(cipher, SEALED.ratings, r.rating) : null;
      return {
        rectification: openJson<Rectification>(cipher, SEALED.rectifications, r.data),
        caseNumber: r.number,
        itemCode: r.item_code,
        villageCode: r.village_code,
        townshipCode: r.township_code,
        countyCode: r.county_code,
        rating: rating && { level: rating.level, comment: rating.comment ?? '' },
      };
    });
  };
  return {
    async insert(r, now) {
      await sql.write(
        `INSERT INTO rectifications (id, case_id, rating_id, status, due_by, data, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [r.id, r.caseId, r.ratingId, r.status, r.dueBy, sealJson(cipher, SEALED.rectifications, r), now],
      );
    },
    async update(r, now) {
      await sql.run(`UPDATE rectifications SET status = ?, due_by = ?, data = ?, updated_at = ? WHERE id = ?`, [
        r.status,
        r.dueBy,
        sealJson(cipher, SEALED.rectifications, r),
        now,
        r.id,
      ]);
    },
    async forCase(caseId) {
      return (
        await sql.all<{ data: string }>(`SELECT data FROM rectifications WHERE case_id = ? ORDER BY due_by, id`, [
          caseId,
        ])
      ).map((r) => openJson<Rectification>(cipher, SEALED.rectifications, r.data));
    },
    async get(id) {
      return (await entries('r.id = ?', [id]))[0];
    },
    list(visibility, status) {
      const own = ownedBy(visibility, 'c');
      return status ? entries(`${own.sql} AND r.status = ?`, [...own.params, status]) : entries(own.sql, own.params);
    },
  };
}
