// Append-only records: the audit trail (hash-chained, see `Store`), applied mutations (idempotency)
// and the change feed.
import type { AuditEvent, Change, PushResult } from '../../../domain';
import { chainOf, eventHash, GENESIS } from '../../audit/chain';
import type { RecordCipher } from '../../crypto/envelope';
import { SEALED } from '../at-rest';
import type { Dialect, Sql } from '../sql';
import type { AuditChainRow, FeedChunk, NewChange, Repositories, Scope, Visibility } from '../store';
import { fromJson, openJson, sealJson, toJson } from './json';
import { EVERYONE, ownedBy } from './visibility';

const ROW_COLUMNS = `seq, id, case_id, entity, entity_id, action, at, data, chain, chain_seq, prev_hash, hash, server_at`;

interface RowColumns {
  seq: number;
  id: string;
  case_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  at: number;
  data: string;
  chain: string | null;
  chain_seq: number | null;
  prev_hash: string | null;
  hash: string | null;
  server_at: number | null;
}

const num = (v: number | bigint | null): number | null => (v === null ? null : Number(v));

const toRow = (r: RowColumns): AuditChainRow => ({
  seq: Number(r.seq),
  id: r.id,
  caseId: r.case_id,
  entity: r.entity,
  entityId: r.entity_id,
  action: r.action,
  at: Number(r.at),
  data: r.data,
  chain: r.chain,
  chainSeq: num(r.chain_seq),
  prevHash: r.prev_hash,
  hash: r.hash,
  serverAt: num(r.server_at),
});

/**
 * The next links of `chain` after its head, one per event in order: moves the head once
 * (compare-and-set, so two writers that read the same head cannot both succeed) and returns the
 * links. Runs inside the caller's transaction, before the rows themselves are written.
 */
async function advance<E>(
  sql: Sql,
  chain: string,
  events: readonly E[],
  link: (e: E, chainSeq: number, prevHash: string) => string,
) {
  const head = await sql.get<{ last_seq: number; last_hash: string }>(
    `SELECT last_seq, last_hash FROM audit_chains WHERE chain = ?`,
    [chain],
  );
  const start = head ? Number(head.last_seq) : 0;
  let prevHash = head?.last_hash ?? GENESIS;
  const links = events.map((e, i) => {
    const chainSeq = start + i + 1;
    const hash = link(e, chainSeq, prevHash);
    const l = { chainSeq, prevHash, hash };
    prevHash = hash;
    return l;
  });
  const last = links.at(-1);
  if (!last) return links;
  if (!head) {
    await sql.write(`INSERT INTO audit_chains (chain, last_seq, last_hash) VALUES (?, ?, ?)`, [
      chain,
      last.chainSeq,
      last.hash,
    ]);
  } else if (
    (await sql.run(`UPDATE audit_chains SET last_seq = ?, last_hash = ? WHERE chain = ? AND last_seq = ?`, [
      last.chainSeq,
      last.hash,
      chain,
      start,
    ])) !== 1
  ) {
    throw new Error(`audit chain ${chain} moved during this transaction: refusing to fork it`);
  }
  return links;
}

const AUDIT_ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

