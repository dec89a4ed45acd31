// Persons, cases, their revisions and their current materials.
import type { Case, CaseSubmission, Material, Person } from '../../../domain';
import type { RecordCipher } from '../../crypto/envelope';
import { SEALED } from '../at-rest';
import type { Sql, SqlValue } from '../sql';
import type { CaseQuery, CaseRecord, Repositories } from '../store';
import { openJson, sealJson } from './json';
import { ownedBy } from './visibility';

/** Statuses in which the promised time limit is running (中止 stops the clock). */
export const RUNNING_STATUSES = ['accepted', 'accepted_tolerance'] as const;
/** Statuses whose promised deadline still matters (中止 stands still but resumes on its due date). */
const CLOCK_RUNNING = [...RUNNING_STATUSES, 'suspended'] as const;

const CASE_COLUMNS = `id, number, item_code, village_code, township_code, county_code, agent_id, applicant_id, status, version, revision,
  data, due_on, accepted_on, suspended_on, resume_status, submitted_at, updated_at`;

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
}

const toCase = (cipher: RecordCipher, r: CaseRow): CaseRecord => ({
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
  data: openJson<Case>(cipher, SEALED.cases, r.data),
  dueOn: r.due_on,
  acceptedOn: r.accepted_on,
  suspendedOn: r.suspended_on,
  resumeStatus: r.resume_status,
  submittedAt: r.submitted_at === null ? null : Number(r.submitted_at),
  updatedAt: Number(r.updated_at),
});

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
];

function where(q: Omit<CaseQuery, 'limit' | 'offset'>): { sql: string; params: SqlValue[] } {
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
  if (q.overdueBefore) {
    parts.push(`due_on < ? AND status IN (${RUNNING_STATUSES.map(() => '?').join(', ')})`);
    params.push(q.overdueBefore, ...RUNNING_STATUSES);
  }
  return { sql: parts.join(' AND '), params };
}

export function personRepo(sql: Sql, cipher: RecordCipher): Repositories['persons'] {
  const toEntry = (row: { village_code: string; data: string }) => ({
    person: openJson<Person>(cipher, SEALED.persons, row.data),
    villageCode: row.village_code,
  });
  return {
    async upsert(p, villageCode, now) {
      await sql.run(
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
    async insert(c) {
      await sql.run(
        `INSERT INTO cases (${CASE_COLUMNS}) VALUES (?, ${caseValues(cipher, c)
          .map(() => '?')
          .join(', ')})`,
        [c.id, ...caseValues(cipher, c)],
      );
    },
    async update(c) {
      await sql.run(
        `UPDATE cases SET number = ?, item_code = ?, village_code = ?, township_code = ?, county_code = ?, agent_id = ?, applicant_id = ?,
           status = ?, version = ?, revision = ?, data = ?, due_on = ?, accepted_on = ?, suspended_on = ?, resume_status = ?,
           submitted_at = ?, updated_at = ?
         WHERE id = ?`,
        [...caseValues(cipher, c), c.id],
      );
    },
    async get(id) {
      const row = await sql.get<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = ?`, [id]);
      return row && toCase(cipher, row);
    },
    async query(q) {
      const w = where(q);
      // Earliest due first; cases not yet accepted (no due date) by arrival, after the dated ones.
      const rows = await sql.all<CaseRow>(
        `SELECT ${CASE_COLUMNS} FROM cases WHERE ${w.sql}
         ORDER BY CASE WHEN due_on IS NULL THEN 1 ELSE 0 END, due_on, submitted_at, id LIMIT ? OFFSET ?`,
        [...w.params, q.limit, q.offset],
      );
      return rows.map((r) => toCase(cipher, r));
    },
    async counts(q) {
      const w = where(q);
      const group = async (column: string) => {
        const rows = await sql.all<{ k: string; n: number }>(
          `SELECT ${column} AS k, COUNT(*) AS n FROM cases WHERE ${w.sql} GROUP BY ${column}`,
          w.params,
        );
        return Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
      };
      const byStatus = await group('status');
      return {
        total: Object.values(byStatus).reduce((a, b) => a + b, 0),
        byStatus,
        byVillage: await group('village_code'),
        byItem: await group('item_code'),
      };
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
      const w = where({ visibility, overdueBefore: today });
      return Number((await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM cases WHERE ${w.sql}`, w.params))?.n ?? 0);
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
      await sql.run(
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
      await sql.run(`UPDATE cases SET lookup_hash = ? WHERE id = ? AND lookup_hash IS NULL`, [hash, id]);
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
      await sql.run(`DELETE FROM materials WHERE case_id = ?`, [caseId]);
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
