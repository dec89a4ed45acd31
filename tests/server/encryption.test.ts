// Encryption at rest on the township server, checked from the outside: a case with a person and
// photos goes in through the API, then the SQLite file and the blob folder are read directly and
// searched for the villager's ID number, phone, address, bank card and the photo bytes. Then:
// everything reads back exactly through the API, a key rotation (admin CLI) re-wraps and still
// reads, a missing or wrong key stops the start, tampered ciphertext is an error and never wrong
// data, ID numbers are found through the keyed hash, and data from before is sealed.
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { uuidv7, type Person } from '../../src/domain';
import { buildApp } from '../../src/server/app';
import { loadConfig, type ServerConfig } from '../../src/server/config';
import { openText } from '../../src/server/crypto/envelope';
import { KeyError, loadKeyRing, newKey as newMasterKey, writeKeyFile } from '../../src/server/crypto/key-ring';
import { plainSha256 } from '../../src/server/crypto/blob-cipher';
import { bearer, login, MONDAY, patchBlob, push, uploadAll } from './harness';
import { buildCase, fakeJpeg, idNumber, makePerson, sha256, submitMutation } from './fixtures';
import { onPostgres } from './test-database';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const newDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'daiban-crypt-'));
  dirs.push(dir);
  return dir;
};

const configFor = (dir: string, env: Record<string, string> = {}): ServerConfig => ({
  ...loadConfig({ DAIBAN_DATA_DIR: dir, DAIBAN_STATIC_DIR: join(dir, 'no-static'), ...env }),
  passwordCost: 10,
  logLevel: 'silent',
  checkResponses: true,
  rateLimits: { loginPerMinute: 1000, apiPerMinute: 100_000 },
  now: () => MONDAY,
});

/** The columns the test expects to be sealed: written here, not taken from the code under test. */
const SEALED_COLUMNS = [
  ['persons', 'id', 'data'],
  ['cases', 'id', 'data'],
  ['case_revisions', 'case_id', 'submission'],
  ['materials', 'id', 'data'],
  ['decisions', 'id', 'data'],
  ['applied_mutations', 'mutation_id', 'result'],
  ['changes', 'seq', 'payload'],
] as const;

const MARKER_NOTE = '请与申请人电话 13900001111 核实住址';

interface Seeded {
  dir: string;
  config: ServerConfig;
  person: Person;
  caseId: string;
  files: Buffer[];
  /** A 300 KB photo: several encrypted segments. */
  big: Buffer;
}

