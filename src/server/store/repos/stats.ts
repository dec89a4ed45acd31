// The statistics read model: "everything in a township or county for a period" in four queries
// instead of one per case. Cases belong to the period in which they were first submitted.
import type { Decision, Rectification } from '../../../domain';
import type { RecordCipher } from '../../crypto/envelope';
import { SEALED } from '../at-rest';
import type { Sql, SqlValue } from '../sql';
import type { Repositories, StatsRecords, TimeRange, Visibility } from '../store';
import { openJson } from './json';
import { ownedBy, type Clause } from './visibility';

function submittedIn(visibility: Visibility, range: TimeRange, alias: string): Clause {
  const own = ownedBy(visibility, alias);
  return {
    sql: `${own.sql} AND ${alias}.submitted_at >= ? AND ${alias}.submitted_at < ?`,
    params: [...own.params, range.startMs, range.endMs] as SqlValue[],
  };
}

export function statsRepo(sql: Sql, cipher: RecordCipher): Repositories['stats'] {
  return {
    async records(visibility, range) {
      const where = submittedIn(visibility, range, 'c');
      const caseRows = await sql.all<{
        id: string;
        status: StatsRecords['cases'][number]['status'];
        item_code: string;
        village_code: string;
        submitted_at: number;
        accepted_on: string | null;
        due_on: string | null;
      }>(
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
      return {
        cases: caseRows.map((r) => ({
          id: r.id,
          status: r.status,
          itemCode: r.item_code,
          villageCode: r.village_code,
          submittedAt: Number(r.submitted_at),
          acceptedOn: r.accepted_on,
          dueOn: r.due_on,
        })),
        decisions: decisionRows.map((r) => {
          const d = openJson<Decision>(cipher, SEALED.decisions, r.data);
          return {
            caseId: r.case_id,
            kind: r.kind,
            reasonCodes: (d.reasons ?? []).map((x) => x.code),
            createdAt: Number(r.created_at),
            ...(d.followUp && {
              followUp: {
                reached: d.followUp.reached,
                ...(d.followUp.satisfied !== undefined && { satisfied: d.followUp.satisfied }),
              },
            }),
          };
        }),
        ratings: ratingRows.map((r) => ({ caseId: r.case_id, level: Number(r.level) })),
        rectifications: rectRows.map((r) => openJson<Rectification>(cipher, SEALED.rectifications, r.data)),
      };
    },
  };
}
