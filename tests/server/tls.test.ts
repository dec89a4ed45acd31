// HTTPS: the local CA and its server certificate (made once, reused, renewed when due or when the
// names change), the plain HTTP port (redirects, except localhost, /ca.crt and /install), and a
// real certificate reloaded when its files change.
import { X509Certificate } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ensureLocalCertificate,
  RENEW_BEFORE_MS,
  TLS_FILES,
  type LocalCertificate,
} from '../../src/server/tls/local-ca';
import { serverNames } from '../../src/server/tls/names';
import { installHttps } from '../../src/server/tls';
import { loadTlsSettings } from '../../src/server/tls/settings';
import { startServer, type TestServer } from './harness';

const NAMES = serverNames(['daiban.test'], ['192.168.1.20', 'fd00::2'], 'township-pc');
const dirs: string[] = [];
const servers: TestServer[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'daiban-tls-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const leaf = (chain: string) => new X509Certificate(chain.slice(0, chain.indexOf('-----END CERTIFICATE-----') + 25));

describe('local CA', () => {
  it('makes a CA and a server certificate for every name, keys readable by the owner only', async () => {
    const dir = tempDir();
    const made = await ensureLocalCertificate(dir, NAMES);
    expect(made.issued).toBe('new');
    const ca = new X509Certificate(made.caCert);
    const server = leaf(made.cert);
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    for (const host of ['localhost', 'township-pc', 'daiban.test']) expect(server.checkHost(host)).toBe(host);
    for (const ip of ['127.0.0.1', '192.168.1.20', '::1', 'fd00::2']) expect(server.checkIP(ip)).toBe(ip);
    expect(server.checkHost('elsewhere.test')).toBeUndefined();
    expect(statSync(join(dir, TLS_FILES.caKey)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, TLS_FILES.serverKey)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, TLS_FILES.caCert), 'utf8')).toBe(made.caCert);
  });

  it('reuses a valid certificate, renews one that expires soon or lacks a name, keeps the CA', async () => {
    const dir = tempDir();
    const first = await ensureLocalCertificate(dir, NAMES);
    const again = await ensureLocalCertificate(dir, NAMES);
    expect(again.issued).toBeNull();
    expect(again.cert).toBe(first.cert);
    expect(again.key).toBe(first.key);

    const nearEnd = new Date(first.notAfter.getTime() - RENEW_BEFORE_MS + 86_400_000);
    const renewed = await ensureLocalCertificate(dir, NAMES, nearEnd);
    expect(renewed.issued).toBe('expiring');
    expect(renewed.caCert).toBe(first.caCert);
    expect(leaf(renewed.cert).serialNumber).not.toBe(leaf(first.cert).serialNumber);
    expect(renewed.notAfter.getTime()).toBeGreaterThan(first.notAfter.getTime());

    const moved = serverNames(['daiban.test'], ['192.168.1.77'], 'township-pc'); // a new LAN address
    const renamed = await ensureLocalCertificate(dir, moved);
    expect(renamed.issued).toBe('names');
    expect(renamed.caCert).toBe(first.caCert);
    expect(leaf(renamed.cert).checkIP('192.168.1.77')).toBe('192.168.1.77');
    expect(leaf(renamed.cert).checkIP('192.168.1.20')).toBeUndefined();
    expect((await ensureLocalCertificate(dir, moved)).issued).toBeNull();
  });

  it('issues a new server certificate when the CA is replaced', async () => {
    const dir = tempDir();
    const first = await ensureLocalCertificate(dir, NAMES);
    rmSync(join(dir, TLS_FILES.caKey));
    const after = await ensureLocalCertificate(dir, NAMES);
    expect(after.issued).toBe('ca');
    expect(after.caCert).not.toBe(first.caCert);
    expect(leaf(after.cert).verify(new X509Certificate(after.caCert).publicKey)).toBe(true);
  });
});

async function httpsServer(env: NodeJS.ProcessEnv = {}, overrides = {}) {
  const dataDir = tempDir();
  const server = await startServer({
    dataDir,
    tls: loadTlsSettings({ DAIBAN_HTTPS_PORT: '8443', ...env }),
    ...overrides,
  });
  servers.push(server);
  const https = await installHttps(server.app, server.config, { names: () => NAMES, watchIntervalMs: 50 });
  return { ...server, https };
}

