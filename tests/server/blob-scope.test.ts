// Who may learn what about a stored file, tried as an attacker: every blob route (HEAD, GET,
// PATCH) for the uploader, an agent of another village and of another township, the reviewers of
// the own and another township, and the county admin — before and after the case using the file
// is submitted. Outside scope every answer is byte for byte the one for a file that does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { plainSha256 } from '../../src/server/crypto/blob-cipher';
import { bearer, login, patchBlob, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, fakeJpeg, sha256, submitMutation } from './fixtures';

let s: TestServer;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const USERS = ['agent1', 'agent2', 'agent4', 'reviewer1', 'reviewer2', 'admin'] as const;
type User = (typeof USERS)[number];

beforeAll(async () => {
  s = await startServer();
  for (const u of USERS) {
    const session = await login(s.app, u);
    tokens[u] = session.token;
    ids[u] = session.user.id;
  }
});
afterAll(() => s.close());

const request = (user: User, method: 'HEAD' | 'GET', hash: string) =>
  s.app.inject({ method, url: `/api/blobs/${hash}`, headers: bearer(tokens[user]!) });

/** What may differ between two answers regardless of the file: the clock and the rate counter. */
const VOLATILE = new Set(['date', 'x-ratelimit-remaining', 'x-ratelimit-reset']);
function answer(res: LightMyRequestResponse) {
  const headers = Object.fromEntries(Object.entries(res.headers).filter(([k]) => !VOLATILE.has(k)));
  return { status: res.statusCode, headers, body: res.body };
}

/** The answer to `method` for a hash nobody ever uploaded. */
const missingAnswer = async (user: User, method: 'HEAD' | 'GET') =>
  answer(await request(user, method, sha256(randomBytes(32))));

const owners = (hash: string) =>
  s.db.all<{ user_id: string }>(`SELECT user_id FROM blob_owners WHERE sha256 = ? ORDER BY user_id`, [hash]);

async function expectReadable(user: User, file: Buffer) {
  const hash = sha256(file);
  const head = await request(user, 'HEAD', hash);
  expect(head.statusCode, `${user} HEAD`).toBe(200);
  expect(head.headers['upload-complete'], `${user} HEAD`).toBe('1');
  const got = await request(user, 'GET', hash);
  expect(got.statusCode, `${user} GET`).toBe(200);
  expect(got.rawPayload.equals(file), `${user} GET bytes`).toBe(true);
  // A PATCH of the first bytes is a harmless retry: the file is complete.
  const patch = await patchBlob(s.app, tokens[user]!, file, 0, file.subarray(0, 100));
  expect(patch.statusCode, `${user} PATCH`).toBe(200);
  expect(patch.json(), `${user} PATCH`).toEqual({ offset: file.length, length: file.length, complete: true });
}

async function expectInvisible(user: User, file: Buffer) {
  const hash = sha256(file);
  for (const method of ['HEAD', 'GET'] as const)
    expect(answer(await request(user, method, hash)), `${user} ${method}`).toEqual(await missingAnswer(user, method));
  // PATCH of a first chunk: the same answer as for a new file, and nothing more.
  const unknown = fakeJpeg(file.length);
  const asNew = await patchBlob(s.app, tokens[user]!, unknown, 0, unknown.subarray(0, 100));
  const patch = await patchBlob(s.app, tokens[user]!, file, 0, file.subarray(0, 100));
  expect(answer(patch), `${user} PATCH`).toEqual(answer(asNew));
  expect(patch.json()).toEqual({ offset: 100, length: file.length, complete: false });
  expect(await owners(hash), `${user} owns nothing`).not.toContainEqual({ user_id: ids[user] });
  const get = await request(user, 'GET', hash);
  expect(get.statusCode, `${user} GET after PATCH`).toBe(404);
}

describe('blob scope matrix', () => {
  it('before submission only the uploader knows the file', async () => {
    const file = fakeJpeg(3000);
    await uploadAll(s.app, tokens.agent1!, [file]);
    await expectReadable('agent1', file);
    for (const user of ['agent2', 'agent4', 'reviewer1', 'reviewer2', 'admin'] as const)
      await expectInvisible(user, file);
  });

  it('after submission the village, its township and the county see it; other villages and townships do not', async () => {
    const built = buildCase({ agentId: ids.agent1!, villageCode: '341822100201', now: s.clock.now });
    await uploadAll(s.app, tokens.agent1!, built.files);
    const [result] = (await push(s.app, tokens.agent1!, [submitMutation(built.submission, s.clock.now)])).results;
    expect(result?.status).toBe('ok');
    const file = built.files[0]!;
    for (const user of ['agent1', 'reviewer1', 'admin'] as const) await expectReadable(user, file);
    for (const user of ['agent2', 'agent4', 'reviewer2'] as const) await expectInvisible(user, file);
  });
});

