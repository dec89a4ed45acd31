import { describe, expect, it } from 'vitest';
import { uploadBlob } from '../../../src/sync/blob-upload';
import { RequestError } from '../../../src/sync/errors';
import { createSyncClient, type BlobStatus, type SyncClient } from '../../../src/sync/http';
import { BACKENDS, useBackend, type SyncBackend } from './backends';
import { makeBlob } from './fixtures';

const clientFor = (b: SyncBackend) =>
  createSyncClient({ baseUrl: b.baseUrl, token: () => b.token, fetch: b.wire.fetch });

describe.each(BACKENDS)('uploadBlob to the %s server', (name) => {
  const backend = useBackend(name);

  it('sends nothing for a blob the server already holds', async () => {
    const b = backend();
    const blob = b.newBlob(10_000);
    await uploadBlob(clientFor(b), blob);
    const again = await uploadBlob(clientFor(b), blob);
    expect(again).toMatchObject({ alreadyComplete: true, sent: 0 });
    expect(b.wire.log.map((l) => `${l.method} ${l.status}`)).toEqual(['HEAD 404', 'PATCH 200', 'HEAD 200']);
  });

  it("re-reads the offset after a 409 and carries on from the server's position", async () => {
    const b = backend();
    const blob = b.newBlob(300_000);
    const client = clientFor(b);
    // Another uploader (an earlier drain whose answer was lost) already sent the first 100 000 bytes
    // after our HEAD said 0: our first PATCH at offset 0 gets a 409.
    let raced = false;
    const racing: SyncClient = {
      ...client,
      async blobStatus(sha, signal): Promise<BlobStatus> {
        const status = await client.blobStatus(sha, signal);
        if (!raced) {
          raced = true;
          await client.blobPatch(sha, {
            offset: 0,
            length: 300_000,
            data: new Uint8Array(blob.data).subarray(0, 100_000),
          });
        }
        return status;
      },
    };
    const report = await uploadBlob(racing, blob, { chunkSize: 64 * 1024 });
    expect(b.wire.log.filter((l) => l.status === 409)).toHaveLength(1);
    expect(report.sent).toBe(200_000);
    expect((await b.storedBytes(blob.sha256))?.equals(Buffer.from(blob.data))).toBe(true);
  });

  it('reports progress chunk by chunk', async () => {
    const b = backend();
    const seen: number[] = [];
    await uploadBlob(clientFor(b), b.newBlob(600_000), { onProgress: (_sha, offset) => seen.push(offset) });
    expect(seen).toEqual([262_144, 524_288, 600_000]);
  });

  it('on a first attempt starts at 0 without a HEAD, and still follows a 409', async () => {
    const b = backend();
    const blob = b.newBlob(300_000);
    const client = clientFor(b);
    // Part of the file is there already (say another tablet sent the same photo).
    await client.blobPatch(blob.sha256, {
      offset: 0,
      length: 300_000,
      data: new Uint8Array(blob.data).subarray(0, 100_000),
    });
    b.wire.log.length = 0;
    const report = await uploadBlob(client, blob, { firstAttempt: true });
    expect(b.wire.log.map((l) => `${l.method} ${l.status}`)).toEqual(['PATCH 409', 'PATCH 200']);
    expect(report.resumedFrom).toBe(0);
    expect((await b.storedBytes(blob.sha256))?.equals(Buffer.from(blob.data))).toBe(true);
  });
});

describe('uploadBlob with a misbehaving server', () => {
  it('fails with a stable code when the server never moves forward', async () => {
    const stuck: SyncClient = {
      push: () => Promise.reject(new Error('unused')),
      pull: () => Promise.reject(new Error('unused')),
      snapshot: () => Promise.reject(new Error('unused')),
      blob: () => Promise.reject(new Error('unused')),
      blobStatus: async () => ({ offset: 0, complete: false }),
      blobPatch: async () => ({ offset: 0, complete: false }),
    };
    const err = await uploadBlob(stuck, makeBlob(1_000)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestError);
    expect((err as RequestError).code).toBe('blob.stalled');
  });

  it('refuses a server offset beyond the end of the file', async () => {
    const odd: SyncClient = {
      push: () => Promise.reject(new Error('unused')),
      pull: () => Promise.reject(new Error('unused')),
      snapshot: () => Promise.reject(new Error('unused')),
      blob: () => Promise.reject(new Error('unused')),
      blobStatus: async () => ({ offset: 5_000, complete: false }),
      blobPatch: async () => ({ offset: 0, complete: false }),
    };
    await expect(uploadBlob(odd, makeBlob(1_000))).rejects.toMatchObject({ code: 'blob.offset_beyond_end' });
  });
});