export function auditRepo(sql: Sql): Repositories['audit'] {
  const insertAll: Repositories['audit']['insertAll'] = async (events, serverAt) => {
    // Consecutive events of the same chain (a mutation's steps) share one head read and write.
    for (let i = 0; i < events.length;) {
      const chain = chainOf(events[i]!.caseId);
      let j = i + 1;
      while (j < events.length && chainOf(events[j]!.caseId) === chain) j++;
      const run = events.slice(i, j);
      const links = await advance(sql, chain, run, (e, chainSeq, prevHash) =>
        eventHash({ chain, chainSeq, prevHash, serverAt }, e),
      );
      await sql.write(
        `INSERT INTO audit (id, case_id, entity, entity_id, action, data, at, chain, chain_seq, prev_hash, hash, server_at)
         VALUES ${run.map(() => AUDIT_ROW).join(', ')}`,
        run.flatMap((e, k) => [
          e.id,
          e.caseId ?? null,
          e.entity,
          e.entityId,
          e.action,
          toJson(e),
          e.at,
          chain,
          links[k]!.chainSeq,
          links[k]!.prevHash,
          links[k]!.hash,
          serverAt,
        ]),
      );
      i = j;
    }
  };
  return {
    insert: (e, serverAt) => insertAll([e], serverAt),
    insertAll,
    async forCase(caseId) {
      const rows = await sql.all<{ data: string; server_at: number | null }>(
        `SELECT data, server_at FROM audit WHERE case_id = ? ORDER BY seq`,
        [caseId],
      );
      return rows.map((r) => ({
        ...fromJson<AuditEvent>(r.data),
        ...(r.server_at !== null && { serverAt: Number(r.server_at) }),
      }));
    },
    async chainRows(chain) {
      const rows = await sql.all<RowColumns>(
        `SELECT ${ROW_COLUMNS} FROM audit WHERE chain = ? OR case_id = ? ORDER BY seq`,
        [chain, chain],
      );
      return rows.map(toRow);
    },
    async chainHead(chain) {
      const r = await sql.get<{ last_seq: number; last_hash: string }>(
        `SELECT last_seq, last_hash FROM audit_chains WHERE chain = ?`,
        [chain],
      );
      return r && { chain, seq: Number(r.last_seq), hash: r.last_hash };
    },
    async chains() {
      const rows = await sql.all<{ chain: string }>(
        `SELECT chain FROM audit_chains UNION SELECT chain FROM audit WHERE chain IS NOT NULL ORDER BY chain`,
      );
      return rows.map((r) => r.chain);
    },
    async unchained() {
      const rows = await sql.all<RowColumns>(
        `SELECT ${ROW_COLUMNS} FROM audit WHERE chain IS NULL OR hash IS NULL ORDER BY seq`,
      );
      return rows.map(toRow);
    },
  };
}

/**
 * Migration 6: chains the rows written before it, in the order they were recorded, each into its
 * case's chain (or the admin chain). Their server time is unknown and stays null. Runs once, in
 * the migration's transaction; rows without a hash found later were not written by the server.
 */
export async function chainLegacyAudit(sql: Sql): Promise<number> {
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = await sql.all<{ seq: number; case_id: string | null; data: string }>(
      `SELECT seq, case_id, data FROM audit WHERE seq > ? AND hash IS NULL ORDER BY seq LIMIT 500`,
      [after],
    );
    if (rows.length === 0) return count;
    for (const r of rows) {
      const chain = chainOf(r.case_id);
      let event: unknown;
      try {
        event = fromJson(r.data);
      } catch {
        event = r.data; // chained as it is; audit:verify reports it unreadable
      }
      const [link] = await advance(sql, chain, [event], (e, chainSeq, prevHash) =>
        eventHash({ chain, chainSeq, prevHash, serverAt: null }, e),
      );
      await sql.run(`UPDATE audit SET chain = ?, chain_seq = ?, prev_hash = ?, hash = ? WHERE seq = ?`, [
        chain,
        link!.chainSeq,
        link!.prevHash,
        link!.hash,
        r.seq,
      ]);
      after = Number(r.seq);
      count++;
    }
  }
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
      await sql.write(
        `INSERT INTO applied_mutations (mutation_id, device_id, user_id, kind, result, applied_at) VALUES (?, ?, ?, ?, ?, ?)`,
        [m.mutationId, m.deviceId, m.userId, m.kind, sealJson(cipher, SEALED.mutations, m.result), m.appliedAt],
      );
    },
  };
}

/** A stored payload (a JSON object without seq) with its seq added as the last member. */
export function withSeq(payload: string, seq: number): string {
  if (!payload.endsWith('}') || payload.length < 3) throw new Error(`change ${seq}: payload is not a JSON object`);
  return `${payload.slice(0, -1)},"seq":${seq}}`;
}

/** The key a scope's chunks are stored under: one chain per village, township and county. */
function chunkScope(v: Visibility): string {
  if ('villageCode' in v) return `village:${v.villageCode}`;
  if ('townshipCode' in v) return `township:${v.townshipCode}`;
  return `county:${v.countyCode}`;
}

