// GET /api/sync/pull: changes after a cursor, in server order, paged, and only what the caller may see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, PullResponse } from '../../src/domain';
import { CATALOG } from '../../src/catalog';
import { bearer, login, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, submitMutation } from './fixtures';

let s: TestServer;
const tokens: Record<string, string> = {};
const caseIds: Record<string, string> = {};

beforeAll(async () => {
  s = await startServer();
  for (const u of ['agent1', 'agent2', 'agent4', 'reviewer1', 'reviewer2', 'admin'])
    tokens[u] = (await login(s.app, u)).token;
  // One case from a village of each township, and a second from agent1.
  for (const [u, key] of [
    ['agent1', 'a1'],
    ['agent2', 'a2'],
    ['agent4', 'a4'],
    ['agent1', 'a1b'],
  ] as const) {
    const me = await login(s.app, u);
    const built = buildCase({ agentId: me.user.id, villageCode: me.user.villageCode!, now: s.clock.now });
    await uploadAll(s.app, me.token, built.files);
    const { results } = await push(s.app, me.token, [submitMutation(built.submission, s.clock.now)]);
    expect(results[0]!.status).toBe('ok');
    caseIds[key] = built.submission.case.id;
  }
});
afterAll(() => s.close());

async function pull(user: string, cursor = 0, limit = 200): Promise<PullResponse> {
  const res = await s.app.inject({
    url: `/api/sync/pull?cursor=${cursor}&limit=${limit}`,
    headers: bearer(tokens[user]!),
  });
  expect(res.statusCode).toBe(200);
  return res.json() as PullResponse;
}

async function pullAll(user: string, limit: number) {
  const pages: PullResponse[] = [];
  let cursor = 0;
  for (;;) {
    const page = await pull(user, cursor, limit);
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) return { pages, changes: pages.flatMap((p) => p.changes) };
  }
}

const caseChanges = (changes: Change[]) => new Set(changes.flatMap((c) => ('caseId' in c ? [c.caseId] : [])));

describe('pull', () => {
  it('gives everyone the catalogue', async () => {
    const { changes } = await pull('agent1');
    const items = changes.filter((c) => c.type === 'catalog.item');
    expect(items).toHaveLength(CATALOG.length);
  });

  it('scopes case changes: own village, own township, whole county', async () => {
    expect(caseChanges((await pull('agent1')).changes)).toEqual(new Set([caseIds.a1, caseIds.a1b]));
    expect(caseChanges((await pull('agent2')).changes)).toEqual(new Set([caseIds.a2]));
    expect(caseChanges((await pull('reviewer1')).changes)).toEqual(new Set([caseIds.a1, caseIds.a1b, caseIds.a2]));
    expect(caseChanges((await pull('reviewer2')).changes)).toEqual(new Set([caseIds.a4]));
    expect(caseChanges((await pull('admin')).changes)).toEqual(new Set(Object.values(caseIds)));
  });

  it('pages in server order with a monotonic cursor and hasMore', async () => {
    const whole = await pull('reviewer1');
    expect(whole.hasMore).toBe(false);
    const { pages, changes } = await pullAll('reviewer1', 7);
    expect(changes).toEqual(whole.changes);
    expect(pages.length).toBe(Math.ceil(whole.changes.length / 7));
    expect(pages.slice(0, -1).every((p) => p.hasMore && p.changes.length === 7)).toBe(true);
    const seqs = changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    // Past the end: nothing, and the cursor stays put.
    const end = await pull('reviewer1', whole.cursor);
    expect(end).toEqual({ changes: [], cursor: whole.cursor, hasMore: false });
  });

  it('carries a case status change with the server version', async () => {
    const { changes } = await pull('agent2');
    expect(changes.filter((c) => c.type === 'case.status')).toEqual([
      expect.objectContaining({ type: 'case.status', caseId: caseIds.a2, status: 'submitted', version: 1 }),
    ]);
  });

  it('validates cursor and limit', async () => {
    for (const q of ['cursor=-1', 'limit=2001', 'limit=0', 'cursor=abc', 'limit=1.5']) {
      const res = await s.app.inject({ url: `/api/sync/pull?${q}`, headers: bearer(tokens.agent1!) });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().code).toBe('request.invalid');
    }
  });
});
