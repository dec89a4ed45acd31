// A first sync in pages of 2,000 (issue 12): served from sealed chunks of the caller's feed
// (migration 18, sync/pull-page.ts). Whatever the way, a device sees each change of its scope
// exactly once, in order; chunks hold only their scope's rows, sealed at rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type Change } from '../../src/domain';
import type { Scope } from '../../src/server/store';
import { bearer, login, rawWrite, startServer, type TestServer } from './harness';
import { makePerson } from './fixtures';

const V1 = '341822100201'; // agent1
const V2 = '341822100202'; // agent2, same township (reviewer1)
const scopeOf = (village: string): Scope => ({
  villageCode: village,
  townshipCode: `${village.slice(0, 9)}000`,
  countyCode: `${village.slice(0, 6)}000000`,
});
/** A name that must never appear in clear in the database. */
const SECRET_NAME = '甄秘密';

let s: TestServer;
const tokens: Record<string, string> = {};
/** Seqs of the rows this test appended, by village. */
const appended: Record<string, number[]> = { [V1]: [], [V2]: [] };
let everyone: number[] = [];
/** Seqs of the person changes appended (all V1). */
const persons: number[] = [];

/** Appends `n` changes: two of three for V1, one for V2; every 97th of V1 a person (protocol 2 kind). */
async function append(n: number): Promise<void> {
  await s.app.store.transaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      const village = i % 3 === 2 ? V2 : V1;
      const change =
        village === V1 && i % 97 === 0
          ? ({ type: 'person', person: makePerson(V1, { id: uuidv7(), name: SECRET_NAME }) } as const)
          : ({ type: 'case.status', caseId: uuidv7(), status: 'submitted', version: 1, at: s.clock.now } as const);
      const seq = await tx.changes.append(scopeOf(village), change, s.clock.now);
      appended[village]!.push(seq);
      if (change.type === 'person') persons.push(seq);
    }
  });
}

interface Page {
  changes: Change[];
  cursor: number;
  hasMore: boolean;
}