export function changeRepo(sql: Sql, cipher: RecordCipher, dialect: Dialect = 'sqlite'): Repositories['changes'] {
  const afterText: Repositories['changes']['afterText'] = async (cursor, visibility, limit) => {
    // Two index ranges from the cursor on — the caller's division's rows, (x_code, seq), and the
    // rows for everyone, changes_everyone — merged in seq order and cut at `limit`: a page costs
    // the same from any cursor in any size of feed (an OR would scan every row after the cursor).
    // SQLite merges the two ranges as written; PostgreSQL's planner sorts every row after the cursor
    // unless each range is cut at `limit` itself (an early page of a large feed: 200 ms, not 1 ms).
    const own = ownedBy(visibility);
    const cut = dialect === 'postgres';
    const range = (where: string, alias: string) =>
      cut
        ? `SELECT seq, type, payload FROM (SELECT seq, type, payload FROM changes WHERE ${where} AND seq > ? ORDER BY seq LIMIT ?) AS ${alias}`
        : `SELECT seq, type, payload FROM changes WHERE ${where} AND seq > ?`;
    const rows = await sql.all<{ seq: number; type: Change['type']; payload: string }>(
      `${range(own.sql, 'own')}
       UNION ALL
       ${range(EVERYONE, 'everyone')}
       ORDER BY seq LIMIT ?`,
      cut ? [...own.params, cursor, limit, cursor, limit, limit] : [...own.params, cursor, cursor, limit],
    );
    return rows.map((r) => {
      const seq = Number(r.seq);
      return { seq, type: r.type, json: withSeq(cipher.open(SEALED.changes, r.payload), seq) };
    });
  };
  const INSERT_CHANGE = `INSERT INTO changes (village_code, township_code, county_code, type, case_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`;
  const changeValues = (scope: Scope, change: NewChange, now: number) => {
    const caseId = 'caseId' in change ? change.caseId : null;
    // The public catalogue stays in clear (large, sent to every tablet, nothing personal).
    const payload = change.type === 'catalog.item' ? toJson(change) : sealJson(cipher, SEALED.changes, change);
    return [scope.villageCode, scope.townshipCode, scope.countyCode, change.type, caseId, payload, now];
  };
  return {
    async append(scope, change, now) {
      const row = await sql.get<{ seq: number }>(`${INSERT_CHANGE} RETURNING seq`, changeValues(scope, change, now));
      if (!row) throw new Error('change not appended');
      return Number(row.seq);
    },
    add: (scope, change, now) => sql.write(INSERT_CHANGE, changeValues(scope, change, now)),
    async head() {
      return Number((await sql.get<{ n: number | null }>(`SELECT MAX(seq) AS n FROM changes`))?.n ?? 0);
    },
    async after(cursor, visibility, limit) {
      return (await afterText(cursor, visibility, limit)).map((r) => ({
        seq: r.seq,
        change: fromJson<Change>(r.json),
      }));
    },
    afterText,
    async hasAfter(cursor, visibility) {
      const own = ownedBy(visibility);
      const row = await sql.get(
        `SELECT 1 AS one FROM (SELECT seq FROM changes WHERE ${own.sql} AND seq > ? ORDER BY seq LIMIT 1) AS own
         UNION ALL
         SELECT 1 AS one FROM (SELECT seq FROM changes WHERE ${EVERYONE} AND seq > ? ORDER BY seq LIMIT 1) AS everyone`,
        [...own.params, cursor, cursor],
      );
      return row !== undefined;
    },
    async chunksFrom(cursor, visibility, max) {
      const rows = await sql.all<{
        after_seq: number;
        last_seq: number;
        n: number;
        min_protocol: number;
        body: string;
      }>(
        `SELECT after_seq, last_seq, n, min_protocol, body FROM feed_chunks
          WHERE scope_key = ? AND after_seq >= ? ORDER BY after_seq LIMIT ?`,
        [chunkScope(visibility), cursor, max],
      );
      return rows.map((r) => ({
        afterSeq: Number(r.after_seq),
        lastSeq: Number(r.last_seq),
        count: Number(r.n),
        minProtocol: Number(r.min_protocol),
        open: () => cipher.openBytes(SEALED.feedChunks, r.body),
      }));
    },
    async chunkChainEnd(visibility) {
      const row = await sql.get<{ last_seq: number }>(
        `SELECT last_seq FROM feed_chunks WHERE scope_key = ? ORDER BY after_seq DESC LIMIT 1`,
        [chunkScope(visibility)],
      );
      return row ? Number(row.last_seq) : 0;
    },
    async saveChunks(visibility, chunks: readonly FeedChunk[], now) {
      const scope = chunkScope(visibility);
      for (const c of chunks) {
        await sql.run(
          `INSERT INTO feed_chunks (scope_key, after_seq, last_seq, n, min_protocol, body, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scope_key, after_seq) DO NOTHING`,
          [
            scope,
            c.afterSeq,
            c.lastSeq,
            c.count,
            c.minProtocol,
            cipher.seal(SEALED.feedChunks, c.json.toString()),
            now,
          ],
        );
      }
    },
  };
}
