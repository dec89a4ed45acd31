// Brute force against login, tried the way an attacker would: every request-line form that Fastify
// routes to the login handler must count against the same per-IP limit (the limit keys on the
// matched route, not the raw URL), and the per-account delay holds across forms, across IPs and
// across server processes, without locking out other users behind the same NAT.
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { DEFAULT_LOGIN_DELAY, loadConfig } from '../../src/server/config';
import { buildApp } from '../../src/server/app';
import { startServer, type TestServer } from './harness';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request over a raw socket: the request line is sent exactly as given. */
function rawRequest(port: number, requestLine: string, body: string, headers: string[] = []): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        [
          requestLine,
          `Host: 127.0.0.1:${port}`,
          'Content-Type: application/json',
          `Content-Length: ${Buffer.byteLength(body)}`,
          'Connection: close',
          ...headers,
          '',
          body,
        ].join('\r\n'),
      );
    });
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', rest = ''] = text.split('\r\n\r\n', 2);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const out: Record<string, string> = {};
      for (const l of lines) {
        const i = l.indexOf(':');
        out[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers: out, body: rest });
    });
  });
}

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function listening(overrides: Parameters<typeof startServer>[0] = {}) {
  const s = await startServer(overrides);
  servers.push(s);
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  return { s, port: (s.app.server.address() as { port: number }).port };
}

const guess = (username: string, password = 'wrong-guess') => JSON.stringify({ username, password });

