// The township server behind Debian's nginx terminating TLS, configured with
// docs/nginx.conf.example: the real sync client logs in, uploads photos, pushes a case and pulls
// through it; plain HTTP on nginx only redirects. The certificate is the server's own CA's.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type Mutation } from '../../src/domain';
import { AUTH_ROUTES } from '../../src/domain/api/auth';
import type { SessionInfo } from '../../src/domain/api/admin';
import { createApiClient } from '../../src/net';
import { drain } from '../../src/sync/drain';
import type { FetchLike } from '../../src/sync/http';
import { memoryLocks } from '../../src/sync/lock';
import { ensureLocalCertificate } from '../../src/server/tls/local-ca';
import { DEVICE_ID } from '../unit/sync/fixtures';
import { MemoryDevice } from '../unit/sync/memory-ports';
import { AGENT_VILLAGE, startRealServer, type RunningServer } from '../unit/sync/real-server';
import { serverCase } from '../unit/sync/server-fixtures';

const NGINX = '/usr/sbin/nginx';
const hasNginx = spawnSync(NGINX, ['-v']).status === 0;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** fetch over node:https trusting one CA (Node's global fetch cannot be given a CA). */
function fetchTrusting(ca: string): FetchLike {
  return (url, init = {}) =>
    new Promise((resolve, reject) => {
      const headers = Object.fromEntries(new Headers(init.headers).entries());
      const req = request(url, { method: init.method ?? 'GET', headers, ca }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, [v].flat().join(', '));
          const empty = init.method === 'HEAD' || res.statusCode === 204 || res.statusCode === 304;
          resolve(new Response(empty ? null : Buffer.concat(chunks), { status: res.statusCode ?? 500, headers: h }));
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      init.signal?.addEventListener('abort', () => req.destroy(init.signal?.reason as Error));
      const body = init.body;
      req.end(
        body === undefined || body === null
          ? undefined
          : typeof body === 'string'
            ? body
            : Buffer.from(body as Uint8Array),
      );
    });
}

async function waitForPort(port: number, nginx: ChildProcess, errors: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited: ${errors()}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(true));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(false)));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not listen on ${port}: ${errors()}`);
}

describe.skipIf(!hasNginx)('behind nginx (TLS terminated by the proxy)', () => {
  let server: RunningServer;
  let nginx: ChildProcess;
  let dir: string;
  let ca: string;
  let httpsPort: number;
  let httpPort: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'daiban-nginx-'));
    server = await startRealServer({ trustProxy: true });
    const cert = await ensureLocalCertificate(join(dir, 'tls'), {
      dns: ['daiban.test', 'localhost'],
      ips: ['127.0.0.1'],
    });
    ca = cert.caCert;
    writeFileSync(join(dir, 'server.crt'), cert.cert);
    writeFileSync(join(dir, 'server.key'), cert.key, { mode: 0o600 });
    [httpsPort, httpPort] = [await freePort(), await freePort()];
    const site = readFileSync(new URL('../../docs/nginx.conf.example', import.meta.url), 'utf8')
      .replaceAll('{{UPSTREAM_PORT}}', String(server.port))
      .replaceAll('{{HTTP_PORT}}', `127.0.0.1:${httpPort}`)
      .replaceAll('{{HTTPS_PORT}}', String(httpsPort))
      .replace(`listen ${httpsPort} ssl`, `listen 127.0.0.1:${httpsPort} ssl`)
      .replaceAll('{{SERVER_NAME}}', 'daiban.test 127.0.0.1')
      .replaceAll('{{CERT}}', join(dir, 'server.crt'))
      .replaceAll('{{KEY}}', join(dir, 'server.key'));
    const conf = [
      process.getuid?.() === 0 ? 'user root;' : '',
      'daemon off;',
      'worker_processes 1;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'error.log')} warn;`,
      'events { worker_connections 64; }',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${join(dir, t)};`),
      site,
      '}',
    ].join('\n');
    writeFileSync(join(dir, 'nginx.conf'), conf);
    nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
    const errors = () => {
      try {
        return readFileSync(join(dir, 'error.log'), 'utf8');
      } catch {
        return '';
      }
    };
    await waitForPort(httpsPort, nginx, errors);
  });

  afterAll(async () => {
    nginx?.kill('SIGQUIT');
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in, uploads, pushes and pulls through the proxy with the real client', async () => {
    const fetch = fetchTrusting(ca);
    const baseUrl = `https://127.0.0.1:${httpsPort}`;
    const login = await createApiClient({ baseUrl, fetch }).call(AUTH_ROUTES.login, {
      body: { username: 'agent1', password: 'daiban123' },
    });
    const d = new MemoryDevice();
    d.token = login.token;
    const c = serverCase('YB-JMCB-DJ', AGENT_VILLAGE, login.user.id, 400_000);
    for (const b of c.blobs) d.addBlob(b);
    const mutation: Mutation = {
      id: uuidv7(),
      deviceId: DEVICE_ID,
      createdAt: Date.now(),
      kind: 'case.submit',
      baseVersion: 0,
      payload: c.submission,
    };
    d.enqueue(mutation);
    const report = await drain(d.ports(baseUrl, fetch), { locks: memoryLocks(), random: () => 0.5 });
    expect(report).toMatchObject({ outcome: 'done', accepted: 1, rejected: 0, blobsUploaded: c.blobs.length });
    expect(d.states()).toEqual(['done']);
    expect(report.pulled).toBeGreaterThan(0);
    // The server saw the township's own record of it, byte for byte for every photo.
    const reviewer = await server.login('reviewer1');
    for (const b of c.blobs) {
      const file = await server.get<Buffer>(reviewer, `/api/blobs/${b.sha256}`);
      expect(file.status).toBe(200);
      expect(Buffer.compare(file.body, Buffer.from(b.data))).toBe(0);
    }
  });

  it("the proxy passes the client's address on: the session records it, not the proxy's", async () => {
    const fetch = fetchTrusting(ca);
    const api = createApiClient({
      baseUrl: `https://127.0.0.1:${httpsPort}`,
      fetch: (url, init) =>
        fetch(url, {
          ...init,
          headers: { ...Object.fromEntries(new Headers(init?.headers).entries()), 'x-forwarded-for': '203.0.113.9' },
        }),
    });
    const login = await api.call(AUTH_ROUTES.login, { body: { username: 'agent2', password: 'daiban123' } });
    const admin = await server.login('admin');
    const sessions = await server.get<{ sessions: SessionInfo[] }>(admin, `/api/admin/users/${login.user.id}/sessions`);
    expect(sessions.status).toBe(200);
    expect(sessions.body.sessions.map((x) => x.ip)).toContain('203.0.113.9');
  });

  it('plain HTTP on the proxy only redirects to HTTPS', async () => {
    const res = await globalThis.fetch(`http://127.0.0.1:${httpPort}/api/health`, { redirect: 'manual' });
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe(`https://127.0.0.1:${httpsPort}/api/health`);
  });
});
