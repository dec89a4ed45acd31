// Login, sessions and tokens; the API's error shapes; security headers; the static PWA's caching.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bearer, DAY, login, startServer, type TestServer } from './harness';
import { verifyPassword, hashPassword } from '../../src/server/auth/password';
import { hashToken } from '../../src/server/auth/tokens';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

describe('login', () => {
  it('returns a token, the user with its divisions, and a 30-day expiry', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'agent1', password: 'daiban123' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.expiresAt).toBe(s.clock.now + 30 * DAY);
    expect(body.user).toMatchObject({
      username: 'agent1',
      name: '王秀兰',
      role: 'agent',
      villageCode: '341822100201',
      villageName: '彭村村',
      townshipCode: '341822100000',
      townshipName: '桃州镇',
      countyCode: '341822',
    });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const wrong = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'agent1', password: 'nope' },
    });
    const unknown = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ghost', password: 'daiban123' },
    });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ code: 'auth.bad_credentials', message: '用户名或密码不正确' });
    }
  });

  it('stores only a hash of the token and a salted scrypt hash of the password', async () => {
    const { token } = await login(s.app, 'agent2');
    const sessions = await s.db.all<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(sessions.some((r) => r.token_hash === token)).toBe(false);
    expect(sessions.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
    const users = await s.db.all<{ password_hash: string }>('SELECT password_hash FROM users');
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(users.length); // per-user salt
    expect(users[0]!.password_hash).toMatch(/^scrypt\$10\$8\$1\$/);
  });

  it('me answers for a valid token; logout ends the session', async () => {
    const { token } = await login(s.app, 'reviewer1');
    const me = await s.app.inject({ url: '/api/auth/me', headers: bearer(token) });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username: 'reviewer1', role: 'reviewer', townshipCode: '341822100000' });
    expect(me.json().user.villageCode).toBeUndefined();
    expect((await s.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) })).statusCode).toBe(
      204,
    );
    const after = await s.app.inject({ url: '/api/auth/me', headers: bearer(token) });
    expect(after.statusCode).toBe(401);
  });
});

describe('tokens', () => {
  it.each([
    ['no header', {}],
    ['forged token', bearer('A'.repeat(43))],
    ['malformed token', bearer('../../etc/passwd')],
    ['wrong scheme', { authorization: 'Basic YWdlbnQxOmRhaWJhbjEyMw==' }],
  ])('%s → 401 auth.invalid_token with a Chinese message', async (_name, headers) => {
    const res = await s.app.inject({ url: '/api/sync/pull', headers });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'auth.invalid_token', message: '登录已失效，请重新登录' });
  });

  it('a token unused for the idle time (14 days) is refused as auth.expired and its session deleted', async () => {
    const { token } = await login(s.app, 'agent3');
    s.clock.now += 13 * DAY;
    expect((await s.app.inject({ url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(200);
    // Used on day 13: idle counts from there.
    s.clock.now += 14 * DAY - 1;
    expect((await s.app.inject({ url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(200);
    s.clock.now += 14 * DAY;
    const res = await s.app.inject({ url: '/api/auth/me', headers: bearer(token) });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'auth.expired', message: '登录已超时，请重新登录' });
    expect(await s.app.store.sessions.get(hashToken(token))).toBeUndefined();
  });
});

describe('error answers never leak a stack', () => {
  it('malformed JSON → 400 request.malformed_json', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "agent1",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'request.malformed_json', message: '请求内容不是有效的 JSON' });
  });

  it('wrong types → 400 request.invalid with Chinese details', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 42, password: ['x'] },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('request.invalid');
    expect(body.message).toMatch(/请求内容格式不正确/);
    expect(body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'username' }),
        expect.objectContaining({ path: 'password' }),
      ]),
    );
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|stack/i);
  });

  it('a body over the limit → 413 request.too_large', async () => {
    const { token } = await login(s.app, 'agent1');
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: JSON.stringify({ deviceId: 'x', mutations: [], pad: 'x'.repeat(9 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ code: 'request.too_large', message: '请求内容过大' });
  });

  it('unknown API route → 404 JSON; unsupported content type → 415', async () => {
    const missing = await s.app.inject({ url: '/api/does-not-exist' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ code: 'route.not_found', message: '接口不存在' });
    const xml = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().code).toBe('request.unsupported_type');
  });
});

