// The tablet's own sync client (src/sync) against the real server over HTTP: the contract both
// sides were written to — resumable upload in 256 KB chunks, push results, pull pages — holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncClient, type SyncClient } from '../../src/sync/http';
import { uploadBlob } from '../../src/sync/blob-upload';
import { login, startServer, type TestServer } from './harness';
import { buildCase, fakeJpeg, sha256, submitMutation } from './fixtures';

let s: TestServer;
let client: SyncClient;
let agent: Awaited<ReturnType<typeof login>>;

beforeAll(async () => {
  s = await startServer();
  agent = await login(s.app, 'agent1');
  const baseUrl = await s.app.listen({ port: 0, host: '127.0.0.1' });
  client = createSyncClient({ baseUrl, token: () => agent.token });
});
afterAll(() => s.close());

const asBlob = (b: Buffer) => ({
  sha256: sha256(b),
  mime: 'image/jpeg',
  data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer,
});

describe('src/sync client against the server', () => {
  it('uploads in chunks, resumes a half-sent file, and skips a complete one', async () => {
    const file = fakeJpeg(700_000);
    const blob = asBlob(file);
    // Half of it arrived in an earlier drain.
    await client.blobPatch(blob.sha256, {
      offset: 0,
      length: file.length,
      data: new Uint8Array(file.subarray(0, 300_000)),
    });
    const report = await uploadBlob(client, blob);
    expect(report).toMatchObject({ resumedFrom: 300_000, sent: 400_000, alreadyComplete: false });
    expect(await client.blobStatus(blob.sha256)).toEqual({ offset: file.length, complete: true });
    expect((await uploadBlob(client, blob)).alreadyComplete).toBe(true);
  });

  it('recovers from an offset mismatch reported by the server', async () => {
    const file = fakeJpeg(600_000);
    const blob = asBlob(file);
    await client.blobPatch(blob.sha256, {
      offset: 0,
      length: file.length,
      data: new Uint8Array(file.subarray(0, 262_144)),
    });
    const stale = client.blobPatch(blob.sha256, {
      offset: 0,
      length: file.length,
      data: new Uint8Array(file.subarray(0, 1000)),
    });
    await expect(stale).rejects.toMatchObject({ code: 'blob.offset_mismatch', details: { offset: 262_144 } });
    expect((await uploadBlob(client, blob)).resumedFrom).toBe(262_144);
  });

  it('pushes a submission and pulls its status with the shared schemas', async () => {
    const built = buildCase({ agentId: agent.user.id, villageCode: agent.user.villageCode!, now: s.clock.now });
    const m = submitMutation(built.submission, s.clock.now);
    const missing = await client.push('tablet-1', [m]);
    expect(missing.results[0]).toMatchObject({ status: 'retry', code: 'blob.missing' });
    for (const f of built.files) await uploadBlob(client, asBlob(f));
    expect((await client.push('tablet-1', [m])).results).toEqual([{ id: m.id, status: 'ok', version: 1 }]);

    let cursor = 0;
    const statuses = [];
    for (;;) {
      const page = await client.pull(cursor, 10);
      statuses.push(...page.changes.filter((c) => c.type === 'case.status'));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(statuses).toEqual([
      expect.objectContaining({ caseId: built.submission.case.id, status: 'submitted', version: 1 }),
    ]);
  });

  it('maps an invalid token to an auth error', async () => {
    const stranger = createSyncClient({
      baseUrl: `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`,
      token: () => 'A'.repeat(43),
    });
    await expect(stranger.pull(0, 10)).rejects.toMatchObject({ kind: 'auth' });
  });
});
