// The route table in src/domain/api is the whole HTTP surface: every /api route the server
// registers is in it, every entry is served, and an answer that drifts from its schema is
// refused rather than sent.
import Fastify from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type RouteSpec } from '../../src/domain/api';
import { installErrorHandling } from '../../src/server/http/errors';
import { serve } from '../../src/server/http/route';
import { startServer, type TestServer } from './harness';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

describe('the route table', () => {
  it('lists exactly the /api routes the server answers', () => {
    const served = new Set<string>();
    const specs = Object.values(API) as RouteSpec[];
    for (const spec of specs) {
      expect(s.app.hasRoute({ method: spec.method, url: spec.path }), `${spec.method} ${spec.path}`).toBe(true);
      served.add(`${spec.method} ${spec.path}`);
    }
    // Routes registered outside the table would be a second, untyped contract.
    // (Fastify adds a HEAD route for each GET; only the blob HEAD is ours.)
    const gets = new Set(specs.filter((x) => x.method === 'GET').map((x) => `HEAD ${x.path}`));
    const api = s.app.routeList.filter((r) => r.includes(' /api/') && !(gets.has(r) && !served.has(r)));
    expect([...new Set(api)].sort()).toEqual([...served].sort());
  });
});

describe('answers are checked against the contract', () => {
  const spec = { method: 'GET', path: '/api/probe', response: z.object({ n: z.number() }) } as const;

  async function probe(answer: unknown, checkResponses: boolean) {
    const app = Fastify();
    installErrorHandling(app);
    app.decorate('checkResponses', checkResponses);
    serve(app, spec, async () => answer as { n: number });
    const res = await app.inject({ method: 'GET', url: '/api/probe' });
    await app.close();
    return res;
  }

  it('sends an answer that fits', async () => {
    const res = await probe({ n: 1 }, true);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ n: 1 });
  });

  it('refuses to send one that drifted (500 server.contract), where answers are checked', async () => {
    const res = await probe({ n: 'one' }, true);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'server.contract' });
    expect((await probe({ n: 'one' }, false)).statusCode).toBe(200);
  });

  it('validates inputs with the route schemas: a bad query is 400 request.invalid in Chinese', async () => {
    const token = (
      await s.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'reviewer1', password: 'daiban123' },
      })
    ).json().token as string;
    const res = await s.app.inject({
      method: 'GET',
      url: '/api/review/cases?limit=0',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'request.invalid', message: expect.stringMatching(/limit/) });
  });
});