describe('blob attacks', () => {
  it('a PATCH at offset 0 on a stored file grants nothing; sending wrong bytes grants nothing; all the bytes make an owner', async () => {
    const file = fakeJpeg(5000);
    const hash = sha256(file);
    await uploadAll(s.app, tokens.agent1!, [file]);

    const probe = await patchBlob(s.app, tokens.agent4!, file, 0, file.subarray(0, 10));
    expect(probe.json()).toEqual({ offset: 10, length: file.length, complete: false });
    expect((await request('agent4', 'GET', hash)).statusCode).toBe(404);

    // The rest of the bytes, but wrong ones: refused, the copy is forgotten, still no access.
    const forged = Buffer.concat([file.subarray(0, 10), randomBytes(file.length - 10)]);
    const wrong = await patchBlob(s.app, tokens.agent4!, forged, 10, forged.subarray(10), hash);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('blob.hash_mismatch');
    expect(await owners(hash)).toEqual([{ user_id: ids.agent1 }]);
    expect((await request('agent4', 'GET', hash)).statusCode).toBe(404);
    expect((await request('agent4', 'HEAD', hash)).headers['upload-offset']).toBe('0');

    // Proof of possession: every byte, hashed and compared; the stored file is kept once.
    const proved = await patchBlob(s.app, tokens.agent4!, file);
    expect(proved.json()).toEqual({ offset: file.length, length: file.length, complete: true });
    expect((await owners(hash)).map((o) => o.user_id).sort()).toEqual([ids.agent1, ids.agent4].sort());
    expect((await request('agent4', 'GET', hash)).rawPayload.equals(file)).toBe(true);
    // One file on disk (sealed at rest), holding these bytes.
    const onDisk = join(s.config.blobDir, hash.slice(0, 2), hash.slice(2, 4), hash);
    expect(await plainSha256(s.app.store.crypto.ring, hash, onDisk)).toBe(hash);
    expect(readdirSync(join(s.config.blobDir, '.incoming')).filter((f) => f.startsWith(hash))).toEqual([]);
  });

  it('a submission referencing another village’s file is told to upload it, and reading it stays refused', async () => {
    const victim = buildCase({ agentId: ids.agent1!, villageCode: '341822100201', now: s.clock.now });
    await uploadAll(s.app, tokens.agent1!, victim.files);
    const stolen = sha256(victim.files[0]!);

    const attacker = buildCase({ agentId: ids.agent4!, villageCode: '341822200201', now: s.clock.now });
    await uploadAll(s.app, tokens.agent4!, attacker.files);
    const page = attacker.submission.materials.find((m) => m.pages.length > 0)!.pages[0]!;
    page.sha256 = stolen;
    const [result] = (await push(s.app, tokens.agent4!, [submitMutation(attacker.submission, s.clock.now)])).results;
    // The same answer as for a file never uploaded: no existence oracle, and an honest device
    // whose file the server lacks sends it (proving possession) and pushes again.
    expect(result).toMatchObject({ status: 'retry', code: 'blob.missing', missingBlobs: [stolen] });
    expect(result?.message).toMatch(/没有上传完成/);
    expect(await s.db.get(`SELECT 1 AS one FROM cases WHERE id = ?`, [attacker.submission.case.id])).toBeUndefined();
    expect((await request('agent4', 'GET', stolen)).statusCode).toBe(404);
  });

  it('nobody can reset or poison another user’s unfinished upload', async () => {
    const file = fakeJpeg(300_000);
    const hash = sha256(file);
    expect((await patchBlob(s.app, tokens.agent1!, file, 0, file.subarray(0, 100_000))).statusCode).toBe(200);

    // Reset attempt: a restart from 0 with another length only starts the attacker's own upload.
    const reset = await s.app.inject({
      method: 'PATCH',
      url: `/api/blobs/${hash}`,
      headers: {
        ...bearer(tokens.agent2!),
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
        'upload-length': '999',
      },
      payload: file.subarray(0, 100),
    });
    expect(reset.json()).toEqual({ offset: 100, length: 999, complete: false });
    // Poisoning attempt: garbage at the victim's offset lands nowhere near the victim's copy.
    const poison = await patchBlob(s.app, tokens.agent4!, file, 100_000, randomBytes(200_000), hash);
    expect(poison.statusCode).toBe(409);
    expect(poison.json()).toMatchObject({ code: 'blob.offset_mismatch', details: { offset: 0 } });
    expect(await s.db.all(`SELECT 1 FROM blob_uploads WHERE sha256 = ? AND user_id = ?`, [hash, ids.agent4!])).toEqual(
      [],
    );

    const victimHead = await request('agent1', 'HEAD', hash);
    expect(victimHead.headers['upload-offset']).toBe('100000');
    const rest = await patchBlob(s.app, tokens.agent1!, file, 100_000, file.subarray(100_000));
    expect(rest.json()).toEqual({ offset: file.length, length: file.length, complete: true });
    expect((await request('agent1', 'GET', hash)).rawPayload.equals(file)).toBe(true);
  });

  it('two users uploading the same file at once both finish, and one file is stored', async () => {
    const file = fakeJpeg(900_000);
    const hash = sha256(file);
    const chunks = [0, 300_000, 600_000];
    for (const at of chunks) {
      const [a, b] = await Promise.all(
        (['agent1', 'agent2'] as const).map((u) =>
          patchBlob(s.app, tokens[u]!, file, at, file.subarray(at, at + 300_000)),
        ),
      );
      expect(a!.statusCode).toBe(200);
      expect(b!.statusCode).toBe(200);
    }
    for (const u of ['agent1', 'agent2'] as const) await expectReadable(u, file);
    expect((await owners(hash)).map((o) => o.user_id).sort()).toEqual([ids.agent1, ids.agent2].sort());
    expect(await s.db.all(`SELECT * FROM blob_uploads WHERE sha256 = ?`, [hash])).toEqual([]);
    expect(readdirSync(join(s.config.blobDir, '.incoming')).filter((f) => f.startsWith(hash))).toEqual([]);
  });
});
