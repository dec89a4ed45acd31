// Resumable, content-addressed blob upload: chunks, resume from HEAD, hash and type checks,
// limits, path traversal, and who may read a blob back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { bearer, login, patchBlob, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, fakeJpeg, sha256, submitMutation } from './fixtures';
import { BLOB_CONTENT_TYPE } from '../../src/server/blobs/routes';

let s: TestServer;
let agent1: string;
let agent2: string;
beforeAll(async () => {
  s = await startServer();
  agent1 = (await login(s.app, 'agent1')).token;
  agent2 = (await login(s.app, 'agent2')).token;
});
afterAll(() => s.close());

const head = (token: string, hash: string) =>
  s.app.inject({ method: 'HEAD', url: `/api/blobs/${hash}`, headers: bearer(token) });

describe('blob upload', () => {
  it('accepts a file in chunks, resumes from the HEAD offset, and stores it by hash', async () => {
    const file = fakeJpeg(2_500_000);
    const hash = sha256(file);
    const unknown = await head(agent1, hash);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['upload-offset']).toBe('0');

    const first = await patchBlob(s.app, agent1, file, 0, file.subarray(0, 1_000_000));
    expect(first.statusCode).toBe(200);
    expect(first.headers['upload-offset']).toBe('1000000');
    expect(first.json()).toEqual({ offset: 1_000_000, length: file.length, complete: false });

    // The tablet lost its answer: it asks where to continue.
    const resumed = await head(agent1, hash);
    expect(resumed.statusCode).toBe(200);
    expect(resumed.headers['upload-offset']).toBe('1000000');
    expect(resumed.headers['upload-complete']).toBeUndefined();

    // A chunk sent from the wrong place is refused with the right offset.
    const wrong = await patchBlob(s.app, agent1, file, 0, file.subarray(0, 1000));
    expect(wrong.statusCode).toBe(409);
    expect(wrong.headers['upload-offset']).toBe('1000000');
    expect(wrong.json()).toMatchObject({ code: 'blob.offset_mismatch', details: { offset: 1_000_000 } });

    expect((await patchBlob(s.app, agent1, file, 1_000_000, file.subarray(1_000_000, 2_000_000))).statusCode).toBe(200);
    const last = await patchBlob(s.app, agent1, file, 2_000_000, file.subarray(2_000_000));
    expect(last.statusCode).toBe(200);
    expect(last.headers['upload-complete']).toBe('1');
    expect(last.json().complete).toBe(true);

    const done = await head(agent1, hash);
    expect(done.headers['upload-complete']).toBe('1');
    expect(done.headers['upload-offset']).toBe(String(file.length));
    const onDisk = join(s.config.blobDir, hash.slice(0, 2), hash.slice(2, 4), hash);
    // Encrypted at rest (tests/server/encryption.test.ts): the plain bytes come back only through GET.
    expect(readFileSync(onDisk).includes(file.subarray(100, 164))).toBe(false);
    expect(readdirSync(join(s.config.blobDir, '.incoming'))).toEqual([]);

    // Sending it again is harmless.
    const again = await patchBlob(s.app, agent1, file, 0, file.subarray(0, 1000));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ offset: file.length, length: file.length, complete: true });
    // Someone else must send every byte to claim it (proof of possession): a first chunk is just that.
    const other = await patchBlob(s.app, agent2, file, 0, file.subarray(0, 1000));
    expect(other.statusCode).toBe(200);
    expect(other.json()).toEqual({ offset: 1000, length: file.length, complete: false });

    const got = await s.app.inject({ url: `/api/blobs/${hash}`, headers: bearer(agent1) });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(got.rawPayload.equals(file)).toBe(true);
  });

  it('refuses content whose hash does not match (422) and forgets the bytes', async () => {
    const file = fakeJpeg(5000);
    const claimed = sha256(randomBytes(10));
    const res = await patchBlob(s.app, agent1, file, 0, file, claimed);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('blob.hash_mismatch');
    expect(res.json().message).toMatch(/摘要不符/);
    expect((await head(agent1, claimed)).headers['upload-offset']).toBe('0');
    expect(readdirSync(join(s.config.blobDir, '.incoming')).filter((f) => f.startsWith(claimed))).toEqual([]);
  });

  it('refuses files that are not JPEG, PNG, WebP or PDF (415), whatever their name says', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(3000)]);
    const res = await patchBlob(s.app, agent1, exe);
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'blob.type' });
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    expect((await patchBlob(s.app, agent1, html)).statusCode).toBe(415);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(500)]);
    expect((await patchBlob(s.app, agent1, pdf)).statusCode).toBe(200);
  });

  it('refuses a wrong upload content type (415)', async () => {
    const file = fakeJpeg(100);
    const res = await s.app.inject({
      method: 'PATCH',
      url: `/api/blobs/${sha256(file)}`,
      payload: { data: 'x' },
      headers: { ...bearer(agent1), 'upload-offset': '0', 'upload-length': '100' },
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('blob.content_type');
  });

  it('refuses blobs over 10 MB (413) and chunks over 1 MB (413)', async () => {
    const hash = sha256(Buffer.from('big'));
    const big = await s.app.inject({
      method: 'PATCH',
      url: `/api/blobs/${hash}`,
      payload: fakeJpeg(1000),
      headers: {
        ...bearer(agent1),
        'content-type': BLOB_CONTENT_TYPE,
        'upload-offset': '0',
        'upload-length': String(11 * 1024 * 1024),
      },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('blob.too_large');
    const file = fakeJpeg(1024 * 1024 + 10);
    const chunk = await patchBlob(s.app, agent1, file);
    expect(chunk.statusCode).toBe(413);
    expect(chunk.json().code).toBe('request.too_large');
  });

  it('refuses anything but a lower-case SHA-256 as the id (400), including path traversal', async () => {
    for (const id of [
      '..%2F..%2Fetc%2Fpasswd',
      '..',
      'abc',
      `${'A'.repeat(64)}`,
      `${'a'.repeat(63)}/`,
      `${'a'.repeat(64)}.part`,
    ]) {
      const res = await s.app.inject({ method: 'GET', url: `/api/blobs/${id}`, headers: bearer(agent1) });
      expect([400, 404], id).toContain(res.statusCode);
      if (res.statusCode === 404) expect(res.json().code, id).toBe('route.not_found');
      else expect(res.json().code, id).toBe('request.invalid');
    }
    const traversal = await s.app.inject({
      method: 'PATCH',
      url: '/api/blobs/..%2F..%2Fevil',
      payload: fakeJpeg(100),
      headers: { ...bearer(agent1), 'content-type': BLOB_CONTENT_TYPE, 'upload-offset': '0', 'upload-length': '100' },
    });
    expect(traversal.statusCode).toBe(400);
    expect(traversal.json().code).toBe('request.invalid');
  });

  it('needs a token for every blob route', async () => {
    const hash = sha256(Buffer.from('x'));
    for (const method of ['HEAD', 'GET', 'PATCH'] as const) {
      expect((await s.app.inject({ method, url: `/api/blobs/${hash}` })).statusCode, method).toBe(401);
    }
  });
});

describe('blob read scope', () => {
  it('only the uploader and those who may see a case using it can read a blob', async () => {
    const u1 = await login(s.app, 'agent1');
    const built = buildCase({ agentId: u1.user.id, villageCode: u1.user.villageCode!, now: s.clock.now });
    await uploadAll(s.app, u1.token, built.files);
    const hash = sha256(built.files[0]!);
    const read = async (username: string) =>
      s.app.inject({ url: `/api/blobs/${hash}`, headers: bearer((await login(s.app, username)).token) });

    // Before the case exists: only the uploader.
    expect((await read('agent1')).statusCode).toBe(200);
    for (const other of ['agent2', 'reviewer1', 'admin']) expect((await read(other)).statusCode, other).toBe(404);

    const [result] = (await push(s.app, u1.token, [submitMutation(built.submission, s.clock.now)])).results;
    expect(result?.status).toBe('ok');

    // After submission: the village's township and the county too — never another village or township.
    expect((await read('reviewer1')).statusCode).toBe(200);
    expect((await read('admin')).statusCode).toBe(200);
    for (const other of ['agent2', 'agent4', 'reviewer2']) {
      const res = await read(other);
      expect(res.statusCode, other).toBe(404);
      expect(res.json().code).toBe('blob.not_found');
    }
  });
});
