// What encryption at rest costs on the township server, side by side with the same code storing
// in clear. Two SQLite files on disk (synchronous=FULL), the same seed, the same real push path
// (applyMutation: rules re-run, one transaction per mutation) and the same reads; the only
// difference is the record cipher at the repository boundary (AES-256-GCM with a data key per
// value vs an identity "cipher"). Blob reads: a sealed 300 KB photo streamed and verified
// segment by segment vs the plain file. (tests/bench/sync.bench.ts measures the whole server over
// HTTP, encryption included.)
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOG } from '../../src/catalog';
import { uuidv7, type Mutation } from '../../src/domain';
import { toAuthUser } from '../../src/server/auth/user';
import { openBlobStream, sealFile } from '../../src/server/crypto/blob-cipher';
import type { RecordCipher } from '../../src/server/crypto/envelope';
import type { KeyRing } from '../../src/server/crypto/key-ring';
import { seedCatalog, seedDemo } from '../../src/server/seed/seed';
import { openDatabaseCipher } from '../../src/server/store/at-rest';
import { migrate } from '../../src/server/store/migrations';
import { sqlStore } from '../../src/server/store/sql-store';
import { openSqlite } from '../../src/server/store/sqlite';
import type { Store } from '../../src/server/store';
import { applyMutation } from '../../src/server/sync/apply';
import { AGENT_VILLAGE } from '../unit/sync/real-server';
import { makeJpeg, serverCase } from '../unit/sync/server-fixtures';

interface BenchResult { figure: string; unit: string; value: number; baseline?: { label: string; value: number } }

const PUSHES = 300;
const ROUNDS = 3;
const READS = 60;
const CLEAR = 'same code, stored in clear';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Side {
  store: Store;
  file: string;
  push: (n: number) => Promise<number>;
}

async function side(dir: string, name: string, cipherFor: (db: ReturnType<typeof openSqlite>) => Promise<RecordCipher & { ring: KeyRing }>): Promise<Side> {
  const file = join(dir, `${name}.sqlite`);
  const db = openSqlite(file);
  await migrate(db);
  const store = sqlStore(db, await cipherFor(db));
  const now = Date.now();
  await seedCatalog(store, CATALOG, now);
  await seedDemo(store, 10, now);
  const user = toAuthUser((await store.users.byUsername('agent1'))!);
  // Files every case points at, already complete on the server: push cost only.
  const shared = serverCase('YB-JMCB-DJ', AGENT_VILLAGE, user.id, 1_000).blobs;
  for (const b of shared) {
    await store.blobs.complete(b.sha256, b.data.byteLength, b.mime, now);
    await store.blobs.addOwner(b.sha256, user.id); // a push may reference only its agent's files
  }
  const mutation = (): Mutation => {
    const c = serverCase('YB-JMCB-DJ', AGENT_VILLAGE, user.id, 1_000);
    let k = 0;
    for (const m of c.submission.materials) {
      for (const p of m.pages) p.sha256 = shared[k++ % shared.length]!.sha256;
      if (m.signature) m.signature.sha256 = shared[k++ % shared.length]!.sha256;
    }
    return { id: uuidv7(), deviceId: 'bench', createdAt: Date.now(), kind: 'case.submit', baseVersion: 0, payload: c.submission };
  };
  return {
    store,
    file,
    async push(n) {
      const ms = [...Array(n)].map(mutation);
      const t0 = performance.now();
      for (const m of ms) {
        const r = await applyMutation(m, { store, user, deviceId: 'bench', now: Date.now() });
        if (r.status !== 'ok') throw new Error(`push ${name}: ${JSON.stringify(r)}`);
      }
      return performance.now() - t0;
    },
  };
}

