// HEAD /api/blobs/:sha256 over a real TCP socket: the tablet probes every page before uploading,
// and on 3G a new connection per probe costs a round trip or two. Every answer must leave the
// connection open, over HTTP/1.1 and over HTTP/1.0 keep-alive.
// (Node's own fetch sends `connection: close` with every HEAD it makes — undici's choice, not the
// server's — so these tests speak HTTP on a plain socket; browsers keep the connection.)
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, patchBlob, startServer, type TestServer } from './harness';
import { fakeJpeg, sha256 } from './fixtures';

let s: TestServer;
let token: string;
let port: number;
let connections = 0;

beforeAll(async () => {
  s = await startServer();
  token = (await login(s.app, 'agent1')).token;
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  s.app.server.on('connection', () => connections++);
  port = (s.app.server.address() as { port: number }).port;
});
afterAll(() => s.close());

interface RawResponse {
  statusLine: string;
  status: number;
  headers: Record<string, string>;
}

/** One socket; `send` writes a request and resolves with the next response head (HEAD answers have no body). */
function openSocket() {
  const socket: Socket = connect(port, '127.0.0.1');
  let buffered = '';
  let closed = false;
  let waiting: ((r: RawResponse) => void) | null = null;
  const flush = () => {
    const end = buffered.indexOf('\r\n\r\n');
    if (end < 0 || !waiting) return;
    const [statusLine = '', ...lines] = buffered.slice(0, end).split('\r\n');
    buffered = buffered.slice(end + 4);
    const headers = Object.fromEntries(
      lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
    );
    const resolve = waiting;
    waiting = null;
    resolve({ statusLine, status: Number(statusLine.split(' ')[1]), headers });
  };
  socket.on('data', (d) => {
    buffered += d.toString('latin1');
    flush();
  });
  socket.on('close', () => {
    closed = true;
  });
  return {
    get closed() {
      return closed;
    },
    /** Bytes received after the last response head (a HEAD answer must have none). */
    get leftover() {
      return buffered;
    },
    send(method: string, path: string, version = '1.1', extra: Record<string, string> = {}) {
      const headers = { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${token}`, ...extra };
      const head = `${method} ${path} HTTP/${version}\r\n${Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n')}\r\n\r\n`;
      return new Promise<RawResponse>((resolve, reject) => {
        waiting = resolve;
        socket.once('error', reject);
        socket.write(head);
        flush();
      });
    },
    /** Resolves true when the server has closed its side within `ms`. */
    closedWithin: (ms: number) =>
      new Promise<boolean>((resolve) => {
        if (closed) return resolve(true);
        const timer = setTimeout(() => resolve(false), ms);
        socket.once('close', () => {
          clearTimeout(timer);
          resolve(true);
        });
      }),
    end: () => socket.destroy(),
  };
}

const unknownHash = () => sha256(fakeJpeg(64));

describe('HEAD /api/blobs/:sha256 keeps the connection open', () => {
  it('HTTP/1.1: unknown (404), partial and complete (200) probes all travel on one connection', async () => {
    const file = fakeJpeg(3000);
    expect((await patchBlob(s.app, token, file, 0, file.subarray(0, 1000))).statusCode).toBe(200);
    const done = fakeJpeg(500);
    expect((await patchBlob(s.app, token, done)).statusCode).toBe(200);

    const before = connections;
    const sock = openSocket();
    const answers = [
      await sock.send('HEAD', `/api/blobs/${unknownHash()}`),
      await sock.send('HEAD', `/api/blobs/${sha256(file)}`),
      await sock.send('HEAD', `/api/blobs/${sha256(done)}`),
      await sock.send('HEAD', `/api/blobs/${unknownHash()}`),
    ];
    expect(answers.map((a) => [a.status, a.headers['upload-offset']])).toEqual([
      [404, '0'],
      [200, '1000'],
      [200, '500'],
      [404, '0'],
    ]);
    for (const a of answers) {
      expect(a.headers.connection).toBe('keep-alive');
      expect(a.headers['cache-control']).toBe('no-store');
      expect(a.headers['content-length']).toMatch(/^\d+$/);
    }
    expect(await sock.closedWithin(200)).toBe(false);
    expect(sock.leftover).toBe('');
    expect(connections - before).toBe(1);
    sock.end();
  });

  it('HTTP/1.0 keep-alive: an unknown blob is 404 with Upload-Offset 0 and the connection stays open', async () => {
    const sock = openSocket();
    const first = await sock.send('HEAD', `/api/blobs/${unknownHash()}`, '1.0', { Connection: 'keep-alive' });
    expect(first.status).toBe(404);
    expect(first.headers['upload-offset']).toBe('0');
    expect(first.headers.connection).not.toMatch(/close/i);
    expect(first.headers.connection).toMatch(/keep-alive/i);
    expect(await sock.closedWithin(200)).toBe(false);
    const second = await sock.send('HEAD', `/api/blobs/${unknownHash()}`, '1.0', { Connection: 'keep-alive' });
    expect(second.status).toBe(404);
    sock.end();
  });

  it('still sends no body on HEAD and still closes when the client asks for it', async () => {
    const sock = openSocket();
    const res = await sock.send('HEAD', `/api/blobs/${unknownHash()}`, '1.1', { Connection: 'close' });
    expect(res.status).toBe(404);
    expect(res.headers.connection).toBe('close');
    expect(await sock.closedWithin(2000)).toBe(true);
    expect(sock.leftover).toBe('');
  });
});
