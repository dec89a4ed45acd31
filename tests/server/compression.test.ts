// API compression over a real socket, read with node:http so the bytes on the wire are seen as
// sent: JSON answers above 1 KB go out as br or gzip when accepted (and decompress to exactly the
// plain answer), never without Accept-Encoding; the live stream and blob bytes never; the tablet's
// own client (fetch) reads compressed answers without knowing.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src/domain';
import { createSyncClient } from '../../src/sync/http';
import { bearer, login, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, sha256, submitMutation } from './fixtures';

let s: TestServer;
let base: string;
let agent: Awaited<ReturnType<typeof login>>;
let photo: Buffer;

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One GET; the body is the bytes received, not decoded. */
function get(path: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const PULL = '/api/sync/pull?cursor=0&limit=200';

beforeAll(async () => {
  s = await startServer();
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`;
  agent = await login(s.app, 'agent1');
  const built = buildCase({ agentId: agent.user.id, villageCode: agent.user.villageCode!, now: s.clock.now });
  await uploadAll(s.app, agent.token, built.files);
  const { results } = await push(s.app, agent.token, [submitMutation(built.submission, s.clock.now)]);
  expect(results[0]!.status).toBe('ok');
  photo = built.files[0]!;
});
afterAll(() => s.close());

describe('API compression', () => {
  it('sends a pull page plain without Accept-Encoding, and br or gzip when accepted, decoding to the same bytes', async () => {
    const plain = await get(PULL, bearer(agent.token));
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    // A first pull carries the catalogue and calendar: far above the threshold.
    expect(plain.body.length).toBeGreaterThan(10_000);
    expect((JSON.parse(plain.body.toString()) as PullResponse).changes.length).toBeGreaterThan(0);

    const br = await get(PULL, { ...bearer(agent.token), 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(plain.body.length * 0.2);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);

    const gzip = await get(PULL, { ...bearer(agent.token), 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body.length).toBeLessThan(plain.body.length * 0.3);
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);

    const identity = await get(PULL, { ...bearer(agent.token), 'accept-encoding': 'identity' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.equals(plain.body)).toBe(true);
  });

  it('leaves a small answer plain (below 1 KB the frame saves nothing)', async () => {
    const me = await get('/api/auth/me', { ...bearer(agent.token), 'accept-encoding': 'br, gzip' });
    expect(me.status).toBe(200);
    expect(me.body.length).toBeLessThan(1024);
    expect(me.headers['content-encoding']).toBeUndefined();
    expect((JSON.parse(me.body.toString()) as { user: { id: string } }).user.id).toBe(agent.user.id);
  });

  it('never compresses blob bytes: the stored file, with its own length', async () => {
    const res = await get(`/api/blobs/${sha256(photo)}`, { ...bearer(agent.token), 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-length']).toBe(String(photo.length));
    expect(res.body.equals(photo)).toBe(true);
  });

  it('never compresses the live stream: its first event arrives as plain text at once', async () => {
    const first = await new Promise<{ headers: IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const req = request(
        `${base}/api/sync/live?device=0190f5f2-0000-7000-8000-000000000001`,
        { headers: { ...bearer(agent.token), 'accept-encoding': 'br, gzip' } },
        (res) => {
          res.once('data', (c: Buffer) => {
            resolve({ headers: res.headers, text: c.toString() });
            req.destroy();
          });
        },
      );
      req.on('error', reject).end();
    });
    expect(first.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(first.headers['content-encoding']).toBeUndefined();
    expect(first.text).toContain('event: ready');
  });

  it('the tablet client reads compressed answers transparently', async () => {
    const encodings: (string | null)[] = [];
    const client = createSyncClient({
      baseUrl: base,
      token: () => agent.token,
      fetch: async (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set('accept-encoding', 'br, gzip');
        const res = await fetch(input, { ...init, headers });
        encodings.push(res.headers.get('content-encoding'));
        return res;
      },
    });
    const page = await client.pull(0, 200);
    const plain = JSON.parse((await get(PULL, bearer(agent.token))).body.toString()) as PullResponse;
    expect(page.changes.length).toBe(plain.changes.length);
    expect(page.cursor).toBe(plain.cursor);
    const file = await client.blob(sha256(photo));
    expect(Buffer.from(file.data).equals(photo)).toBe(true);
    expect(encodings).toEqual(['br', null]);
  });

  it("leaves the PWA's files to their build-time copies: no second compression, Vary on each", async () => {
    const web = join(s.dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), `<!doctype html><title>代办通</title>${'<meta name="x">'.repeat(200)}`);
    const js = `export const x = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `ITEM-${i}`))};`;
    writeFileSync(join(web, 'assets', 'index-abc123.js'), js);
    writeFileSync(join(web, 'assets', 'plain-abc123.js'), js); // no pre-compressed copy
    const { precompress } = await import('../../scripts/precompress.mjs');
    precompress(web);
    rmSync(join(web, 'assets', 'plain-abc123.js.br'), { force: true });
    rmSync(join(web, 'assets', 'plain-abc123.js.gz'), { force: true });
    const pwa = await startServer({ staticDir: web });
    try {
      const br = await pwa.app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(js);
      expect(br.headers.vary).toMatch(/accept-encoding/i);
      const page = await pwa.app.inject({ url: '/cases/1', headers: { 'accept-encoding': 'gzip' } });
      expect(page.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(page.rawPayload).toString()).toContain('代办通');
      const bare = await pwa.app.inject({ url: '/assets/plain-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
      expect(bare.headers['content-encoding']).toBeUndefined();
      expect(bare.body).toBe(js);
    } finally {
      await pwa.close();
    }
  });
});
