// Sessions (one row per token; the tokens of one device's sign-in share session_id) and the
// per-account count of failed logins.
import type { Sql } from '../sql';
import type { Repositories, RevokeReason, SessionRecord, StoredSession } from '../store';
import { toUser, USER_COLUMNS, type UserRow } from './accounts';

interface SessionRow {
  token_hash: string;
  session_id: string | null;
  user_id: string;
  created_at: number;
  expires_at: number;
  device: string | null;
  ip: string | null;
  last_used_at: number | null;
  replaced_at: number | null;
  revoked_at: number | null;
  revoked_reason: string | null;
}
const COLUMNS =
  'token_hash, session_id, user_id, created_at, expires_at, device, ip, last_used_at, replaced_at, revoked_at, revoked_reason';
/** The user's columns beside a session's, each as `u_<column>` (both tables have names alike). */
const USER_COLUMNS_AS = USER_COLUMNS.split(', ')
  .map((c) => `u.${c} AS u_${c}`)
  .join(', ');
const SESSION_COLUMNS_OF_S = COLUMNS.split(', ')
  .map((c) => `s.${c}`)
  .join(', ');
const userOfRow = (r: Record<string, unknown>): UserRow =>
  Object.fromEntries(USER_COLUMNS.split(', ').map((c) => [c, r[`u_${c}`]])) as unknown as UserRow;
const num = (v: number | null) => (v === null ? null : Number(v));
const toSession = (r: SessionRow): StoredSession => ({
  tokenHash: r.token_hash,
  sessionId: r.session_id ?? r.token_hash,
  userId: r.user_id,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
  device: r.device,
  ip: r.ip,
  lastUsedAt: num(r.last_used_at),
  replacedAt: num(r.replaced_at),
  revokedAt: num(r.revoked_at),
  revokedReason: r.revoked_reason as RevokeReason | null,
});

export function sessionRepo(sql: Sql): Repositories['sessions'] {
  return {
    async insert(s: SessionRecord) {
      await sql.run(`INSERT INTO sessions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        s.tokenHash,
        s.sessionId ?? s.tokenHash,
        s.userId,
        s.createdAt,
        s.expiresAt,
        s.device ?? null,
        s.ip ?? null,
        s.lastUsedAt ?? null,
        s.replacedAt ?? null,
        s.revokedAt ?? null,
        s.revokedReason ?? null,
      ]);
    },
    async get(tokenHash) {
      const r = await sql.get<SessionRow>(`SELECT ${COLUMNS} FROM sessions WHERE token_hash = ?`, [tokenHash]);
      return r && toSession(r);
    },
    async withUser(tokenHash) {
      // One statement for what every authenticated request needs (a round trip on PostgreSQL).
      const r = await sql.get<SessionRow & Record<string, unknown>>(
        `SELECT ${SESSION_COLUMNS_OF_S}, ${USER_COLUMNS_AS} FROM sessions s LEFT JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ?`,
        [tokenHash],
      );
      if (!r) return undefined;
      return { session: toSession(r), user: r.u_id === null ? undefined : toUser(userOfRow(r)) };
    },
    async newest(sessionId) {
      const r = await sql.get<SessionRow>(
        `SELECT ${COLUMNS} FROM sessions WHERE session_id = ? ORDER BY created_at DESC, token_hash LIMIT 1`,
        [sessionId],
      );
      return r && toSession(r);
    },
    async touch(tokenHash, at) {
      await sql.run(`UPDATE sessions SET last_used_at = ? WHERE token_hash = ?`, [at, tokenHash]);
    },
    async markReplaced(sessionId, current, at) {
      await sql.run(
        `UPDATE sessions SET replaced_at = ? WHERE session_id = ? AND token_hash <> ? AND replaced_at IS NULL
           AND created_at <= (SELECT created_at FROM sessions WHERE token_hash = ?)`,
        [at, sessionId, current, current],
      );
    },
    async delete(tokenHash) {
      await sql.run(`DELETE FROM sessions WHERE token_hash = ?`, [tokenHash]);
    },
    async deleteExpired(now, idleBefore = -1, replacedBefore = -1) {
      return sql.run(
        `DELETE FROM sessions WHERE expires_at <= ?
           OR (revoked_at IS NULL AND (replaced_at <= ? OR last_used_at <= ? OR (last_used_at IS NULL AND created_at <= ?)))`,
        [now, replacedBefore, idleBefore, idleBefore],
      );
    },
    async forUser(userId, now) {
      const rows = await sql.all<SessionRow>(
        `SELECT ${COLUMNS} FROM sessions WHERE user_id = ? AND expires_at > ? AND revoked_at IS NULL
           AND replaced_at IS NULL ORDER BY created_at DESC`,
        [userId, now],
      );
      // Right after a rotation a session has two unreplaced tokens: show it once.
      const seen = new Set<string>();
      return rows.map(toSession).filter((s) => !seen.has(s.sessionId) && Boolean(seen.add(s.sessionId)));
    },
    async revoke(sessionId, at, reason) {
      return sql.run(
        `UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE session_id = ? AND revoked_at IS NULL`,
        [at, reason, sessionId],
      );
    },
    async revokeForUser(userId, at, reason, keepSessionId) {
      const live = await sql.all<{ session_id: string }>(
        `SELECT DISTINCT session_id FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND session_id <> ?`,
        [userId, keepSessionId ?? ''],
      );
      await sql.run(
        `UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL AND session_id <> ?`,
        [at, reason, userId, keepSessionId ?? ''],
      );
      return live.length;
    },
  };
}

export function loginFailureRepo(sql: Sql): Repositories['loginFailures'] {
  return {
    async get(account) {
      const r = await sql.get<{ failures: number; last_failure_at: number }>(
        `SELECT failures, last_failure_at FROM login_failures WHERE account = ?`,
        [account],
      );
      return r && { failures: Number(r.failures), lastFailureAt: Number(r.last_failure_at) };
    },
    async record(account, at) {
      await sql.run(
        `INSERT INTO login_failures (account, failures, last_failure_at) VALUES (?, 1, ?)
         ON CONFLICT (account) DO UPDATE SET failures = login_failures.failures + 1, last_failure_at = excluded.last_failure_at`,
        [account, at],
      );
    },
    async clear(account) {
      await sql.run(`DELETE FROM login_failures WHERE account = ?`, [account]);
    },
    async prune(before) {
      return sql.run(`DELETE FROM login_failures WHERE last_failure_at < ?`, [before]);
    },
  };
}
