// One pull page (GET /api/sync/pull) as JSON text. Two ways to the same answer:
//  - from sealed chunks (migration 18): when a chunk of the caller's chain starts at the cursor,
//    the page is that chunk and the ones after it, as many as fit in `limit` — a few rows and one
//    decryption per chunk instead of one per change (a first sync of 100,000 changes);
//  - from the feed's rows, change by change, as before. When the cursor is where the caller's
//    chain ends and the page holds whole chunks' worth of changes, those are sealed as the next
//    chunks on the way (the first large read pays once, the next device's first sync is served
//    from chunks). When a chunk starts inside the page, the page stops there, so a device that
//    was mid-chain reaches a boundary and reads chunks from then on.
// Both list the same changes in seq order with the same cursor: nothing skipped or repeated. A
// chunk holds only its scope's rows (village, township or county, plus the rows for everyone),
// as the row query does.
import { CHANGE_KIND_SINCE, changeKindReadableBy } from '../../domain/api';
import type { Change } from '../../domain';
import type { FeedChunk, Store, StoredChunk, Visibility } from '../store';

/** Changes per chunk. Pages smaller than this (the previous app's 200) always read rows. */
const CHUNK_CHANGES = 500;

const page = (changes: readonly string[], cursor: number, hasMore: boolean) =>
  `{"changes":[${changes.join(',')}],"cursor":${cursor},"hasMore":${hasMore}}`;

const OPEN = Buffer.from('{"changes":[');
const COMMA = Buffer.from(',');

/** The same page from chunks, as bytes: the decrypted chunks are copied once, never decoded. */
function chunkPage(run: readonly StoredChunk[], cursor: number, hasMore: boolean): Buffer {
  const parts: Buffer[] = [OPEN];
  for (const [i, c] of run.entries()) parts.push(...(i > 0 ? [COMMA, c.open()] : [c.open()]));
  parts.push(Buffer.from(`],"cursor":${cursor},"hasMore":${hasMore}}`));
  return Buffer.concat(parts);
}

const sinceOf = (type: Change['type']) => CHANGE_KIND_SINCE[type] ?? 1;

export interface PullRequest {
  cursor: number;
  limit: number;
  /** The request's protocol: kinds it cannot read are left out (the cursor still moves past them). */
  protocol: number;
  now: number;
}

/** The chunks that start at `cursor` and follow each other, as many as fit in `limit` and `protocol` reads. */
function runFrom(chunks: readonly StoredChunk[], r: PullRequest): StoredChunk[] {
  const run: StoredChunk[] = [];
  let at = r.cursor;
  let count = 0;
  for (const c of chunks) {
    if (c.afterSeq !== at || count + c.count > r.limit || c.minProtocol > r.protocol) break;
    run.push(c);
    at = c.lastSeq;
    count += c.count;
  }
  return run;
}

export async function pullPage(store: Store, visibility: Visibility, r: PullRequest): Promise<string | Buffer> {
  const chunked = r.limit >= CHUNK_CHANGES;
  // The chunks from the cursor on; one more than fit, to see where the next one starts.
  const chunks = chunked
    ? await store.changes.chunksFrom(r.cursor, visibility, Math.floor(r.limit / CHUNK_CHANGES) + 1)
    : [];
  const run = runFrom(chunks, r);
  if (run.length > 0) {
    const last = run.at(-1)!.lastSeq;
    return chunkPage(run, last, await store.changes.hasAfter(last, visibility));
  }

  const rows = await store.changes.afterText(r.cursor, visibility, r.limit + 1);
  // A chunk starting inside this page: stop at its start, so the next page is served from chunks.
  const next = chunks.find((c) => c.afterSeq > r.cursor);
  const beyond = next ? rows.findIndex((row) => row.seq > next.afterSeq) : -1;
  const taken = rows.slice(0, beyond === -1 ? r.limit : Math.min(beyond, r.limit));
  if (
    chunked &&
    taken.length >= CHUNK_CHANGES &&
    !next &&
    (await store.changes.chunkChainEnd(visibility)) === r.cursor
  ) {
    // One transaction (one commit) for the page's chunks, not one per chunk.
    const whole = chunksOf(taken, r.cursor);
    await store.transaction((tx) => tx.changes.saveChunks(visibility, whole, r.now));
  }
  return page(
    taken.filter((row) => changeKindReadableBy(row.type, r.protocol)).map((row) => row.json),
    taken.at(-1)?.seq ?? r.cursor,
    rows.length > taken.length,
  );
}

/** The whole chunks in `rows` (read from `cursor`, in seq order); a partial tail is left for later. */
function chunksOf(rows: readonly { seq: number; type: Change['type']; json: string }[], cursor: number): FeedChunk[] {
  const out: FeedChunk[] = [];
  let after = cursor;
  for (let i = 0; i + CHUNK_CHANGES <= rows.length; i += CHUNK_CHANGES) {
    const part = rows.slice(i, i + CHUNK_CHANGES);
    const lastSeq = part.at(-1)!.seq;
    out.push({
      afterSeq: after,
      lastSeq,
      count: part.length,
      minProtocol: Math.max(...part.map((row) => sinceOf(row.type))),
      json: Buffer.from(part.map((row) => row.json).join(',')),
    });
    after = lastSeq;
  }
  return out;
}
