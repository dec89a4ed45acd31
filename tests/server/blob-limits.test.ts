// Limits on uploads: pixel bombs refused before they are stored, a per-user quota on unfinished
// uploads, and unfinished uploads left behind removed after DAIBAN_UPLOAD_ABANDON_HOURS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { bearer, DAY, login, patchBlob, startServer, type TestServer } from './harness';
import { fakeJpeg, sha256 } from './fixtures';
import { jpegHeader, pngBomb, pngHeader, webpVp8x } from '../unit/image/bombs';
import { loadConfig } from '../../src/server/config';

const MB = 1024 * 1024;
const incoming = (s: TestServer) => {
  const dir = join(s.config.blobDir, '.incoming');
  return existsSync(dir) ? readdirSync(dir) : [];
};
const uploadRows = (s: TestServer, hash: string) =>
  s.db.all(`SELECT user_id, received FROM blob_uploads WHERE sha256 = ?`, [hash]);
const head = (s: TestServer, token: string, hash: string) =>
  s.app.inject({ method: 'HEAD', url: `/api/blobs/${hash}`, headers: bearer(token) });

describe('pixel limits on the server', () => {
  let s: TestServer;
  let token: string;
  beforeAll(async () => {
    s = await startServer();
    token = (await login(s.app, 'agent1')).token;
  });
  afterAll(() => s.close());

  it('refuses a real 20000×20000 PNG bomb on its first chunk and keeps nothing', async () => {
    const bomb = pngBomb(20_000, 20_000);
    const res = await patchBlob(s.app, token, bomb, 0, bomb.subarray(0, Math.min(bomb.length, 64 * 1024)));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'blob.image_too_large',
      details: { width: 20_000, height: 20_000, maxPixels: 50_000_000, maxSide: 12_000 },
    });
    expect(res.json().message).toMatch(/图片尺寸过大（20000×20000 像素）/);
    expect(await uploadRows(s, sha256(bomb))).toEqual([]);
    expect(incoming(s).filter((f) => f.startsWith(sha256(bomb)))).toEqual([]);
  });

  it('refuses a JPEG that hides its frame header past the first chunk once all bytes are there', async () => {
    const bomb = jpegHeader(30_000, 30_000, 150_000, randomBytes(1000));
    const hash = sha256(bomb);
    const first = await patchBlob(s.app, token, bomb, 0, bomb.subarray(0, 100_000));
    expect(first.statusCode).toBe(200); // nothing to read yet: the frame header comes later
    const last = await patchBlob(s.app, token, bomb, 100_000, bomb.subarray(100_000));
    expect(last.statusCode).toBe(422);
    expect(last.json().code).toBe('blob.image_too_large');
    expect(await s.db.get(`SELECT 1 AS one FROM blobs WHERE sha256 = ?`, [hash])).toBeUndefined();
    expect(await uploadRows(s, hash)).toEqual([]);
    expect(incoming(s).filter((f) => f.startsWith(hash))).toEqual([]);
    expect((await head(s, token, hash)).statusCode).toBe(404);
  });

  it('refuses a WebP canvas over the longest side, accepts a large but allowed image', async () => {
    const wide = Buffer.concat([webpVp8x(16_000, 100), randomBytes(100)]);
    expect((await patchBlob(s.app, token, wide)).json().code).toBe('blob.image_too_large');
    const allowed = pngHeader(7_000, 7_000, randomBytes(2000)); // 49 MP
    expect((await patchBlob(s.app, token, allowed)).json()).toMatchObject({ complete: true });
  });

  it('takes its limits from the environment', async () => {
    const config = loadConfig({ DAIBAN_IMAGE_MAX_MEGAPIXELS: '2', DAIBAN_IMAGE_MAX_SIDE: '1000' });
    expect(config.pixelLimits).toEqual({ maxPixels: 2_000_000, maxSide: 1000 });
    const small = await startServer({ pixelLimits: config.pixelLimits });
    try {
      const agent = (await login(small.app, 'agent1')).token;
      const photo = fakeJpeg(5000); // 1600×1200: 1.9 MP but a side over 1000
      const res = await patchBlob(small.app, agent, photo);
      expect(res.statusCode).toBe(422);
      expect(res.json().message).toContain('1600×1200');
    } finally {
      await small.close();
    }
  });
});

