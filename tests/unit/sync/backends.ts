// The sync scenarios run against two township servers: the in-process FakeServer and the real
// Fastify + SQLite server over HTTP (so the fake cannot drift from what the real one answers).
// Both sit behind a Wire: the fetch the device uses, which logs every request and can break the
// network or answer in the server's place at chosen moments, the same way for both.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { uuidv7, type CaseSubmission, type Mutation } from '../../../src/domain';
import type { SyncIssue } from '../../../src/sync/errors';
import type { FetchLike } from '../../../src/sync/http';
import { FakeServer } from './fake-server';
import { makeBlob, makeSubmission, type TestBlob } from './fixtures';
import { AGENT_VILLAGE, startRealServer, type RunningServer } from './real-server';
import { makeJpeg, serverCase } from './server-fixtures';

export interface RequestLog {
  method: string;
  path: string;
  status: number | 'network';
}

type Fault = { status: number; body?: unknown; headers?: Record<string, string> } | 'network';

export class Wire {
  readonly log: RequestLog[] = [];
  /** Every PATCH as sent: which blob, from which offset, how many bytes. */
  readonly patchOffsets: Array<{ sha: string; offset: number; bytes: number }> = [];
  /** Push request bodies as sent. */
  readonly pushes: Mutation[][] = [];
  /** The `limit` of every pull request as sent. */
  readonly pullLimits: number[] = [];
  /** While true, every request fails as if the tablet had no network. */
  offline = false;
  /** Hook run before each request goes out (e.g. to start a racing drain). */
  onRequest: ((method: string, path: string) => Promise<void> | void) | undefined;
  /** Faults served, in order, to the next requests whose "METHOD /path" starts with `match`. */
  private readonly faults: Array<{ match: string; fault: Fault }> = [];

  constructor(private readonly upstream: FetchLike) {}

