// Append-only records: the audit trail, applied mutations (idempotency) and the change feed.
import type { AuditEvent, Change, PushResult } from '../../../domain';
import type { RecordCipher } from '../../crypto/envelope';
import { SEALED } from '../at-rest';
import type { Sql } from '../sql';
import type { Repositories } from '../store';
import { fromJson, openJson, sealJson, toJson } from './json';
import { addressedTo } from './visibility';

export function auditRepo(sql: Sql): Repositories['audit'] {
  return {
    async insert(e) {
      await sql.run(
        `INSERT INTO audit (id, case_id, entity, entity_id, action, data, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [e.id, e.caseId ?? null, e.entity, e.entityId, e.action, toJson(e), e.at],
      );
    },
    async forCase(caseId) {
      return (await sql.all<{ data: string }>(`SELECT data FROM audit WHERE case_id = ? ORDER BY seq`, [caseId])).map(
        (r) => fromJson<AuditEvent>(r.data),
      );
    },
  };
}

export function mutationRepo(sql: Sql, cipher: RecordCipher): Repositories['mutations'] {
  return {
    async get(mutationId) {
      const r = await sql.get<{
        mutation_id: string;
        device_id: string;
        user_id: string;
        kind: string;
        result: string;
        applied_at: number;
      }>(
        `SELECT mutation_id, device_id, user_id, kind, result, applied_at FROM applied_mutations WHERE mutation_id = ?`,
        [mutationId],
      );
      return (
        r && {
          mutationId: r.mutation_id,
          deviceId: r.device_id,
          userId: r.user_id,
          kind: r.kind,
          result: openJson<PushResult>(cipher, SEALED.mutations, r.result),
          appliedAt: Number(r.applied_at),
        }
      );
    },
    async insert(m) {
      await sql.run(
        `INSERT INTO applied_mutations (mutation_id, device_id, user_id, kind, result, applied_at) VALUES (?, ?, ?, ?, ?, ?)`,
        [m.mutationId, m.deviceId, m.userId, m.kind, sealJson(cipher, SEALED.mutations, m.result), m.appliedAt],
      );
    },
  };
}

export function changeRepo(sql: Sql, cipher: RecordCipher): Repositories['changes'] {
  return {
    async append(scope, change, now) {
      const caseId = 'caseId' in change ? change.caseId : null;
      // The public catalogue stays in clear (large, sent to every tablet, nothing personal).
      const payload = change.type === 'catalog.item' ? toJson(change) : sealJson(cipher, SEALED.changes, change);
      const row = await sql.get<{ seq: number }>(
        `INSERT INTO changes (village_code, township_code, county_code, type, case_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
        [scope.villageCode, scope.townshipCode, scope.countyCode, change.type, caseId, payload, now],
      );
      if (!row) throw new Error('change not appended');
      return Number(row.seq);
    },
    async after(cursor, visibility, limit) {
      const v = addressedTo(visibility);
      const rows = await sql.all<{ seq: number; payload: string }>(
        `SELECT seq, payload FROM changes WHERE seq > ? AND ${v.sql} ORDER BY seq LIMIT ?`,
        [cursor, ...v.params, limit],
      );
      return rows.map((r) => ({
        seq: Number(r.seq),
        change: { ...openJson<Omit<Change, 'seq'>>(cipher, SEALED.changes, r.payload), seq: Number(r.seq) } as Change,
      }));
    },
  };
}