/** A server on a fresh data folder, a case (person + photos) pushed and returned with a note, stopped. */
async function seed(): Promise<Seeded> {
  const dir = newDataDir();
  const config = configFor(dir);
  const app = await buildApp(config);
  try {
    const agent = await login(app, 'agent1');
    const person = makePerson(agent.user.villageCode!, { phone: '13712345678' }, MONDAY);
    const built = buildCase({
      agentId: agent.user.id,
      villageCode: agent.user.villageCode!,
      now: MONDAY,
      applicant: person,
    });
    await uploadAll(app, agent.token, built.files);
    const big = fakeJpeg(300_000);
    expect((await patchBlob(app, agent.token, big)).statusCode).toBe(200);
    const pushed = await push(app, agent.token, [submitMutation(built.submission, MONDAY)]);
    expect(pushed.results[0]?.status).toBe('ok');
    const reviewer = await login(app, 'reviewer1');
    const decided = await app.inject({
      method: 'POST',
      url: `/api/review/cases/${built.submission.case.id}/decisions`,
      headers: bearer(reviewer.token),
      payload: {
        id: uuidv7(MONDAY),
        caseId: built.submission.case.id,
        kind: 'return',
        reasons: [{ target: 'field:phone', code: 'other', text: MARKER_NOTE }],
        toleranceDue: [],
        reviewerId: reviewer.user.id,
        decidedAt: MONDAY,
        revision: 1,
      },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    return { dir, config, person, caseId: built.submission.case.id, files: built.files, big };
  } finally {
    await app.close();
  }
}

/** Every value of every table except `audit` (hash-chained elsewhere; see the README), as text. */
function everyValue(dbFile: string): { where: string; text: string }[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
    return tables
      .filter((t) => t.name !== 'audit')
      .flatMap((t) =>
        (db.prepare(`SELECT * FROM "${t.name}"`).all() as Record<string, unknown>[]).flatMap((row) =>
          Object.entries(row).map(([column, v]) => ({
            where: `${t.name}.${column}`,
            text: Buffer.isBuffer(v) ? v.toString('latin1') : String(v),
          })),
        ),
      );
  } finally {
    db.close();
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function secretsOf(s: Seeded): string[] {
  return [s.person.idNumber, s.person.phone!, s.person.address, s.person.bankCard!, MARKER_NOTE];
}

/** No secret in any column, nor anywhere in the database file's bytes, nor any photo in the blob folder. */
function expectNothingInClear(s: Seeded) {
  for (const { where, text } of everyValue(s.config.dbFile))
    for (const secret of secretsOf(s)) expect(text.includes(secret), `${where} holds ${secret}`).toBe(false);
  const rawDb = readFileSync(s.config.dbFile);
  for (const secret of secretsOf(s).slice(0, 4)) expect(rawDb.includes(Buffer.from(secret)), secret).toBe(false);
  const blobFiles = filesUnder(s.config.blobDir);
  expect(blobFiles.length).toBe(s.files.length + 1);
  for (const path of blobFiles) {
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 2).equals(Buffer.from([0xff, 0xd8])), `${path} starts like a JPEG`).toBe(false);
    for (const photo of [...s.files, s.big])
      expect(bytes.includes(photo.subarray(photo.length - 48)), `${path} holds photo bytes`).toBe(false);
  }
}

/** Reads the case and every photo back through the API and compares them with what was pushed. */
async function expectReadsBack(app: FastifyInstance, s: Seeded) {
  const reviewer = await login(app, 'reviewer1');
  const detail = await app.inject({ url: `/api/review/cases/${s.caseId}`, headers: bearer(reviewer.token) });
  expect(detail.statusCode, detail.body).toBe(200);
  const body = detail.json() as {
    applicant: Person;
    decisions: { reasons: { text: string }[] }[];
    materials: { data: Record<string, string> }[];
  };
  expect(body.applicant).toEqual(s.person);
  expect(body.decisions[0]?.reasons[0]?.text).toBe(MARKER_NOTE);
  expect(body.materials.some((m) => Object.values(m.data).includes(s.person.idNumber))).toBe(true);
  const agent = await login(app, 'agent1');
  for (const file of [...s.files, s.big]) {
    const got = await app.inject({ url: `/api/blobs/${sha256(file)}`, headers: bearer(agent.token) });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-length']).toBe(String(file.length));
    expect(got.rawPayload.equals(file)).toBe(true);
  }
  // The agent's pull feed: the return decision with its note, decrypted.
  const pull = await app.inject({ url: `/api/sync/pull?cursor=0&limit=200`, headers: bearer(agent.token) });
  expect(pull.body).toContain(MARKER_NOTE);
}

function runAdmin(dir: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
      env: { ...process.env, DAIBAN_DATA_DIR: dir, ...env },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const keyIdsIn = (dbFile: string): Set<string> => {
  const ids = new Set<string>();
  for (const { text } of everyValue(dbFile)) {
    const m = /^enc1:([0-9a-f]{12}):/.exec(text);
    if (m) ids.add(m[1]!);
  }
  return ids;
};
const blobKeyIds = (s: Seeded) =>
  new Set(filesUnder(s.config.blobDir).map((p) => readFileSync(p).subarray(8, 20).toString('latin1')));
const keyFile = (s: Seeded) =>
  JSON.parse(readFileSync(s.config.keys.file, 'utf8')) as { current: string; keys: unknown[] };

// Reads the SQLite file's bytes and runs its own servers on SQLite folders; on PostgreSQL,
// postgres.test.ts checks that personal columns are sealed.
describe.skipIf(onPostgres)('encryption at rest', () => {
  it(
    'keeps ID numbers, phones, addresses, notes and photos out of the database and blob files, and reads them back exactly',
    { timeout: 60_000 },
    async () => {
      const s = await seed();
      // The key file was made on the first start, readable by its owner only.
      expect(statSync(s.config.keys.file).mode & 0o777).toBe(0o600);
      expectNothingInClear(s);
      // Every sealed column really holds envelopes (not, say, empty strings).
      const db = new Database(s.config.dbFile, { readonly: true });
      for (const [table, , column] of SEALED_COLUMNS) {
        const rows = db
          .prepare(`SELECT ${column} AS v FROM ${table}${table === 'changes' ? ` WHERE type <> 'catalog.item'` : ''}`)
          .all() as { v: string }[];
        expect(rows.length, table).toBeGreaterThan(0);
        for (const r of rows) expect(r.v, table).toMatch(/^enc1:[0-9a-f]{12}:/);
      }
      db.close();
      const app = await buildApp(s.config);
      try {
        await expectReadsBack(app, s);
      } finally {
        await app.close();
      }
    },
  );

  it(
    'keeps a half-uploaded photo encrypted in .incoming; the upload finishes after a restart',
    { timeout: 60_000 },
    async () => {
      const dir = newDataDir();
      const config = configFor(dir);
      const photo = fakeJpeg(200_000);
      const half = 70_001; // not on a 16-byte block: the second chunk continues mid-block
      let app = await buildApp(config);
      const agent = await login(app, 'agent1');
      expect((await patchBlob(app, agent.token, photo, 0, photo.subarray(0, half))).statusCode).toBe(200);
      await app.close();
      const parts = readdirSync(join(config.blobDir, '.incoming'));
      expect(parts).toHaveLength(1);
      const onDisk = readFileSync(join(config.blobDir, '.incoming', parts[0]!));
      for (let at = 0; at + 64 <= half; at += 4096)
        expect(onDisk.includes(photo.subarray(at, at + 64)), `photo bytes at ${at} in clear`).toBe(false);
      app = await buildApp(config);
      try {
        const token = (await login(app, 'agent1')).token;
        const head = await app.inject({ method: 'HEAD', url: `/api/blobs/${sha256(photo)}`, headers: bearer(token) });
        expect(head.headers['upload-offset']).toBe(String(half));
        const rest = await patchBlob(app, token, photo, half);
        expect(rest.statusCode, rest.body).toBe(200);
        expect(rest.headers['upload-complete']).toBe('1');
        const got = await app.inject({ url: `/api/blobs/${sha256(photo)}`, headers: bearer(token) });
        expect(got.rawPayload.equals(photo)).toBe(true);
      } finally {
        await app.close();
      }
    },
  );

  it('finds persons by ID number through the keyed hash', { timeout: 30_000 }, async () => {
    const s = await seed();
    const app = await buildApp(s.config);
    try {
      const store = app.store;
      const found = await store.persons.withIdNumber(s.person.idNumber);
      expect(found.map((f) => f.person.id)).toEqual([s.person.id]);
      expect(await store.persons.withIdNumber(s.person.idNumber.toLowerCase())).toHaveLength(1);
      expect(await store.persons.withIdNumber(s.person.idNumber, '341822100202')).toEqual([]);
      expect(await store.persons.withIdNumber(idNumber('341822', '1950-01-01', 17))).toEqual([]);
      // A second profile of the same villager (another tablet): both found, for duplicate detection.
      const twin = makePerson(s.person.villageCode, { idNumber: s.person.idNumber }, MONDAY + 1);
      await store.persons.upsert(twin, twin.villageCode, MONDAY + 1);
      expect((await store.persons.withIdNumber(s.person.idNumber)).map((f) => f.person.id).sort()).toEqual(
        [s.person.id, twin.id].sort(),
      );
    } finally {
      await app.close();
    }
    // The column is a keyed hash: not the bare SHA-256 of the number, nor an HMAC under any other key.
    const db = new Database(s.config.dbFile, { readonly: true });
    const { id_number_hash: stored } = db
      .prepare(`SELECT id_number_hash FROM persons WHERE id = ?`)
      .get(s.person.id) as { id_number_hash: string };
    db.close();
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toBe(sha256(Buffer.from(s.person.idNumber)));
    expect(stored).not.toBe(createHmac('sha256', randomBytes(32)).update(s.person.idNumber).digest('hex'));
  });

  it(
    'rotates the master key with the admin CLI: every data key re-wrapped, the old key retired, everything still reads',
    { timeout: 90_000 },
    async () => {
      const s = await seed();
      const before = keyFile(s).current;
      expect(keyIdsIn(s.config.dbFile)).toEqual(new Set([before]));
      expect(blobKeyIds(s)).toEqual(new Set([before]));
      const snapshot = everyValue(s.config.dbFile).find((v) => v.where === 'persons.data')!.text;

      // Refused while a server runs on the folder: it would go on using the old key.
      const live = await buildApp(s.config);
      const refused = await runAdmin(s.dir, ['keys:rotate']);
      await live.close();
      expect(refused.code, refused.output).toBe(1);
      expect(refused.output).toMatch(/running/);
      expect(keyFile(s).current).toBe(before);

      const run = await runAdmin(s.dir, ['keys:rotate']);
      expect(run.code, run.output).toBe(0);
      const after = keyFile(s);
      expect(after.current).not.toBe(before);
      expect(after.keys).toHaveLength(1);
      expect(run.output).toContain(`retired ${before}`);
      expect(keyIdsIn(s.config.dbFile)).toEqual(new Set([after.current]));
      expect(blobKeyIds(s)).toEqual(new Set([after.current]));
      // Re-wrapped, not re-encrypted: the data's iv, ciphertext and tag are the same bytes.
      const rewrapped = everyValue(s.config.dbFile).find((v) => v.where === 'persons.data')!.text;
      expect(rewrapped.split(':').slice(3)).toEqual(snapshot.split(':').slice(3));
      expect(rewrapped.split(':')[2]).not.toBe(snapshot.split(':')[2]);

      expectNothingInClear(s);
      const app = await buildApp(s.config);
      try {
        await expectReadsBack(app, s);
      } finally {
        await app.close();
      }
      const status = await runAdmin(s.dir, ['keys:status']);
      expect(status.output).toContain(`master key ${after.current}`);
      expect(status.output).toMatch(/under an older key: 0 rows, 0 blob files/);

      // A rotation that stopped after writing the new key (the file holds two): run again, it finishes.
      const third = newMasterKey();
      const second = Buffer.from((keyFile(s).keys[0] as { key: string }).key, 'base64');
      writeKeyFile(s.config.keys.file, third, [second]);
      const resumed = await runAdmin(s.dir, ['keys:rotate']);
      expect(resumed.code, resumed.output).toBe(0);
      expect(resumed.output).toMatch(/stopped half-way/);
      expect(keyFile(s).keys).toHaveLength(1);
      expect(keyIdsIn(s.config.dbFile)).toEqual(new Set([keyFile(s).current]));
      expect(blobKeyIds(s)).toEqual(new Set([keyFile(s).current]));
    },
  );

  it(
    'rotates a key given in the environment: new key in DAIBAN_MASTER_KEY, old one in DAIBAN_MASTER_KEY_PREVIOUS',
    { timeout: 90_000 },
    async () => {
      const s = await seed();
      const oldKey = (JSON.parse(readFileSync(s.config.keys.file, 'utf8')) as { keys: { key: string }[] }).keys[0]!.key;
      rmSync(s.config.keys.file);
      const newKey = randomBytes(32).toString('base64');
      // Without the old key the new one cannot start: the data is under the old one.
      await expect(buildApp(configFor(s.dir, { DAIBAN_MASTER_KEY: newKey }))).rejects.toThrow(/not in the key ring/);
      const env = { DAIBAN_MASTER_KEY: newKey, DAIBAN_MASTER_KEY_PREVIOUS: oldKey };
      const run = await runAdmin(s.dir, ['keys:rotate'], env);
      expect(run.code, run.output).toBe(0);
      expect(run.output).toMatch(/remove DAIBAN_MASTER_KEY_PREVIOUS/);
      const current = loadKeyRing(configFor(s.dir, env).keys, false).ring.currentId;
      expect(keyIdsIn(s.config.dbFile)).toEqual(new Set([current]));
      expect(blobKeyIds(s)).toEqual(new Set([current]));
      // The key file was not made nor read: the environment holds the keys.
      expect(() => statSync(s.config.keys.file)).toThrow();
      const app = await buildApp(configFor(s.dir, { DAIBAN_MASTER_KEY: newKey }));
      try {
        await expectReadsBack(app, s);
      } finally {
        await app.close();
      }
    },
  );

  it('warns at start about a key file others may read', async () => {
    const dir = newDataDir();
    const file = join(dir, 'master.key');
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o644 });
    const settings = { masterKey: null, previousKeys: [], file };
    expect(loadKeyRing(settings, false).ring.warnings).toEqual([expect.stringContaining('chmod 600')]);
    chmodSync(file, 0o600);
    expect(loadKeyRing(settings, false).ring.warnings).toEqual([]);
    writeFileSync(file, 'not a key\n');
    expect(() => loadKeyRing(settings, false)).toThrow(/not 32 bytes in base64/);
  });

  it('stops the start with a clear error when the master key is missing or wrong', { timeout: 60_000 }, async () => {
    const s = await seed();
    const original = readFileSync(s.config.keys.file);
    rmSync(s.config.keys.file);
    await expect(buildApp(s.config)).rejects.toThrow(KeyError);
    await expect(buildApp(s.config)).rejects.toThrow(/no master key.*holds encrypted data/);
    // No new key was made to write new data under.
    expect(() => statSync(s.config.keys.file)).toThrow();

    writeFileSync(s.config.keys.file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    await expect(buildApp(s.config)).rejects.toThrow(/not in the key ring/);
    await expect(buildApp(configFor(s.dir, { DAIBAN_MASTER_KEY: randomBytes(32).toString('base64') }))).rejects.toThrow(
      /not in the key ring \(DAIBAN_MASTER_KEY/,
    );

    // The real program: exit 78 (configuration) with the reason, no stack trace.
    const main = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        env: { ...process.env, DAIBAN_DATA_DIR: s.dir, DAIBAN_HTTPS: '0', PORT: '0', DAIBAN_LOG_LEVEL: 'silent' },
      });
      let output = '';
      child.stderr.on('data', (d) => (output += d));
      child.on('exit', (code) => resolve({ code, output }));
    });
    expect(main.code, main.output).toBe(78);
    expect(main.output).toMatch(/^Encryption at rest: .*not in the key ring/);

    // A bad DAIBAN_MASTER_KEY value is a bad setting, named.
    expect(() => loadConfig({ DAIBAN_MASTER_KEY: 'c2hvcnQ=' })).toThrow(/DAIBAN_MASTER_KEY=.*32 random bytes/);

    // The key given in the environment instead of the file works.
    writeFileSync(s.config.keys.file, original);
    const fromFile = JSON.parse(original.toString('utf8')) as { keys: { key: string }[] };
    rmSync(s.config.keys.file);
    const app = await buildApp(configFor(s.dir, { DAIBAN_MASTER_KEY: fromFile.keys[0]!.key }));
    try {
      await expectReadsBack(app, s);
    } finally {
      await app.close();
    }
  });

  it('answers tampered ciphertext with an error, never with wrong data', { timeout: 60_000 }, async () => {
    const s = await seed();
    const db = new Database(s.config.dbFile);
    const row = db.prepare(`SELECT data FROM persons WHERE id = ?`).get(s.person.id) as { data: string };
    const parts = row.data.split(':');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[4] = body.toString('base64url');
    db.prepare(`UPDATE persons SET data = ? WHERE id = ?`).run(parts.join(':'), s.person.id);
    // A sealed value moved to another row's column fails too (the column is bound as AAD).
    const material = db.prepare(`SELECT id, data FROM materials LIMIT 1`).get() as { id: string; data: string };
    const caseRow = db.prepare(`SELECT data FROM cases WHERE id = ?`).get(s.caseId) as { data: string };
    db.prepare(`UPDATE materials SET data = ? WHERE id = ?`).run(caseRow.data, material.id);
    db.close();
    const photo = s.files[0]!;
    const path = join(s.config.blobDir, sha256(photo).slice(0, 2), sha256(photo).slice(2, 4), sha256(photo));
    const sealed = readFileSync(path);
    sealed[sealed.length - 40] = sealed[sealed.length - 40]! ^ 1;
    writeFileSync(path, sealed);

    const app = await buildApp(s.config);
    try {
      const reviewer = await login(app, 'reviewer1');
      const detail = await app.inject({ url: `/api/review/cases/${s.caseId}`, headers: bearer(reviewer.token) });
      expect(detail.statusCode).toBe(500);
      expect(detail.json()).toEqual({ code: 'storage.unreadable', message: expect.stringMatching(/无法解密/) });
      expect(detail.body).not.toContain(s.person.name);

      await expect(plainSha256(app.store.crypto.ring, sha256(photo), path)).rejects.toThrow(/fails authentication/);
      const agent = await login(app, 'agent1');
      const got = await app.inject({ url: `/api/blobs/${sha256(photo)}`, headers: bearer(agent.token) });
      // Its one segment fails before a byte is released: an error answer, not the photo.
      expect(got.statusCode).toBe(500);
      expect(got.json()).toMatchObject({ code: 'storage.unreadable' });

      // A later segment of a large photo: what was sent before it is verified bytes only, and the
      // answer ends short of its Content-Length (the client sees a broken download, not a photo).
      const bigPath = join(s.config.blobDir, sha256(s.big).slice(0, 2), sha256(s.big).slice(2, 4), sha256(s.big));
      const bigSealed = readFileSync(bigPath);
      bigSealed[bigSealed.length - 100] = bigSealed[bigSealed.length - 100]! ^ 1;
      writeFileSync(bigPath, bigSealed);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as { port: number };
      const cut = await new Promise<{ length: string | undefined; bytes: Buffer }>((resolve) => {
        get({ port, path: `/api/blobs/${sha256(s.big)}`, headers: bearer(agent.token) }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('close', () => resolve({ length: res.headers['content-length'], bytes: Buffer.concat(chunks) }));
        });
      });
      expect(cut.length).toBe(String(s.big.length));
      expect(cut.bytes.length).toBeLessThan(s.big.length);
      expect(cut.bytes.equals(s.big.subarray(0, cut.bytes.length))).toBe(true);
    } finally {
      await app.close();
    }
  });

  it(
    'encrypts data from before encryption at rest: with keys:encrypt-existing beside a running server (idempotent), and at start',
    { timeout: 90_000 },
    async () => {
      const s = await seed();
      const ring = loadKeyRing(s.config.keys, false).ring;
      /** Turns the folder back into what a server before encryption at rest left: JSON and photos in clear. */
      const declassify = () => {
        const db = new Database(s.config.dbFile);
        for (const [table, key, column] of SEALED_COLUMNS)
          for (const r of db.prepare(`SELECT ${key} AS k, ${column} AS v FROM ${table}`).all() as {
            k: string;
            v: string;
          }[])
            db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${key} = ?`).run(
              openText(ring, `${table}.${column}`, r.v),
              r.k,
            );
        db.prepare(`UPDATE persons SET id_number_hash = NULL`).run();
        db.close();
        for (const file of [...s.files, s.big]) {
          const h = sha256(file);
          writeFileSync(join(s.config.blobDir, h.slice(0, 2), h.slice(2, 4), h), file);
        }
        expect(everyValue(s.config.dbFile).some((v) => v.text.includes(s.person.idNumber))).toBe(true);
      };

      // Beside a running server: it reads both forms meanwhile, and after.
      const live = await buildApp(s.config);
      try {
        declassify();
        await expectReadsBack(live, s);
        const status = await runAdmin(s.dir, ['keys:status']);
        const blobs = s.files.length + 1;
        expect(status.output).toMatch(new RegExp(`in clear: [1-9]\\d* rows, ${blobs} blob files`));
        const first = await runAdmin(s.dir, ['keys:encrypt-existing']);
        expect(first.code, first.output).toBe(0);
        expect(first.output).toMatch(new RegExp(`encrypted: [1-9]\\d* rows, ${blobs} blob files`));
        const again = await runAdmin(s.dir, ['keys:encrypt-existing']);
        expect(again.output).toContain('encrypted: 0 rows, 0 blob files');
        await expectReadsBack(live, s);
      } finally {
        await live.close();
      }
      expectNothingInClear(s);

      // The same at start, without the CLI, from what an older version left: no keys at all.
      declassify();
      const db = new Database(s.config.dbFile);
      db.prepare(`DELETE FROM crypto_keys`).run();
      db.close();
      rmSync(s.config.keys.file);
      const app = await buildApp(s.config);
      try {
        expect(app.store.crypto.createdKeyFile).toBe(true);
        expect(app.store.crypto.ring.currentId).not.toBe(ring.currentId);
        expect(keyIdsIn(s.config.dbFile)).toEqual(new Set([app.store.crypto.ring.currentId]));
        expectNothingInClear(s);
        await expectReadsBack(app, s);
        expect((await app.store.persons.withIdNumber(s.person.idNumber)).map((f) => f.person.id)).toEqual([
          s.person.id,
        ]);
      } finally {
        await app.close();
      }
    },
  );
});
