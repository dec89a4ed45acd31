// Old and new apps against one server. Tablets are updated late: the server must answer the
// previous protocol as it did, refuse anything older with 426 (without applying it), and a new app
// must still read what the previous server answered. The previous app's traffic is a recording
// (fixtures/protocol-1-session.json: commit 2b1cea0's sync client against its own server).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Change, PullResponse, PushResponse, uuidv7 } from '../../src/domain';
import { LoginResponse, PROTOCOL_VERSION } from '../../src/domain/api';
import { createSyncClient } from '../../src/sync/http';
import { CATALOG } from '../../src/catalog';
import type { ServiceItem } from '../../src/domain';
import { seedCatalog } from '../../src/server/seed/seed';
import { startRealServer, type RunningServer } from '../unit/sync/real-server';

interface Exchange {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
  bodyBase64?: string;
  status: number;
  responseHeaders: Record<string, string>;
  response?: unknown;
}
const recording = JSON.parse(readFileSync(new URL('./fixtures/protocol-1-session.json', import.meta.url), 'utf8')) as {
  protocol: number;
  exchanges: Exchange[];
};
const recorded = (method: string, path: string) =>
  recording.exchanges.filter((e) => e.method === method && e.path.startsWith(path));

/** The built-in catalogue the recorded app and server had (all items at version 1). */
const catalogV1 = JSON.parse(
  readFileSync(new URL('./fixtures/catalog-v1.json', import.meta.url), 'utf8'),
) as ServiceItem[];

let server: RunningServer;
beforeAll(async () => {
  server = await startRealServer();
  // A server that ran the previous app's catalogue and was then updated: its version-1 items are
  // stored, then this app's start-up seeding raises them to the new built-in versions.
  const store = server.app.store;
  const now = Date.now();
  for (const item of catalogV1) await store.catalog.publish(item, now, 'seed');
  await seedCatalog(store, CATALOG, now);
});
afterAll(() => server.close());

/** Sends one recorded request as the old app did (no version headers), with this server's token. */
async function replay(
  e: Exchange,
  token: string | undefined,
  body = e.body,
): Promise<{ status: number; json: unknown; headers: Headers }> {
  const headers: Record<string, string> = { ...e.headers, ...(token && { authorization: `Bearer ${token}` }) };
  const payload =
    e.bodyBase64 !== undefined
      ? Buffer.from(e.bodyBase64, 'base64')
      : body === undefined
        ? undefined
        : JSON.stringify(body);
  const res = await fetch(`${server.baseUrl}${e.path}`, { method: e.method, headers, body: payload });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
}

describe('the previous app (protocol 1) against this server', () => {
  it('was recorded without version headers', () => {
    expect(recording.protocol).toBe(PROTOCOL_VERSION - 1);
    expect(recording.exchanges.every((e) => !('x-daiban-protocol' in e.headers))).toBe(true);
  });

  it('logs in, uploads, pushes and pulls exactly as before; a replayed push is answered from the applied table', async () => {
    const [loginEx] = recorded('POST', '/api/auth/login');
    const login = await replay(loginEx!, undefined);
    expect(login.status).toBe(200);
    const session = LoginResponse.parse(login.json);

    for (const e of recording.exchanges.filter((x) => x.path.startsWith('/api/blobs/'))) {
      const answer = await replay(e, session.token);
      expect(answer.status, `${e.method} ${e.path}`).toBe(e.status);
      for (const [h, v] of Object.entries(e.responseHeaders))
        if (h.startsWith('upload-')) expect(answer.headers.get(h)).toBe(v);
    }

    const [pushEx] = recorded('POST', '/api/sync/push');
    const push = await replay(pushEx!, session.token);
    expect(push.status).toBe(200);
    const results = PushResponse.parse(push.json).results;
    expect(results).toEqual(PushResponse.parse(pushEx!.response).results);
    const again = await replay(pushEx!, session.token);
    expect(PushResponse.parse(again.json).results).toEqual(results);

    const [pullEx] = recorded('GET', '/api/sync/pull');
    const pull = await replay(pullEx!, session.token);
    expect(pull.status).toBe(200);
    // The old app parsed the whole page with this schema: one unknown kind would have failed it.
    const page = PullResponse.parse(pull.json);
    const oldKinds = new Set(PullResponse.parse(pullEx!.response).changes.map((c) => c.type));
    expect(page.changes.every((c) => oldKinds.has(c.type))).toBe(true);
    expect(page.changes.map((c) => c.type)).toContain('catalog.item');
  });
});

