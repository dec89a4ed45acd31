import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RequestError } from '../../../src/sync/errors';
import { createSyncClient, type FetchLike } from '../../../src/sync/http';

const answer =
  (status: number, body?: unknown, headers: Record<string, string> = {}): FetchLike =>
  async () =>
    new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers,
    });

const client = (fetch: FetchLike, token: string | undefined = 't') =>
  createSyncClient({ baseUrl: 'http://s.test', token: () => token, fetch, now: () => 0 });
const loggedOut = (fetch: FetchLike) => createSyncClient({ baseUrl: 'http://s.test', token: () => undefined, fetch });

async function failure(p: Promise<unknown>): Promise<RequestError> {
  const e = await p.catch((x: unknown) => x);
  if (!(e instanceof RequestError)) throw new Error(`expected a RequestError, got ${String(e)}`);
  return e;
}

describe('sync http client', () => {
  it('sends the bearer token and parses a pull page with the shared schema', async () => {
    let seen: { url: string; auth: string | null } | undefined;
    const fetch: FetchLike = async (url, init) => {
      seen = { url, auth: new Headers(init?.headers).get('Authorization') };
      return new Response(JSON.stringify({ changes: [], cursor: 7, hasMore: false }), { status: 200 });
    };
    expect(await client(fetch).pull(5, 100)).toEqual({ changes: [], skipped: [], cursor: 7, hasMore: false });
    expect(seen).toEqual({ url: 'http://s.test/api/sync/pull?cursor=5&limit=100', auth: 'Bearer t' });
  });

  it('maps statuses to kinds the drain acts on, keeping the server code', async () => {
    const c = (s: number, body?: unknown, h?: Record<string, string>) => failure(client(answer(s, body, h)).pull(0, 1));
    expect(await c(401, { code: 'auth.expired', message: 'x' })).toMatchObject({
      kind: 'auth',
      code: 'auth.expired',
      message: '登录已过期，请重新登录后继续同步（数据不会丢失）',
    });
    expect(await c(503, { code: 'server.down', message: 'x' }, { 'Retry-After': '30' })).toMatchObject({
      kind: 'unavailable',
      code: 'server.down',
      retryAfterMs: 30_000,
    });
    expect(await c(429)).toMatchObject({ kind: 'unavailable', code: 'http.throttled' });
    expect(await c(403, { code: 'scope.denied', message: '无权访问该村的办件' })).toMatchObject({
      kind: 'refused',
      code: 'scope.denied',
      message: '无权访问该村的办件',
      status: 403,
    });
    expect(await c(200, '<html>portal</html>')).toMatchObject({ kind: 'protocol', code: 'protocol.not_json' });
    expect(await c(200, { cursor: -1 })).toMatchObject({ kind: 'protocol', code: 'protocol.schema' });
  });

  it('says which protocol and app version it speaks, on every request', async () => {
    const seen: Array<[string | null, string | null]> = [];
    const fetch: FetchLike = async (_url, init) => {
      const h = new Headers(init?.headers);
      seen.push([h.get('X-Daiban-Protocol'), h.get('X-Daiban-App')]);
      return new Response(JSON.stringify({ changes: [], cursor: 0, hasMore: false }), { status: 200 });
    };
    await client(fetch).pull(0, 1);
    await client(fetch)
      .push('d', [])
      .catch(() => undefined);
    await client(fetch)
      .blobStatus('a'.repeat(64))
      .catch(() => undefined);
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(seen).toEqual([
      ['2', pkg.version],
      ['2', pkg.version],
      ['2', pkg.version],
    ]);
  });

  it('turns 426 into a version error that stops sync without blaming the request', async () => {
    const e = await failure(client(answer(426, { code: 'version.unsupported', message: '应用版本过旧' })).pull(0, 1));
    expect(e).toMatchObject({
      kind: 'version',
      code: 'version.unsupported',
      status: 426,
      transient: false,
      stopsSync: true,
    });
    expect(e.message).toContain('更新');
  });

  it('skips change kinds it does not know and changes it cannot read, keeping the rest', async () => {
    const decision = {
      seq: 3,
      type: 'rectification',
      caseId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
      rectification: { nonsense: true },
    };
    const body = {
      changes: [{ seq: 2, type: 'catalog.published', version: 4 }, decision, { seq: 4, type: 'case.status' }],
      cursor: 4,
      hasMore: false,
    };
    const page = await client(answer(200, body)).pull(1, 10);
    expect(page.changes).toEqual([]);
    expect(page.cursor).toBe(4);
    expect(page.skipped).toEqual([
      { seq: 2, type: 'catalog.published', code: 'change.unknown_kind' },
      { seq: 3, type: 'rectification', code: 'change.invalid' },
      { seq: 4, type: 'case.status', code: 'change.invalid' },
    ]);
  });

  it('turns a failed fetch into a network error with a Chinese message', async () => {
    const e = await failure(
      client(async () => {
        throw new TypeError('Failed to fetch');
      }).pull(0, 1),
    );
    expect(e).toMatchObject({ kind: 'network', code: 'network.failed', transient: true });
    expect(e.message).toMatch(/网络/);
  });

  it('times out a request that hangs', async () => {
    const hang: FetchLike = (_u, init) =>
      new Promise((_r, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    const c = createSyncClient({ baseUrl: '', token: () => 't', fetch: hang, timeoutMs: 20 });
    expect(await failure(c.pull(0, 1))).toMatchObject({ kind: 'network', code: 'network.timeout' });
  });

  it('does not call the server without a session', async () => {
    let called = false;
    const e = await failure(
      loggedOut(async () => {
        called = true;
        return new Response('{}');
      }).pull(0, 1),
    );
    expect(e.kind).toBe('auth');
    expect(called).toBe(false);
  });

  it('reads blob offsets from HEAD, treating 404 as offset 0', async () => {
    expect(await client(answer(404)).blobStatus('a'.repeat(64))).toEqual({ offset: 0, complete: false });
    expect(await client(answer(200, undefined, { 'Upload-Offset': '4096' })).blobStatus('a'.repeat(64))).toEqual({
      offset: 4096,
      complete: false,
    });
    expect(
      await client(answer(200, undefined, { 'Upload-Offset': '10', 'Upload-Complete': '1' })).blobStatus(
        'a'.repeat(64),
      ),
    ).toEqual({ offset: 10, complete: true });
  });

  it('sends a chunk with the upload headers and reports the 409 offset', async () => {
    let headers: Headers | undefined;
    const ok: FetchLike = async (_u, init) => {
      headers = new Headers(init?.headers);
      return new Response(null, { status: 204, headers: { 'Upload-Offset': '3' } });
    };
    const chunk = { offset: 0, length: 9, data: new Uint8Array([1, 2, 3]) };
    expect(await client(ok).blobPatch('b'.repeat(64), chunk)).toEqual({ offset: 3, complete: false });
    expect(headers?.get('Content-Type')).toBe('application/offset+octet-stream');
    expect(headers?.get('Upload-Offset')).toBe('0');
    expect(headers?.get('Upload-Length')).toBe('9');
    const e = await failure(
      client(answer(409, { code: 'blob.offset_mismatch', message: '位置不一致' }, { 'Upload-Offset': '6' })).blobPatch(
        'b'.repeat(64),
        chunk,
      ),
    );
    expect(e).toMatchObject({ code: 'blob.offset_mismatch', details: { offset: 6 } });
  });
});