async function pullPage(
  user: string,
  cursor: number,
  limit: number,
  headers: Record<string, string> = bearer(tokens[user]!),
): Promise<Page> {
  const res = await s.app.inject({ url: `/api/sync/pull?cursor=${cursor}&limit=${limit}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
}

/** Every page from `cursor` as a device reads them. */
async function pullAll(user: string, limit: number, cursor = 0, headers?: Record<string, string>) {
  const pages: Page[] = [];
  for (;;) {
    const page = await pullPage(user, cursor, limit, headers);
    pages.push(page);
    expect(page.cursor).toBeGreaterThanOrEqual(cursor);
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  const changes = pages.flatMap((p) => p.changes);
  return { pages, changes, seqs: changes.map((c) => c.seq) };
}

interface ChunkRow {
  after_seq: number;
  last_seq: number;
  n: number;
  body: string;
}
const chunks = async (scope: string) =>
  (
    await s.db.all<ChunkRow>(
      `SELECT after_seq, last_seq, n, body FROM feed_chunks WHERE scope_key = ? ORDER BY after_seq`,
      [scope],
    )
  ).map((r) => ({ afterSeq: Number(r.after_seq), lastSeq: Number(r.last_seq), n: Number(r.n), body: r.body }));

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

beforeAll(async () => {
  s = await startServer();
  for (const u of ['agent1', 'agent2', 'reviewer1']) tokens[u] = (await login(s.app, u)).token;
  everyone = (
    await s.db.all<{ seq: number }>(
      `SELECT seq FROM changes WHERE village_code IS NULL AND township_code IS NULL AND county_code IS NULL`,
    )
  ).map((r) => Number(r.seq));
  await append(1_800); // 1,200 for V1, 600 for V2
}, 120_000); // a fresh PostgreSQL database and 1,800 rows on a busy machine
afterAll(() => s.close());

describe('first sync from sealed chunks', () => {
  it('lists every change of the scope once, in order, and seals the scope chain on the way', async () => {
    const first = await pullAll('agent1', 2_000);
    expect(first.seqs).toEqual(sorted([...everyone, ...appended[V1]!]));
    expect(first.changes.filter((c) => c.type === 'person').map((c) => c.seq)).toEqual(persons);

    // The chain: from cursor 0, each chunk starting where the previous one ends, 500 changes each.
    const chain = await chunks(`village:${V1}`);
    const total = everyone.length + appended[V1]!.length;
    expect(chain.length).toBe(Math.floor(total / 500));
    expect(chain[0]!.afterSeq).toBe(0);
    for (const [i, c] of chain.entries()) {
      expect(c.n).toBe(500);
      if (i > 0) expect(c.afterSeq).toBe(chain[i - 1]!.lastSeq);
      expect(c.body.startsWith('enc1:')).toBe(true);
      expect(c.body).not.toContain(SECRET_NAME);
    }
    // Listed with the sealed columns: nothing in clear, and a key rotation re-wraps them.
    expect((await s.app.store.crypto.pending()).clear).toBe(0);

    // A second device's first sync: the same changes, pages ending at chunk boundaries.
    const second = await pullAll('agent1', 2_000);
    expect(second.changes).toEqual(first.changes);
    expect(second.pages[0]!.cursor).toBe(chain[Math.min(3, chain.length - 1)]!.lastSeq);
    // The same as the previous app's pages of 200 read row by row.
    const rows = await pullAll('agent1', 200);
    expect(second.changes).toEqual(rows.changes);
  });

  it('keeps scopes apart: a village sees only its own chunks, the township both villages', async () => {
    const agent2 = await pullAll('agent2', 2_000);
    expect(agent2.seqs).toEqual(sorted([...everyone, ...appended[V2]!]));
    const reviewer = await pullAll('reviewer1', 2_000);
    expect(reviewer.seqs).toEqual(sorted([...everyone, ...appended[V1]!, ...appended[V2]!]));
    // Built as a chain of the township's own; served again the same.
    expect((await chunks(`township:${V1.slice(0, 9)}000`)).length).toBeGreaterThan(0);
    expect((await pullAll('reviewer1', 2_000)).changes).toEqual(reviewer.changes);
    expect((await pullAll('agent2', 2_000)).changes).toEqual(agent2.changes);
  });

  it('answers the previous app (protocol 1, pages of 200) by rows, without the kinds it cannot read', async () => {
    const old = await pullAll('agent1', 200, 0, { authorization: `Bearer ${tokens.agent1!}` });
    expect(old.changes.some((c) => c.type === 'person' || c.type === 'holiday.year')).toBe(false);
    const now = await pullAll('agent1', 2_000);
    expect(old.changes).toEqual(now.changes.filter((c) => c.type !== 'person' && c.type !== 'holiday.year'));
    expect(old.pages.at(-1)!.cursor).toBe(now.pages.at(-1)!.cursor);
  });

  it('brings a device that stopped inside a chunk to the next boundary, then serves chunks', async () => {
    const chain = await chunks(`village:${V1}`);
    const mid = appended[V1]![100]!;
    expect(mid).toBeGreaterThan(chain[0]!.afterSeq);
    expect(mid).toBeLessThan(chain[0]!.lastSeq);
    const rest = await pullAll('agent1', 2_000, mid);
    expect(rest.pages[0]!.cursor).toBe(chain[0]!.lastSeq);
    expect(rest.seqs).toEqual(sorted([...everyone, ...appended[V1]!]).filter((q) => q > mid));
  });

  it('extends the chain as the feed grows; changes after it come from rows', async () => {
    const before = await chunks(`village:${V1}`);
    await append(900); // 600 more for V1
    const all = await pullAll('agent1', 2_000);
    expect(all.seqs).toEqual(sorted([...everyone, ...appended[V1]!]));
    const after = await chunks(`village:${V1}`);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.length).toBe(Math.floor((everyone.length + appended[V1]!.length) / 500));
    expect(after[before.length]!.afterSeq).toBe(before.at(-1)!.lastSeq);
  });

  it('really serves chunks: a feed row damaged after sealing still arrives from its chunk', async () => {
    const chain = await chunks(`village:${V1}`);
    const victim = appended[V1]![10]!;
    expect(victim).toBeLessThanOrEqual(chain[0]!.lastSeq);
    await rawWrite(s.config, `UPDATE changes SET payload = ? WHERE seq = ?`, ['enc1:damaged', victim]);
    const page = await pullPage('agent1', 0, 2_000);
    expect(page.changes.map((c) => c.seq)).toContain(victim);
    // Read by rows (pages of 200), the same row cannot be opened: the server says so (no wrong data).
    const res = await s.app.inject({ url: `/api/sync/pull?cursor=0&limit=200`, headers: bearer(tokens.agent1!) });
    expect(res.statusCode).toBe(500);
  });
});