describe('per-IP login limit: no URL form escapes it', () => {
  // Forms that reach the login handler (the ones that answer 404 are proven not to reach it).
  const routed = (port: number) => [
    '/api/auth/login',
    `http://127.0.0.1:${port}/api/auth/login`,
    'http://evil.example/api/auth/login',
    '/%61pi/auth/login',
    '/api/auth/%6Cogin',
    '/%61%70%69/%61uth/login',
    '/api/auth/login?x=1',
    '/api/auth/login?',
    '/api/auth/login#frag',
  ];
  const notRouted = ['/api/auth/login/', '/API/auth/login', '/api/Auth/login', '//api/auth/login', '/api//auth/login'];

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8])(
    'form %#: the limit holds (429 with Retry-After) after the per-IP allowance',
    async (i) => {
      const { port } = await listening({
        rateLimits: { loginPerMinute: 3, apiPerMinute: 100_000 },
        // Many accounts' delays out of the way: this test is about the per-IP limit only.
        loginDelay: { ...DEFAULT_LOGIN_DELAY, freeFailures: 1000 },
      });
      const path = routed(port)[i]!;
      const statuses: number[] = [];
      let last: RawAnswer | undefined;
      // The account's delay is out of the way: the per-IP-and-account limit is what stops this.
      for (let n = 0; n < 5; n++) {
        last = await rawRequest(port, `POST ${path} HTTP/1.1`, guess('agent1'));
        statuses.push(last.status);
      }
      expect(statuses, path).toEqual([401, 401, 401, 429, 429]);
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
      expect(JSON.parse(last!.body)).toMatchObject({
        code: 'rate.limited',
        message: expect.stringMatching(/请 \d+ 秒后再试/),
      });
    },
  );

  it('mixing every form shares one budget', async () => {
    const { port } = await listening({
      rateLimits: { loginPerMinute: 4, apiPerMinute: 100_000 },
      loginDelay: { ...DEFAULT_LOGIN_DELAY, freeFailures: 1000 },
    });
    const statuses: number[] = [];
    for (const path of routed(port))
      statuses.push((await rawRequest(port, `POST ${path} HTTP/1.1`, guess('agent1'))).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429, 429, 429]);
  });

  it('spraying many accounts from one address hits the per-IP limit, whatever the URL form', async () => {
    const { port } = await listening({
      rateLimits: { loginPerMinute: 10, loginPerMinutePerIp: 6, apiPerMinute: 100_000 },
    });
    const forms = routed(port);
    const statuses: number[] = [];
    let last: RawAnswer | undefined;
    for (let n = 0; n < 9; n++) {
      last = await rawRequest(port, `POST ${forms[n % forms.length]!} HTTP/1.1`, guess(`user${n}`));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429, 429]);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(last!.body)).toMatchObject({
      code: 'rate.limited',
      message: expect.stringMatching(/登录尝试过于频繁/),
    });
  });

  it('forms Fastify does not route never reach the login handler (404, no password check)', async () => {
    const { port } = await listening({ rateLimits: { loginPerMinute: 1000, apiPerMinute: 100_000 } });
    for (const path of notRouted) {
      const res = await rawRequest(port, `POST ${path} HTTP/1.1`, guess('agent1', 'daiban123'));
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('token');
    }
  });

  it('an absolute-form request line does not skip the token check either', async () => {
    const { port } = await listening();
    const res = await rawRequest(port, `GET http://127.0.0.1:${port}/api/sync/pull?cursor=0&limit=10 HTTP/1.1`, '');
    expect(res.status).toBe(401);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('defaults', () => {
  it('10 attempts per IP and account, 60 per IP, 5 free failures, 15 minutes at most', () => {
    const c = loadConfig({});
    expect(c.rateLimits).toMatchObject({ loginPerMinute: 10, loginPerMinutePerIp: 60 });
    expect(c.loginDelay).toEqual({ freeFailures: 5, baseMs: 1000, maxMs: 900_000 });
    expect(loadConfig({ DAIBAN_LOGIN_PER_MINUTE: '20' }).rateLimits.loginPerMinutePerIp).toBe(120);
    expect(loadConfig({ DAIBAN_LOGIN_PER_MINUTE_PER_IP: '30' }).rateLimits.loginPerMinutePerIp).toBe(30);
  });
});

describe('per-account delay', () => {
  const attempt = (s: TestServer, username: string, password: string, ip = '10.0.0.1') =>
    s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

  it('after 5 failures each attempt waits 1 s, 2 s, 4 s … after the last failure, with Retry-After and a Chinese message', async () => {
    const s = await startServer();
    servers.push(s);
    for (let i = 0; i < 5; i++) expect((await attempt(s, 'agent1', 'wrong')).statusCode).toBe(401);
    // Even the right password is refused while the account waits: a guess gets no answer at all.
    const locked = await attempt(s, 'agent1', 'daiban123');
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe('1');
    expect(locked.json()).toEqual({
      code: 'auth.account_locked',
      message: '该账号密码错误次数过多，已暂时锁定，请 1 秒后再试',
      details: { retryAfterSeconds: 1 },
    });
    s.clock.now += 1000;
    expect((await attempt(s, 'agent1', 'wrong')).statusCode).toBe(401); // 6th failure
    s.clock.now += 1999;
    expect((await attempt(s, 'agent1', 'wrong')).statusCode).toBe(429);
    s.clock.now += 1;
    expect((await attempt(s, 'agent1', 'wrong')).statusCode).toBe(401); // 7th
    s.clock.now += 3000;
    const third = await attempt(s, 'agent1', 'daiban123');
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toBe('1');
    s.clock.now += 1000;
    // The right password after the wait logs in and forgets the failures.
    expect((await attempt(s, 'agent1', 'daiban123')).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await attempt(s, 'agent1', 'wrong')).statusCode).toBe(401);
    expect((await attempt(s, 'agent1', 'wrong')).statusCode).toBe(429);
  });

  it('is capped (15 minutes by default) and says minutes', async () => {
    const s = await startServer();
    servers.push(s);
    for (let i = 0; i < 20; i++) {
      const res = await attempt(s, 'agent2', 'wrong');
      expect(res.statusCode).toBe(401);
      s.clock.now += 15 * 60_000;
    }
    s.clock.now -= 60_000; // 14 minutes after the 20th failure
    const res = await attempt(s, 'agent2', 'wrong');
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('60');
    s.clock.now -= 14 * 60_000; // right after it
    const capped = await attempt(s, 'agent2', 'wrong');
    expect(capped.headers['retry-after']).toBe('900');
    expect(capped.json().message).toBe('该账号密码错误次数过多，已暂时锁定，请 15 分钟后再试');
  });

  it('two users behind one NAT: guessing one account does not lock the other out', async () => {
    // The production limits: 10 per IP and account, 60 per IP.
    const s = await startServer({ rateLimits: { loginPerMinute: 10, apiPerMinute: 600 } });
    servers.push(s);
    const nat = '203.0.113.7';
    const codes: number[] = [];
    // Far more guesses than the per-IP-and-account limit, within one minute.
    for (let i = 0; i < 40; i++) codes.push((await attempt(s, 'agent1', `guess-${i}`, nat)).statusCode);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5).every((c) => c === 429)).toBe(true);
    // The colleague at the next desk, same public address, logs in at once.
    const other = await attempt(s, 'agent2', 'daiban123', nat);
    expect(other.statusCode).toBe(200);
    // The attacked account stays locked from any address (changing IP does not help the attacker).
    expect((await attempt(s, 'agent1', 'daiban123', '198.51.100.9')).statusCode).toBe(429);
  });

  it('unknown accounts are delayed alike (the answers do not reveal which names exist), case-insensitively', async () => {
    const s = await startServer();
    servers.push(s);
    for (let i = 0; i < 5; i++) expect((await attempt(s, 'ghost', 'x')).statusCode).toBe(401);
    expect((await attempt(s, 'GHOST', 'x')).json().code).toBe('auth.account_locked');
    for (let i = 0; i < 5; i++) expect((await attempt(s, 'Agent3', 'x')).statusCode).toBe(401);
    expect((await attempt(s, 'agent3', 'daiban123')).json().code).toBe('auth.account_locked');
  });

  it('is kept in the database: a second server process on the same file sees it', async () => {
    const s = await startServer();
    servers.push(s);
    for (let i = 0; i < 5; i++) expect((await attempt(s, 'agent1', 'wrong')).statusCode).toBe(401);
    const second = await buildApp({ ...s.config });
    try {
      const res = await second.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'agent1', password: 'daiban123' },
      });
      expect(res.statusCode).toBe(429);
      expect(res.json().code).toBe('auth.account_locked');
    } finally {
      await second.close();
    }
  });

  it('parallel guesses all count (the attempt is counted before the password is checked)', async () => {
    const s = await startServer();
    servers.push(s);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(s, 'agent4', `g${i}`)));
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(7);
  });
});