describe('an app older than the previous protocol', () => {
  it.each([['0'], ['banana']])(
    'gets 426 version.unsupported for protocol header %s, and nothing is applied',
    async (header) => {
      const token = await server.login('agent1');
      // The recorded submission under fresh ids, so "not applied" cannot be confused with the replay above.
      const body = structuredClone(recorded('POST', '/api/sync/push')[0]!.body) as {
        mutations: Array<{
          id: string;
          payload: { case: { id: string; number: string }; materials: Array<{ id: string; caseId: string }> };
        }>;
      };
      const m = body.mutations[0]!;
      m.id = uuidv7();
      m.payload.case.id = uuidv7();
      m.payload.case.number = `${m.payload.case.number}-${header}`;
      for (const mat of m.payload.materials) Object.assign(mat, { id: uuidv7(), caseId: m.payload.case.id });
      const res = await fetch(`${server.baseUrl}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-daiban-protocol': header },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(426);
      expect(await res.json()).toMatchObject({ code: 'version.unsupported', message: expect.stringContaining('更新') });
      const reviewer = await server.login('reviewer1');
      const read = (id: string) =>
        fetch(`${server.baseUrl}/api/review/cases/${id}`, { headers: { authorization: `Bearer ${reviewer}` } });
      expect((await read(m.payload.case.id)).status).toBe(404);
      // The same body in the current protocol is applied: the 404 above was the version check's doing.
      const ok = await fetch(`${server.baseUrl}/api/sync/push`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'x-daiban-protocol': String(PROTOCOL_VERSION),
        },
        body: JSON.stringify(body),
      });
      expect(((await ok.json()) as PushResponse).results[0]).toMatchObject({ status: 'ok' });
      expect((await read(m.payload.case.id)).status).toBe(200);
    },
  );

  it('a newer protocol than the server knows is refused the same way (a server not yet updated)', async () => {
    const res = await fetch(`${server.baseUrl}/api/sync/pull`, {
      headers: { 'x-daiban-protocol': String(PROTOCOL_VERSION + 1) },
    });
    expect(res.status).toBe(426);
  });

  it('every API answer names the server protocol; health answers any client', async () => {
    const res = await fetch(`${server.baseUrl}/api/health`, { headers: { 'x-daiban-protocol': '0' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-daiban-protocol')).toBe(String(PROTOCOL_VERSION));
  });
});

describe('this app against the previous server (its recorded answers)', () => {
  it('pushes and reads every change of the old pull page, skipping none', async () => {
    const served: string[] = [];
    const oldServer = async (input: string, init: RequestInit = {}) => {
      const url = new URL(input);
      const method = init.method ?? 'GET';
      served.push(`${method} ${url.pathname}`);
      const e = recording.exchanges.find((x) => x.method === method && x.path.split('?')[0] === url.pathname);
      if (!e) return new Response(JSON.stringify({ code: 'route.not_found', message: '接口不存在' }), { status: 404 });
      return new Response(e.response === undefined ? null : JSON.stringify(e.response), {
        status: e.status,
        headers: e.responseHeaders,
      });
    };
    const client = createSyncClient({ baseUrl: 'http://old.test', token: () => 't', fetch: oldServer });
    const [pushEx] = recorded('POST', '/api/sync/push');
    const pushed = await client.push('device-new', (pushEx!.body as { mutations: never[] }).mutations);
    expect(pushed.results.map((r) => r.status)).toEqual(['ok']);
    const page = await client.pull(0, 200);
    const old = (recorded('GET', '/api/sync/pull')[0]!.response as { changes: unknown[] }).changes;
    expect(page.skipped).toEqual([]);
    expect(page.changes).toEqual(old.map((c) => Change.parse(c)));
    expect(served).toEqual(['POST /api/sync/push', 'GET /api/sync/pull']);
  });
});
