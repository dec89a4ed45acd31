// Checking stored audit chains: one case's (the reviewer's desk) or all of them (audit:verify).
import { AuditEvent } from '../../domain';
import type { AuditChainRow, Store } from '../store';
import { chainOf, rowEvent, verifyChain, type ChainBreak } from './chain';

export interface CaseAudit {
  /** The case's events as recorded, oldest first, with the server's time where known. */
  events: (AuditEvent & { serverAt?: number })[];
  broken: ChainBreak | null;
}

/** Reads the head first: an event committed meanwhile extends the chain and is checked too. */
async function readChain(store: Store, chain: string) {
  const head = await store.audit.chainHead(chain);
  const rows = await store.audit.chainRows(chain);
  return { head, rows, broken: verifyChain(chain, rows, head) };
}

export async function verifyCaseAudit(store: Store, caseId: string): Promise<CaseAudit> {
  const { rows, broken } = await readChain(store, caseId);
  const events = rows
    .filter((r) => r.caseId === caseId)
    .map(rowEvent)
    // An edited row that no longer reads as an event is left out; `broken` says so.
    .filter((e): e is NonNullable<typeof e> => e !== null && AuditEvent.safeParse(e).success);
  return { events, broken };
}

export interface AuditReport {
  chains: number;
  events: number;
  /** The first broken link of every chain that does not verify. */
  breaks: ChainBreak[];
}

const unchainedBreak = (r: AuditChainRow): ChainBreak => ({
  chain: r.chain ?? chainOf(r.caseId),
  kind: 'edited',
  id: r.id,
  chainSeq: r.chainSeq,
  seq: r.seq,
  detail: 'row is outside the hash chain (inserted or its link removed)',
});

export async function verifyAllAudit(store: Store): Promise<AuditReport> {
  const breaks = new Map<string, ChainBreak>();
  const chains = await store.audit.chains();
  let events = 0;
  for (const chain of chains) {
    const { rows, broken } = await readChain(store, chain);
    events += rows.length;
    if (broken) breaks.set(chain, broken);
  }
  // Rows no chain walk met: no chain column and no case, or a case that has no chain at all.
  for (const r of await store.audit.unchained()) {
    const b = unchainedBreak(r);
    if (!breaks.has(b.chain)) breaks.set(b.chain, b);
  }
  return { chains: chains.length, events, breaks: [...breaks.values()] };
}