  failNext(match: string, fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push({ match, fault });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  readonly fetch: FetchLike = async (input, init = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const path = new URL(input).pathname;
    if (method === 'GET' && path === '/api/sync/pull')
      this.pullLimits.push(Number(new URL(input).searchParams.get('limit')));
    await this.onRequest?.(method, path);
    if (this.offline) {
      this.log.push({ method, path, status: 'network' });
      throw new TypeError('fetch failed');
    }
    const faultAt = this.faults.findIndex((f) => `${method} ${path}`.startsWith(f.match));
    if (faultAt >= 0) {
      const fault = this.faults.splice(faultAt, 1)[0]!.fault;
      this.log.push({ method, path, status: fault === 'network' ? 'network' : fault.status });
      if (fault === 'network') throw new TypeError('fetch failed');
      const body = JSON.stringify(fault.body ?? { code: `http.${fault.status}`, message: '故障' });
      return new Response(body, {
        status: fault.status,
        headers: { 'Content-Type': 'application/json', ...fault.headers },
      });
    }
    if (method === 'PATCH') {
      const sha = path.split('/').at(-1)!;
      const offset = Number(new Headers(init.headers).get('Upload-Offset'));
      this.patchOffsets.push({ sha, offset, bytes: (init.body as Uint8Array).byteLength });
    }
    if (method === 'POST' && path === '/api/sync/push')
      this.pushes.push((JSON.parse(String(init.body)) as { mutations: Mutation[] }).mutations);
    try {
      const res = await this.upstream(input, init);
      this.log.push({ method, path, status: res.status });
      return res;
    } catch (e) {
      this.log.push({ method, path, status: 'network' });
      throw e;
    }
  };
}

export interface SyncBackend {
  readonly name: 'fake' | 'real';
  readonly baseUrl: string;
  readonly wire: Wire;
  /** A valid agent session on this server. */
  readonly token: string;
  /** A fresh file of a type this server takes (the real one sniffs JPEG, PNG…). */
  newBlob(bytes: number): TestBlob;
  /** A fresh submission this server accepts: photos of `photoBytes` each, and signatures. */
  newCase(photoBytes?: number): { submission: CaseSubmission; blobs: TestBlob[] };
  /** Turns a submission into one the server refuses for good, and says with which reason. */
  spoil(submission: CaseSubmission): SyncIssue;
  /** The bytes of a complete upload, undefined while incomplete or absent. */
  storedBytes(sha256: string): Promise<Buffer | undefined>;
  /** The server's version of a case, undefined when it never applied one. */
  caseVersion(caseId: string): Promise<number | undefined>;
  /** The seqs of every change the agent may pull, in order, read from the server's own records. */
  changeSeqs(): Promise<number[]>;
  /** The township accepts a submitted case; resolves to the version and date the server recorded. */
  accept(caseId: string): Promise<{ version: number; acceptedOn: string }>;
  /** Makes sure there is something to pull: at least a few pages' worth of changes. */
  ensureChanges(): Promise<void>;
}

/** The same files under a new case id: a second case for the same villager and photos. */
export function sameFilesNewCase(s: CaseSubmission): CaseSubmission {
  const caseId = uuidv7();
  return {
    ...s,
    case: { ...s.case, id: caseId, number: `${s.case.number.slice(0, -6)}${caseId.slice(-6)}` },
    materials: s.materials.map((m) => ({ ...m, id: uuidv7(), caseId })),
  };
}

function fakeBackend(): SyncBackend & { fake: FakeServer } {
  const fake = new FakeServer();
  return {
    name: 'fake',
    baseUrl: 'http://township.test',
    fake,
    wire: new Wire(fake.fetch),
    token: fake.token,
    newBlob: makeBlob,
    newCase(photoBytes = 40_000) {
      const blobs = [makeBlob(photoBytes), makeBlob(photoBytes), makeBlob(3_000)];
      return { submission: makeSubmission({ photos: blobs.slice(0, 2), signature: blobs[2] }), blobs };
    },
    spoil(s) {
      fake.poisoned.add(s.case.id);
      return { code: 'rules.failed', message: '身份证已过期，请更新证件后重新提交' };
    },
    storedBytes: async (sha) => fake.storedBytes(sha),
    caseVersion: async (id) => fake.versions.get(id),
    changeSeqs: async () => fake.changes.map((c) => c.seq),
    async ensureChanges() {
      fake.addChanges(450, uuidv7());
    },
    async accept(caseId) {
      const version = (fake.versions.get(caseId) ?? 0) + 1;
      fake.versions.set(caseId, version);
      fake.changes.push({
        seq: fake.changes.length + 1,
        type: 'case.status',
        caseId,
        status: 'accepted',
        version,
        acceptedOn: '2025-10-10',
        at: 1_760_000_100_000,
      });
      return { version, acceptedOn: '2025-10-10' };
    },
  };
}

/** Starts the real server once for the file; a fresh Wire for each test. */
function realBackends(): () => SyncBackend {
  let server: RunningServer;
  let token: string;
  let reviewerToken: string;
  let wire: Wire;
  beforeAll(async () => {
    server = await startRealServer();
    [token, reviewerToken] = await Promise.all([server.login('agent1'), server.login('reviewer1')]);
  }, 30_000);
  afterAll(() => server?.close());
  beforeEach(() => {
    wire = new Wire((input, init) => fetch(input, init));
  });
  return () => ({
    name: 'real',
    baseUrl: server.baseUrl,
    wire,
    token,
    newBlob: makeJpeg,
    newCase: (photoBytes = 30_000) => serverCase('YB-JMCB-DJ', AGENT_VILLAGE, 'agent1', photoBytes),
    spoil(s) {
      // Another village's case: an agent submits only for their own village.
      s.case.villageCode = '341822100202';
      return { code: 'scope.forbidden', message: '只能提交本村的办件' };
    },
    async storedBytes(sha) {
      const res = await server.get<Buffer>(token, `/api/blobs/${sha}`);
      return res.status === 200 ? res.body : undefined;
    },
    async caseVersion(id) {
      const found = await server.app.store.cases.get(id);
      return found?.version;
    },
    async changeSeqs() {
      const rows = await server.app.store.changes.after(0, { villageCode: AGENT_VILLAGE }, 1_000_000);
      return rows.map((r) => r.seq);
    },
    async accept(caseId) {
      const res = await server.accept(reviewerToken, caseId);
      if (res.status !== 200) throw new Error(`accept: ${res.status} ${await res.text()}`);
      const found = await server.app.store.cases.get(caseId);
      if (!found?.acceptedOn) throw new Error('accept: the server recorded no acceptance');
      return { version: found.version, acceptedOn: found.acceptedOn };
    },
    // The seeded county already publishes its catalogue (one change per item) to every village.
    ensureChanges: async () => undefined,
  });
}

export type BackendName = SyncBackend['name'];
export const BACKENDS: readonly BackendName[] = ['fake', 'real'];

/**
 * Registers the hooks a scenario file needs for `name` and returns the current test's backend.
 * Call inside a describe block.
 */
export function useBackend(name: BackendName): () => SyncBackend {
  if (name === 'real') return realBackends();
  let current: SyncBackend;
  beforeEach(() => {
    current = fakeBackend();
  });
  return () => current;
}

/** The FakeServer behind a fake backend, for the faults only it can stage. */
export function fakeOf(backend: SyncBackend): FakeServer {
  if (!('fake' in backend) || !(backend.fake instanceof FakeServer))
    throw new Error(`${backend.name} has no fake server`);
  return backend.fake;
}
