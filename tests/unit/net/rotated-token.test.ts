// The API client hands a rotated session token (X-Session-Token) to its owner, from any answer,
// and ignores a malformed one; a failing store never fails the request. A bodiless 401 (HEAD)
// carries its code in a header.
import { describe, expect, it } from 'vitest';
import { AUTH_ROUTES } from '../../../src/domain/api/auth';
import { BLOB_ROUTES } from '../../../src/domain/api/blobs';
import { createApiClient, type RotatedToken } from '../../../src/net';

const TOKEN = 'T'.repeat(43);
const me = { user: { id: 'u1', name: '王秀兰', role: 'agent' } };

function answer(status: number, headers: Record<string, string>, body: unknown = me) {
  return async () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

describe('rotated tokens', () => {
  it('passes token, issue time and expiry to onToken', async () => {
    const seen: RotatedToken[] = [];
    const api = createApiClient({
      token: () => 'old',
      fetch: answer(200, { 'x-session-token': TOKEN, 'x-session-issued-at': '1000', 'x-session-expires-at': '5000' }),
      onToken: (r) => void seen.push(r),
    });
    await api.call(AUTH_ROUTES.me, {});
    expect(seen).toEqual([{ token: TOKEN, issuedAt: 1000, expiresAt: 5000 }]);
  });

  it('also from an error answer (the token is rotated before the route runs)', async () => {
    const seen: RotatedToken[] = [];
    const api = createApiClient({
      token: () => 'old',
      fetch: answer(409, { 'x-session-token': TOKEN, 'x-session-issued-at': '7' }, { code: 'x.y', message: '冲突' }),
      onToken: (r) => void seen.push(r),
    });
    await expect(api.call(AUTH_ROUTES.me, {})).rejects.toMatchObject({ code: 'x.y' });
    expect(seen).toEqual([{ token: TOKEN, issuedAt: 7 }]);
  });

  it.each([
    ['no issue time', { 'x-session-token': TOKEN }],
    ['a malformed token', { 'x-session-token': 'short', 'x-session-issued-at': '1' }],
    ['a bad issue time', { 'x-session-token': TOKEN, 'x-session-issued-at': 'soon' }],
  ])('ignores %s', async (_name, headers) => {
    const seen: RotatedToken[] = [];
    const api = createApiClient({ token: () => 'old', fetch: answer(200, headers), onToken: (r) => void seen.push(r) });
    await api.call(AUTH_ROUTES.me, {});
    expect(seen).toEqual([]);
  });

  it('a failing store does not fail the request', async () => {
    const api = createApiClient({
      token: () => 'old',
      fetch: answer(200, { 'x-session-token': TOKEN, 'x-session-issued-at': '1' }),
      onToken: () => Promise.reject(new Error('disk full')),
    });
    await expect(api.call(AUTH_ROUTES.me, {})).resolves.toMatchObject(me);
  });
});

describe('a 401 without a body (HEAD)', () => {
  it('takes its code from the X-Error-Code header', async () => {
    const api = createApiClient({
      token: () => 'old',
      fetch: async () => new Response(null, { status: 401, headers: { 'x-error-code': 'auth.revoked' } }),
    });
    const res = await api.raw(BLOB_ROUTES.head, { params: { sha256: 'a'.repeat(64) } });
    expect(await api.failure(res)).toMatchObject({ kind: 'auth', code: 'auth.revoked' });
  });

  it('ignores a malformed header', async () => {
    const api = createApiClient({
      token: () => 'old',
      fetch: async () => new Response(null, { status: 401, headers: { 'x-error-code': '<script>' } }),
    });
    const res = await api.raw(BLOB_ROUTES.head, { params: { sha256: 'a'.repeat(64) } });
    expect(await api.failure(res)).toMatchObject({ kind: 'auth', code: 'auth.expired' });
  });
});
