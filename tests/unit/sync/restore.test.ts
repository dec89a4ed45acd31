// Restore on a fresh device (fake-indexeddb) against the real township server: the agent's
// returned case comes back with its materials, profile, decision and photos; an interrupted
// restore resumes without duplicating anything; another village's case never arrives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mutation, uuidv7 } from '../../../src/domain';
import { drain } from '../../../src/sync/drain';
import type { FetchLike } from '../../../src/sync/http';
import { memoryLocks } from '../../../src/sync/lock';
import { createStoragePorts } from '../../../src/sync/storage-ports';
import {
  countCases,
  getBlob,
  getCase,
  getDb,
  getPerson,
  listDecisions,
  listMaterials,
  missingCaseBlobs,
  restoreProgress,
} from '../../../src/storage';
import { freshDbPerTest } from '../../storage/fixtures';
import { MemoryDevice } from './memory-ports';
import { AGENT_VILLAGE, startRealServer, type RunningServer } from './real-server';
import { serverCase } from './server-fixtures';

let server: RunningServer;
let agentToken: string;
const cases: string[] = [];
let returned: ReturnType<typeof serverCase>;

async function submitFromOldTablet(token: string, village: string, agent: string) {
  const d = new MemoryDevice();
  d.token = token;
  const c = serverCase('YB-JMCB-DJ', village, agent, 4_000);
  for (const b of c.blobs) d.addBlob(b);
  const m: Mutation = {
    id: uuidv7(),
    deviceId: 'old-tablet',
    createdAt: Date.now(),
    kind: 'case.submit',
    baseVersion: 0,
    payload: c.submission,
  };
  d.enqueue(m);
  expect((await drain(d.ports(server.baseUrl), { locks: memoryLocks() })).accepted).toBe(1);
  return c;
}

beforeAll(async () => {
  server = await startRealServer();
  agentToken = await server.login('agent1');
  const reviewer = await server.login('reviewer1');
  returned = await submitFromOldTablet(agentToken, AGENT_VILLAGE, 'agent1');
  for (let i = 0; i < 2; i++)
    cases.push((await submitFromOldTablet(agentToken, AGENT_VILLAGE, 'agent1')).submission.case.id);
  const agent2 = await server.login('agent2');
  const me = await server.get<{ user: { villageCode: string } }>(agent2, '/api/auth/me');
  cases.push('other:' + (await submitFromOldTablet(agent2, me.body.user.villageCode, 'agent2')).submission.case.id);
  const id = returned.submission.case.id;
  const res = await fetch(`${server.baseUrl}/api/review/cases/${id}/decisions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${reviewer}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      id: uuidv7(),
      caseId: id,
      kind: 'return',
      reasons: [{ target: 'field:phone', code: 'other', text: '电话打不通' }],
      toleranceDue: [],
      reviewerId: 'x',
      decidedAt: Date.now(),
      revision: 1,
    }),
  });
  expect(res.status).toBe(200);
});
afterAll(() => server.close());

freshDbPerTest();

const ports = (fetch?: FetchLike, onWifi = () => false) =>
  createStoragePorts({ baseUrl: server.baseUrl, token: async () => agentToken, fetch, onWifi });

const restoreEvents = async () => (await getDb().audit.toArray()).filter((e) => e.action === 'case.restore').length;

describe('restore on a new device', () => {
  it('brings back the open cases of the village with what the device needs; photos on Wi-Fi', async () => {
    const report = await drain(
      ports(undefined, () => true),
      { locks: memoryLocks(), restorePageSize: 2 },
    );
    expect(report.outcome).toBe('done');
    expect(report.restored).toBe(3);
    expect(await countCases()).toBe(3);
    const id = returned.submission.case.id;
    expect(await getCase(id)).toMatchObject({ status: 'returned', baseVersion: 2, revision: 1 });
    expect((await listMaterials(id)).map((m) => m.id).sort()).toEqual(
      returned.submission.materials.map((m) => m.id).sort(),
    );
    expect(await getPerson(returned.submission.applicant.id)).toMatchObject({ name: '王桂兰' });
    expect((await listDecisions(id)).map((d) => d.kind)).toEqual(['return']);
    // Another village's case never arrives.
    const other = cases.find((c) => c.startsWith('other:'))!.slice(6);
    expect(await getCase(other)).toBeUndefined();
    // Photos downloaded (Wi-Fi), byte for byte, and counted as on the server.
    expect(await missingCaseBlobs()).toEqual([]);
    const photo = returned.blobs[0]!;
    const stored = await getBlob(photo.sha256);
    expect(Buffer.from(stored!.data).equals(Buffer.from(photo.data))).toBe(true);
    expect(stored!.uploadedAt).toBeDefined();
    expect(await restoreProgress()).toMatchObject({ done: true, after: null });
  });

  it('off Wi-Fi, photos wait for the case to be opened', async () => {
    await drain(ports(), { locks: memoryLocks() });
    expect(await countCases()).toBe(3);
    expect((await missingCaseBlobs(returned.submission.case.id)).sort()).toEqual(
      [...new Set(returned.blobs.map((b) => b.sha256))].sort(),
    );
  });

  it('an interrupted restore resumes at the next page; nothing is applied twice', async () => {
    let snapshots = 0;
    const flaky: FetchLike = async (input, init) => {
      if (String(input).includes('/api/sync/snapshot') && ++snapshots === 2) throw new TypeError('network down');
      return fetch(input, init);
    };
    const first = await drain(ports(flaky), { locks: memoryLocks(), restorePageSize: 1 });
    expect(first.outcome).toBe('offline');
    expect(await countCases()).toBe(1);
    const halfway = await restoreProgress();
    expect(halfway).toMatchObject({ done: false });
    expect(halfway!.after).not.toBeNull();

    const second = await drain(ports(), { locks: memoryLocks(), restorePageSize: 1 });
    expect(second.outcome).toBe('done');
    expect(second.restored).toBe(2);
    expect(await countCases()).toBe(3);
    expect(await restoreEvents()).toBe(3);
    // Done: a later drain does not restore again.
    const third = await drain(ports(), { locks: memoryLocks() });
    expect(third.restored).toBeUndefined();
    expect(await restoreEvents()).toBe(3);
  });
});