describe('headers', () => {
  it('sends a same-origin CSP and the usual hardening headers', async () => {
    const res = await s.app.inject({ url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    // WebAssembly compilation only (the on-device OCR, issue 16): never eval() or inline script.
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("img-src 'self' blob: data:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'|https?:\/\//);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    // Not sent: each costs every start a second renderer process (security.ts). The page cuts its
    // opener's hold itself (device-crypt.spec.ts), and Chromium keys its agent cluster by origin
    // without the header (https.spec.ts).
    expect(res.headers['cross-origin-opener-policy']).toBeUndefined();
    expect(res.headers['origin-agent-cluster']).toBeUndefined();
  });
});

describe('password hashing', () => {
  it('verifies the right password only, with the cost stored in the hash', async () => {
    const h = await hashPassword('秘密-123', 10);
    expect(await verifyPassword('秘密-123', h)).toBe(true);
    expect(await verifyPassword('秘密-124', h)).toBe(false);
    expect(await verifyPassword('秘密-123', 'plain')).toBe(false);
  });
});

describe('rate limits', () => {
  it('limits login attempts per IP per minute (429 rate.limited)', async () => {
    const limited = await startServer({ rateLimits: { loginPerMinute: 3, apiPerMinute: 1000 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        codes.push(
          (
            await limited.app.inject({
              method: 'POST',
              url: '/api/auth/login',
              payload: { username: 'agent1', password: 'wrong' },
            })
          ).statusCode,
        );
      }
      expect(codes).toEqual([401, 401, 401, 429]);
      const res = await limited.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'agent1', password: 'daiban123' },
      });
      expect(res.statusCode).toBe(429);
      expect(res.json().code).toBe('rate.limited');
      expect(res.json().message).toMatch(/请求过于频繁/);
    } finally {
      await limited.close();
    }
  });
});

describe('static PWA', () => {
  it('caches hashed assets forever, revalidates entry points, falls back to index.html', async () => {
    const web = join(s.dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>代办通</title>');
    writeFileSync(join(web, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(web, 'manifest.webmanifest'), '{}');
    writeFileSync(join(web, 'assets', 'index-abc123.js'), 'console.log(1)');
    const pwa = await startServer({ staticDir: web });
    try {
      const asset = await pwa.app.inject({ url: '/assets/index-abc123.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      for (const url of ['/', '/sw.js', '/manifest.webmanifest', '/cases/123']) {
        const res = await pwa.app.inject({ url });
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['cache-control'], url).toBe('no-cache');
      }
      expect((await pwa.app.inject({ url: '/cases/123' })).body).toContain('代办通');
      expect((await pwa.app.inject({ url: '/assets/missing-zzz.js' })).statusCode).toBe(404);
      expect((await pwa.app.inject({ url: '/api/nope' })).json().code).toBe('route.not_found');
    } finally {
      await pwa.close();
    }
  });

  it('sends the build-time brotli or gzip copy when the browser accepts it', async () => {
    const web = join(s.dir, 'web-compressed');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), `<!doctype html><title>代办通</title>${'<meta name="x">'.repeat(200)}`);
    writeFileSync(join(web, 'sw.js'), `self.addEventListener('fetch', () => {});${'//'.repeat(1000)}`);
    const js = `export const catalogue = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ code: `ITEM-${i}`, name: '城乡居民养老保险' })))};`;
    writeFileSync(join(web, 'assets', 'index-abc123.js'), js);
    const { precompress } = await import('../../scripts/precompress.mjs');
    precompress(web);
    const pwa = await startServer({ staticDir: web });
    try {
      const br = await pwa.app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.rawPayload.length).toBeLessThan(js.length / 5);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const gz = await pwa.app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      // Entry points stay revalidated when their compressed copy is sent.
      for (const url of ['/', '/sw.js', '/cases/123']) {
        const res = await pwa.app.inject({ url, headers: { 'accept-encoding': 'br' } });
        expect(res.headers['content-encoding'], url).toBe('br');
        expect(res.headers['cache-control'], url).toBe('no-cache');
      }
      const plain = await pwa.app.inject({ url: '/assets/index-abc123.js' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(js);
    } finally {
      await pwa.close();
    }
  });
});
