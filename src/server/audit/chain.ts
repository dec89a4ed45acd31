// Tamper evidence for the audit log: every event is a link in a SHA-256 hash chain (one chain per
// case, one for everything else). Editing a row breaks its hash, deleting one breaks the next
// row's link (or the chain head, for the newest), moving rows breaks the order of the links.
// This module is pure: hashing and checking; the SQL is in store/repos/log.ts.
import { createHash } from 'node:crypto';
import type { AuditEvent } from '../../domain';
import type { AuditChainHead, AuditChainRow } from '../store';

/** The chain of events that belong to no case: accounts, sessions, divisions. */
export const ADMIN_CHAIN = 'admin';
/** The "previous hash" of a chain's first event. */
export const GENESIS = '0'.repeat(64);

export const chainOf = (caseId: string | null | undefined): string => caseId ?? ADMIN_CHAIN;

export interface Link {
  chain: string;
  chainSeq: number;
  prevHash: string;
  /** Null only on rows written before migration 6 (chained then, their server time unknown). */
  serverAt: number | null;
}

/** JSON with object keys sorted at every level and undefined dropped: one text per value. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

/** SHA-256 (hex) over a versioned, canonical serialisation of the link and the event. */
export function eventHash(link: Link, event: unknown): string {
  const text = JSON.stringify([
    'daiban.audit.v1',
    link.chain,
    link.chainSeq,
    link.prevHash,
    link.serverAt,
    canonical(event),
  ]);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export type BreakKind = 'edited' | 'deleted' | 'reordered';

/** The first broken link of a chain. */
export interface ChainBreak {
  chain: string;
  kind: BreakKind;
  /** The row where the chain stops verifying (null when it is the head that disagrees). */
  id: string | null;
  /** Its position in the chain (stored chain_seq) and its row number (audit.seq). */
  chainSeq: number | null;
  seq: number | null;
  /** What is wrong, in English, for the operator. */
  detail: string;
}

function parse(data: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(data);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Columns the queries filter on must say what the hashed event says. */
function columnsDisagree(r: AuditChainRow, e: Record<string, unknown>): string | null {
  const pairs: [string, unknown, unknown][] = [
    ['id', r.id, e['id']],
    ['case_id', r.caseId, e['caseId'] ?? null],
    ['entity', r.entity, e['entity']],
    ['entity_id', r.entityId, e['entityId']],
    ['action', r.action, e['action']],
    ['at', r.at, e['at']],
  ];
  const bad = pairs.find(([, column, value]) => column !== value);
  return bad ? `column ${bad[0]} differs from the recorded event` : null;
}

/**
 * Walks one chain's rows in the order they are shown (`seq`) and returns the first broken link,
 * or null when every link holds and the last one is the head. `head` must be read before `rows`
 * (rows committed in between extend the chain past it and are checked like the others).
 */
export function verifyChain(
  chain: string,
  rows: readonly AuditChainRow[],
  head: AuditChainHead | undefined,
): ChainBreak | null {
  const at = (r: AuditChainRow, kind: BreakKind, detail: string): ChainBreak => ({
    chain,
    kind,
    id: r.id,
    chainSeq: r.chainSeq,
    seq: r.seq,
    detail,
  });
  const hashes = new Set(rows.map((r) => r.hash).filter((h): h is string => h !== null));
  let prevHash = GENESIS;
  let expected = 1;
  for (const r of rows) {
    const event = parse(r.data);
    if (!event) return at(r, 'edited', 'the recorded event is not readable JSON');
    if (r.chain === null || r.chainSeq === null || r.prevHash === null || r.hash === null)
      return at(r, 'edited', 'row is outside the hash chain (inserted or its link removed)');
    if (r.chain !== chain) return at(r, 'edited', `row names this case but is in chain ${r.chain}`);
    const columns = columnsDisagree(r, event);
    if (columns) return at(r, 'edited', columns);
    const link = { chain, chainSeq: r.chainSeq, prevHash: r.prevHash, serverAt: r.serverAt };
    if (eventHash(link, event) !== r.hash) return at(r, 'edited', 'content does not match its hash');
    if (r.prevHash !== prevHash) {
      if (hashes.has(r.prevHash) || r.chainSeq < expected)
        return at(r, 'reordered', `its predecessor (chain seq ${r.chainSeq - 1}) is not the row shown before it`);
      return at(r, 'deleted', `${r.chainSeq - expected} event(s) before it are missing (chain seq ${expected}…)`);
    }
    if (r.chainSeq !== expected) return at(r, 'reordered', `chain seq ${r.chainSeq} where ${expected} was expected`);
    if (head && r.chainSeq === head.seq && r.hash !== head.hash)
      return at(r, 'edited', 'the chain head records another hash for this event');
    prevHash = r.hash;
    expected = r.chainSeq + 1;
  }
  const last = expected - 1;
  const headBreak = (kind: BreakKind, detail: string): ChainBreak => ({
    chain,
    kind,
    id: null,
    chainSeq: head?.seq ?? null,
    seq: null,
    detail,
  });
  if (!head) return rows.length > 0 ? headBreak('edited', 'the chain head record is missing') : null;
  if (last < head.seq)
    return headBreak(
      'deleted',
      `the newest ${head.seq - last} event(s) are missing (chain seq ${last + 1}–${head.seq})`,
    );
  return null;
}

/** The events of verified-or-not rows, for display: rows whose JSON is unreadable are left out. */
export function rowEvent(r: AuditChainRow): (AuditEvent & { serverAt?: number }) | null {
  const event = parse(r.data);
  if (!event) return null;
  return { ...(event as AuditEvent), ...(r.serverAt !== null && { serverAt: r.serverAt }) };
}
