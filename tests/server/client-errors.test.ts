// What Node refuses before Fastify sees a request — an unknown method, oversized headers, bad
// framing, a client too slow with its headers or body — is answered in the API's error format
// with a Chinese message. Raw TCP sockets, because no HTTP client sends such requests.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealServer, type RunningServer } from '../unit/sync/real-server';

let s: RunningServer;
beforeAll(async () => {
  s = await startRealServer({
    timeouts: { headersMs: 400, requestMs: 800, keepAliveMs: 5_000, idleMs: 10_000 },
  });
});
afterAll(() => s.close());

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Milliseconds from connect to the server closing the connection. */
  closedAfter: number;
}

/** Sends `chunks` (a string, or parts with pauses between them) and reads until the server closes. */
function raw(request: string | string[]): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(s.port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (d) => received.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers,
        body: body ? JSON.parse(body) : null,
        closedAfter: Date.now() - started,
      });
    });
    socket.on('connect', () => {
      for (const part of [request].flat()) socket.write(part);
    });
  });
}

const chinese = /[\u4e00-\u9fff]/;

describe('protocol errors in the API error format', () => {
  it('an unknown method: 501 request.bad_method', async () => {
    const res = await raw('BREW /api/health HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(res.status).toBe(501);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ code: 'request.bad_method', message: expect.stringMatching(chinese) });
  });

  it('headers larger than Node allows: 431 request.headers_too_large', async () => {
    const res = await raw(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(res.body).toEqual({ code: 'request.headers_too_large', message: expect.stringMatching(chinese) });
  });

  it('bad framing: 400 request.malformed', async () => {
    const res = await raw('POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'request.malformed', message: expect.stringMatching(chinese) });
    const badVersion = await raw('GET /api/health HTTP/7.3\r\nHost: x\r\n\r\n');
    expect(badVersion.status).toBe(400);
    expect((badVersion.body as { code: string }).code).toBe('request.malformed');
  });

  it('the Content-Length is right for the Chinese message', async () => {
    const res = await raw('BREW / HTTP/1.1\r\n\r\n');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(res.body)));
  });
});

describe('timeouts', () => {
  it('headers that never finish: 408 request.timeout after the headers timeout', async () => {
    const res = await raw('GET /api/health HTTP/1.1\r\nHost: x\r\n');
    expect(res.status).toBe(408);
    expect(res.body).toEqual({ code: 'request.timeout', message: expect.stringMatching(chinese) });
    expect(res.closedAfter).toBeGreaterThanOrEqual(350);
    expect(res.closedAfter).toBeLessThan(5_000);
  });

  it('a body that never finishes: 408 request.timeout after the request timeout', async () => {
    const res = await raw(
      'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user',
    );
    expect(res.status).toBe(408);
    expect((res.body as { code: string }).code).toBe('request.timeout');
    expect(res.closedAfter).toBeGreaterThanOrEqual(750);
    expect(res.closedAfter).toBeLessThan(5_000);
  });

  it('a normal request on the same server is answered', async () => {
    const res = await raw('GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });
});