describe('quota on unfinished uploads', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer({ uploads: { abandonMs: 72 * 3_600_000, maxPendingBytes: 3 * MB } });
  });
  afterAll(() => s.close());

  it('refuses a new upload over the quota with 413 blob.quota, and accepts it once others finish', async () => {
    const agent1 = (await login(s.app, 'agent1')).token;
    const agent2 = (await login(s.app, 'agent2')).token;
    const files = [fakeJpeg(1.2 * MB), fakeJpeg(1.2 * MB), fakeJpeg(1.2 * MB)];
    for (const f of files.slice(0, 2))
      expect((await patchBlob(s.app, agent1, f, 0, f.subarray(0, 1000))).statusCode).toBe(200);

    const over = await patchBlob(s.app, agent1, files[2]!, 0, files[2]!.subarray(0, 1000));
    expect(over.statusCode).toBe(413);
    expect(over.json()).toMatchObject({ code: 'blob.quota', details: { maxPendingBytes: 3 * MB } });
    expect(over.json().message).toMatch(/未传完的文件太多（合计超过 3 MB）/);
    expect(await uploadRows(s, sha256(files[2]!))).toEqual([]);

    // Another user has a quota of their own.
    expect((await patchBlob(s.app, agent2, files[2]!, 0, files[2]!.subarray(0, 1000))).statusCode).toBe(200);
    // Continuing an upload already begun is never refused; finishing one frees its share.
    const f0 = files[0]!;
    expect((await patchBlob(s.app, agent1, f0, 1000, f0.subarray(1000, 1000 + MB))).statusCode).toBe(200);
    expect((await patchBlob(s.app, agent1, f0, 1000 + MB, f0.subarray(1000 + MB))).json().complete).toBe(true);
    expect((await patchBlob(s.app, agent1, files[2]!, 0, files[2]!.subarray(0, 1000))).statusCode).toBe(200);
  });

  it('reads its size from the environment (MB), 200 MB by default', () => {
    expect(loadConfig({}).uploads).toEqual({ abandonMs: 72 * 3_600_000, maxPendingBytes: 200 * MB });
    expect(loadConfig({ DAIBAN_UPLOAD_PENDING_MB: '50', DAIBAN_UPLOAD_ABANDON_HOURS: '6' }).uploads).toEqual({
      abandonMs: 6 * 3_600_000,
      maxPendingBytes: 50 * MB,
    });
    expect(() => loadConfig({ DAIBAN_UPLOAD_ABANDON_HOURS: '0' })).toThrow(/DAIBAN_UPLOAD_ABANDON_HOURS/);
  });
});

describe('abandoned uploads', () => {
  it('are removed (row and bytes) at start once untouched for the configured time, with stray part files', async () => {
    const s = await startServer({ uploads: { abandonMs: 72 * 3_600_000, maxPendingBytes: 200 * MB } });
    try {
      let token = (await login(s.app, 'agent1')).token;
      const stale = fakeJpeg(200_000);
      const fresh = fakeJpeg(200_000);
      expect((await patchBlob(s.app, token, stale, 0, stale.subarray(0, 50_000))).statusCode).toBe(200);
      s.clock.now += 2 * DAY;
      expect((await patchBlob(s.app, token, fresh, 0, fresh.subarray(0, 50_000))).statusCode).toBe(200);
      // A part file no upload owns: left by a server that stopped mid-step, or by an older layout.
      const legacy = `${sha256(randomBytes(8))}.part`;
      mkdirSync(join(s.config.blobDir, '.incoming'), { recursive: true });
      writeFileSync(join(s.config.blobDir, '.incoming', legacy), randomBytes(100));
      expect(incoming(s)).toHaveLength(3);

      s.clock.now += 1 * DAY + 3_600_000; // stale: 73 h untouched; fresh: 25 h
      await s.restart();
      token = (await login(s.app, 'agent1')).token;
      expect((await head(s, token, sha256(stale))).statusCode).toBe(404);
      expect(await uploadRows(s, sha256(stale))).toEqual([]);
      const kept = await head(s, token, sha256(fresh));
      expect(kept.statusCode).toBe(200);
      expect(kept.headers['upload-offset']).toBe('50000');
      expect(incoming(s)).toHaveLength(1);
      expect(incoming(s)[0]).toMatch(new RegExp(`^${sha256(fresh)}\\.[0-9a-f]{16}\\.part$`));

      // The fresh one goes on and completes.
      const rest = await patchBlob(s.app, token, fresh, 50_000, fresh.subarray(50_000));
      expect(rest.json().complete).toBe(true);
      expect(incoming(s)).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