/** GET over TLS, trusting `ca`; returns the status, body and the certificate the server sent. */
function getTls(port: number, path: string, ca: string, servername = 'localhost') {
  return new Promise<{ status: number; body: string; serial: string }>((resolve, reject) => {
    const req = httpsRequest({ host: '127.0.0.1', port, path, ca, servername, agent: false }, (res) => {
      const serial = (res.socket as import('node:tls').TLSSocket).getPeerX509Certificate()!.serialNumber;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, serial }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('plain HTTP port', () => {
  it('redirects LAN requests to the same host on the HTTPS port, method and path kept', async () => {
    const { app } = await httpsServer();
    const get = await app.inject({ url: '/api/health?x=1', headers: { host: '192.168.1.20:8080' } });
    expect(get.statusCode).toBe(308);
    expect(get.headers.location).toBe('https://192.168.1.20:8443/api/health?x=1');
    const post = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { host: 'daiban.test' } });
    expect(post.statusCode).toBe(308);
    expect(post.headers.location).toBe('https://daiban.test:8443/api/auth/login');
    const v6 = await app.inject({ url: '/', headers: { host: '[fd00::2]:8080' } });
    expect(v6.headers.location).toBe('https://[fd00::2]:8443/');
    expect((await app.inject({ url: '/', headers: { host: 'x"><script>' } })).statusCode).toBe(400);
  });

  it('serves localhost itself, and the CA certificate and install guide to anyone', async () => {
    const { app, https } = await httpsServer();
    for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080'])
      expect((await app.inject({ url: '/api/health', headers: { host } })).statusCode).toBe(200);
    const ca = await app.inject({ url: '/ca.crt', headers: { host: '192.168.1.20:8080' } });
    expect(ca.statusCode).toBe(200);
    expect(ca.headers['content-type']).toBe('application/x-x509-ca-cert');
    expect(ca.body).toBe(https.caCert);
    const guide = await app.inject({ url: '/install', headers: { host: '192.168.1.20:8080' } });
    expect(guide.statusCode).toBe(200);
    expect(guide.headers['content-type']).toMatch(/^text\/html/);
    expect(guide.body).toContain('https://192.168.1.20:8443/');
    expect(guide.body).toContain('<svg'); // the QR code of that address
    expect(guide.body).toContain('安装证书');
    expect(guide.body).toContain(new X509Certificate(https.caCert!).fingerprint256);
    expect(guide.headers['strict-transport-security']).toBeUndefined();
  });

  it('behind a trusted proxy, serves what arrived as HTTPS (X-Forwarded-Proto)', async () => {
    const { app } = await httpsServer({}, { trustProxy: true });
    const headers = { host: 'daiban.example.cn', 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.9.8.7' };
    expect((await app.inject({ url: '/api/health', headers })).statusCode).toBe(200);
    const plain = await app.inject({ url: '/api/health', headers: { host: 'daiban.example.cn' } });
    expect(plain.statusCode).toBe(308);
  });

  it('the HTTPS port serves the app with the generated certificate', async () => {
    const { https } = await httpsServer({ DAIBAN_HTTPS_PORT: '0' });
    const port = await https.listen();
    const res = await getTls(port, '/api/health', https.caCert!, 'daiban.test');
    expect(res).toMatchObject({ status: 200, body: '{"ok":true}' });
  });
});

describe('real certificate', () => {
  it('is used instead of the local CA and reloaded when its files change', async () => {
    const pairs = [tempDir(), tempDir()];
    const made: LocalCertificate[] = [];
    for (const d of pairs) made.push(await ensureLocalCertificate(d, NAMES));
    const live = tempDir();
    const certFile = join(live, 'fullchain.pem');
    const keyFile = join(live, 'privkey.pem');
    copyFileSync(join(pairs[0]!, TLS_FILES.serverCert), certFile);
    copyFileSync(join(pairs[0]!, TLS_FILES.serverKey), keyFile);

    const { https, app } = await httpsServer({
      DAIBAN_HTTPS_PORT: '0',
      DAIBAN_TLS_CERT: certFile,
      DAIBAN_TLS_KEY: keyFile,
    });
    expect(https.caCert).toBeNull();
    expect((await app.inject({ url: '/ca.crt', headers: { host: 'localhost' } })).statusCode).toBe(404);
    const port = await https.listen();
    const before = await getTls(port, '/api/health', made[0]!.caCert);
    expect(before.serial).toBe(leaf(made[0]!.cert).serialNumber);

    // A renewal writes the new pair (certificate first: the half-written state is skipped).
    copyFileSync(join(pairs[1]!, TLS_FILES.serverCert), certFile);
    await new Promise((r) => setTimeout(r, 120));
    copyFileSync(join(pairs[1]!, TLS_FILES.serverKey), keyFile);
    await expect
      .poll(async () => (await getTls(port, '/api/health', made[1]!.caCert).catch(() => null))?.serial, {
        timeout: 5_000,
      })
      .toBe(leaf(made[1]!.cert).serialNumber);
  });
});

it('DAIBAN_HTTPS=0 turns HTTPS off; a certificate without its key is refused', () => {
  expect(loadTlsSettings({}).enabled).toBe(true);
  expect(loadTlsSettings({ DAIBAN_HTTPS: '0' }).enabled).toBe(false);
  expect(() => loadTlsSettings({ DAIBAN_TLS_CERT: '/x.pem' })).toThrow(/go together/);
});

// Keep `connect` for a raw handshake check: the chain sent includes the CA.
it('sends the server certificate with its CA', async () => {
  const { https } = await httpsServer({ DAIBAN_HTTPS_PORT: '0' });
  const port = await https.listen();
  const chain = await new Promise<number>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: https.caCert! }, () => {
      const peer = socket.getPeerCertificate(true);
      resolve(peer.issuerCertificate && peer.issuerCertificate !== peer ? 2 : 1);
      socket.end();
    });
    socket.on('error', reject);
  });
  expect(chain).toBe(2);
});