async function timeReads(s: Side, read: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 5; i++) await read(i);
  const times: number[] = [];
  for (let i = 0; i < READS; i++) {
    const t0 = performance.now();
    await read(i);
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function drainStream(stream: NodeJS.ReadableStream): Promise<number> {
  let n = 0;
  for await (const chunk of stream) n += (chunk as Buffer).length;
  return n;
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'daiban-bench-at-rest-'));
  try {
    let ring: KeyRing | undefined;
    const sealed = await side(dir, 'sealed', async (db) => {
      const { cipher } = await openDatabaseCipher(db, { masterKey: null, previousKeys: [], file: join(dir, 'master.key') }, Date.now());
      ring = cipher.ring;
      return cipher;
    });
    const clear = await side(dir, 'clear', async () => ({
      ring: ring!,
      seal: (_label, text) => text,
      open: (_label, stored) => stored,
      openBytes: (_label, stored) => Buffer.from(stored),
      idNumberHash: (id) => id,
    }));

    await sealed.push(30);
    await clear.push(30);
    let sealedMs = 0;
    let clearMs = 0;
    for (let r = 0; r < ROUNDS; r++) {
      sealedMs += await sealed.push(PUSHES / ROUNDS);
      clearMs += await clear.push(PUSHES / ROUNDS);
    }
    const results: BenchResult[] = [
      {
        figure: `at rest: push ${PUSHES} case submissions through applyMutation (one transaction each, synchronous=FULL), encrypted`,
        unit: 'mutations/s',
        value: PUSHES / (sealedMs / 1000),
        baseline: { label: CLEAR, value: PUSHES / (clearMs / 1000) },
      },
    ];

    const village = { villageCode: AGENT_VILLAGE };
    const pullOf = (s: Side) => timeReads(s, async (i) => {
      const page = await s.store.changes.after(i, village, 200);
      if (page.length !== 200) throw new Error('pull page not full');
    });
    results.push({
      figure: `at rest: pull one page of 200 changes (repository), median of ${READS}, encrypted`,
      unit: 'ms',
      value: await pullOf(sealed),
      baseline: { label: CLEAR, value: await pullOf(clear) },
    });

    const detailOf = async (s: Side) => {
      const ids = (await s.store.cases.query({ visibility: village, limit: READS, offset: 0 })).map((c) => c.id);
      return timeReads(s, async (i) => {
        const c = (await s.store.cases.get(ids[i % ids.length]!))!;
        await s.store.persons.get(c.applicantId);
        await s.store.materials.forCase(c.id);
        await s.store.cases.revisions(c.id);
      });
    };
    results.push({
      figure: `at rest: read a case for review (case, applicant, materials, revisions), median of ${READS}, encrypted`,
      unit: 'ms',
      value: await detailOf(sealed),
      baseline: { label: CLEAR, value: await detailOf(clear) },
    });

    const perCase = (s: Side) => statSync(s.file).size / (PUSHES + 30 + 1) / 1024;
    results.push({
      figure: 'at rest: database file size per pushed case, encrypted',
      unit: 'KB',
      value: perCase(sealed),
      baseline: { label: CLEAR, value: perCase(clear) },
    });

    const photo = makeJpeg(300_000);
    const plainPath = join(dir, 'photo.jpg');
    const sealedPath = join(dir, 'photo.sealed');
    writeFileSync(plainPath, Buffer.from(photo.data));
    await sealFile(ring!, photo.sha256, plainPath, sealedPath);
    const readOf = async (open: () => NodeJS.ReadableStream) => {
      const times: number[] = [];
      for (let i = 0; i < READS; i++) {
        const t0 = performance.now();
        if ((await drainStream(open())) !== 300_000) throw new Error('short read');
        times.push(performance.now() - t0);
      }
      return median(times);
    };
    results.push({
      figure: `at rest: stream a 300 KB photo from disk (decrypt and verify 5 segments), median of ${READS}`,
      unit: 'ms',
      value: await readOf(() => openBlobStream(ring!, photo.sha256, sealedPath)),
      baseline: { label: 'the plain file', value: await readOf(() => createReadStream(plainPath)) },
    });
    await sealed.store.close();
    await clear.store.close();
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
