// GET /api/sync/snapshot: a new or wiped tablet gets back its scope's open cases with what it needs
// to work on them — and nothing from another village, nothing closed, nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stampPersonEdit, uuidv7, type Decision, type Person } from '../../src/domain';
import type { SnapshotPage } from '../../src/domain/api/sync';
import { bearer, login, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, makePerson, resubmitMutation, submitMutation } from './fixtures';

let s: TestServer;
type Login = Awaited<ReturnType<typeof login>>;
const who: Record<string, Login> = {};
const ids: Record<string, string> = {};

async function submit(agent: Login, applicant?: Person) {
  const built = buildCase({
    agentId: agent.user.id,
    villageCode: agent.user.villageCode!,
    now: s.clock.now,
    applicant,
  });
  await uploadAll(s.app, agent.token, built.files);
  const { results } = await push(s.app, agent.token, [submitMutation(built.submission, s.clock.now)]);
  expect(results[0]).toMatchObject({ status: 'ok' });
  return built;
}

async function decide(caseId: string, kind: Decision['kind'], extra: Partial<Decision> = {}) {
  const res = await s.app.inject({
    method: 'POST',
    url: `/api/review/cases/${caseId}/decisions`,
    headers: bearer(who.reviewer1!.token),
    payload: {
      id: uuidv7(),
      caseId,
      kind,
      reasons: [],
      toleranceDue: [],
      reviewerId: 'ignored',
      decidedAt: s.clock.now,
      revision: 1,
      ...extra,
    },
  });
  expect(res.statusCode).toBe(200);
}

async function snapshot(user: string, query = ''): Promise<SnapshotPage> {
  const res = await s.app.inject({ url: `/api/sync/snapshot${query}`, headers: bearer(who[user]!.token) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SnapshotPage;
}

async function snapshotAll(user: string, limit: number) {
  const pages: SnapshotPage[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await snapshot(user, `?limit=${limit}${after ? `&after=${after}` : ''}`);
    pages.push(page);
    after = page.next;
    if (!after) return { pages, cases: pages.flatMap((p) => p.cases) };
  }
}

beforeAll(async () => {
  s = await startServer();
  for (const u of ['agent1', 'agent2', 'agent4', 'reviewer1'] as const) who[u] = await login(s.app, u);
  ids.returned = (await submit(who.agent1!)).submission.case.id;
  ids.open = (await submit(who.agent1!)).submission.case.id;
  ids.third = (await submit(who.agent1!)).submission.case.id;
  const withdrawn = await submit(who.agent1!);
  ids.withdrawn = withdrawn.submission.case.id;
  ids.otherVillage = (await submit(who.agent2!)).submission.case.id;
  ids.otherTownship = (await submit(who.agent4!)).submission.case.id;
  s.clock.now += 3_600_000;
  await decide(ids.returned, 'return', { reasons: [{ target: 'field:phone', code: 'other', text: '电话打不通' }] });
  const { results } = await push(s.app, who.agent1!.token, [
    {
      id: uuidv7(),
      deviceId: 'tablet-1',
      createdAt: s.clock.now,
      kind: 'case.withdraw',
      baseVersion: 1,
      payload: { caseId: ids.withdrawn, reason: '群众不办了' },
    },
  ]);
  expect(results[0]).toMatchObject({ status: 'ok' });
});
afterAll(() => s.close());

describe('snapshot', () => {
  it("gives an agent their village's open cases only, with what the device needs", async () => {
    const page = await snapshot('agent1');
    expect(page.next).toBeNull();
    expect(new Set(page.cases.map((c) => c.case.id))).toEqual(new Set([ids.returned, ids.open, ids.third]));
    const returned = page.cases.find((c) => c.case.id === ids.returned)!;
    // Counters as the server expects the next resubmission: version 2 after the return, revision 1.
    expect(returned.case).toMatchObject({ status: 'returned', baseVersion: 2, revision: 1 });
    expect(returned.decisions).toEqual([expect.objectContaining({ kind: 'return', caseId: ids.returned })]);
    expect(returned.materials.length).toBeGreaterThan(0);
    expect(returned.materials.every((m) => m.caseId === ids.returned)).toBe(true);
    expect(returned.persons.map((p) => p.id)).toEqual([returned.case.applicantId]);
    expect(page.asOf).toBeGreaterThan(0);
  });

  it("never sends another village's or township's cases", async () => {
    const all = [...(await snapshot('agent1')).cases, ...(await snapshot('agent2')).cases];
    expect(all.map((c) => c.case.id)).not.toContain(ids.otherTownship);
    expect((await snapshot('agent2')).cases.map((c) => c.case.id)).toEqual([ids.otherVillage]);
    // An attacker's `after` cannot widen the scope either.
    const crafted = await snapshot('agent2', `?after=00000000-0000-7000-8000-000000000000`);
    expect(crafted.cases.map((c) => c.case.id)).toEqual([ids.otherVillage]);
    const township = (await snapshot('reviewer1')).cases.map((c) => c.case.id);
    expect(new Set(township)).toEqual(new Set([ids.returned, ids.open, ids.third, ids.otherVillage]));
  });

  it('pages by case id: every case once, and an interrupted restore resumes from its last id', async () => {
    const whole = (await snapshot('agent1')).cases.map((c) => c.case.id);
    const { pages, cases } = await snapshotAll('agent1', 1);
    expect(pages).toHaveLength(3);
    expect(cases.map((c) => c.case.id)).toEqual([...whole].sort());
    // Resume after the first page: the other two, nothing repeated.
    const rest = await snapshotAll('agent1', 2);
    const resumed = await snapshot('agent1', `?limit=50&after=${pages[0]!.next}`);
    expect(resumed.cases.map((c) => c.case.id)).toEqual(cases.slice(1).map((c) => c.case.id));
    expect(rest.cases.map((c) => c.case.id)).toEqual(cases.map((c) => c.case.id));
  });

  it('refuses a bad page request with a clear error', async () => {
    const res = await s.app.inject({ url: '/api/sync/snapshot?limit=999', headers: bearer(who.agent1!.token) });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/limit/);
    const bad = await s.app.inject({ url: '/api/sync/snapshot?after=x', headers: bearer(who.agent1!.token) });
    expect(bad.statusCode).toBe(400);
    expect((await s.app.inject({ url: '/api/sync/snapshot' })).statusCode).toBe(401);
  });

  it('a restored returned case resubmits with the counters the snapshot gave', async () => {
    const restored = (await snapshot('agent1')).cases.find((c) => c.case.id === ids.returned)!;
    const applicant = restored.persons.find((p) => p.id === restored.case.applicantId)!;
    const sub = { case: restored.case, materials: restored.materials, applicant };
    s.clock.now += 60_000;
    const { results } = await push(s.app, who.agent1!.token, [
      resubmitMutation(sub, restored.case.baseVersion, s.clock.now),
    ]);
    expect(results[0]).toMatchObject({ status: 'ok', version: 3 });
    const after = (await snapshot('agent1')).cases.find((c) => c.case.id === ids.returned)!;
    expect(after.case).toMatchObject({ status: 'resubmitted', baseVersion: 3, revision: 2 });
  });
});

describe('a profile edited on two tablets', () => {
  it('keeps both edits of different fields, and a same-field edit as a visible conflict', async () => {
    const t = s.clock.now;
    const original = stampPersonEdit(undefined, makePerson(who.agent1!.user.villageCode!, {}, t), t);
    await submit(who.agent1!, original);
    // Tablet A changes the phone, tablet B (which never saw that) the address; each submits a case.
    const a = stampPersonEdit(original, { ...original, phone: '13900000000', updatedAt: t + 1000 }, t + 1000);
    const b = stampPersonEdit(original, { ...original, address: '彭村村 15 号', updatedAt: t + 2000 }, t + 2000);
    await submit(who.agent1!, a);
    await submit(who.agent1!, b);
    const stored = () =>
      snapshot('agent1').then((p) => p.cases.flatMap((c) => c.persons).find((x) => x.id === original.id)!);
    expect(await stored()).toMatchObject({ phone: '13900000000', address: '彭村村 15 号', conflicts: [] });

    // Both change the phone without seeing each other's value: the later wins, the other stays visible.
    const a2 = stampPersonEdit(a, { ...a, phone: '13100000000', updatedAt: t + 3000 }, t + 3000);
    const b2 = stampPersonEdit(b, { ...b, phone: '13200000000', updatedAt: t + 4000 }, t + 4000);
    await submit(who.agent1!, b2);
    await submit(who.agent1!, a2);
    const merged = await stored();
    expect(merged.phone).toBe('13200000000');
    expect(merged.address).toBe('彭村村 15 号');
    expect(merged.conflicts).toEqual([{ field: 'phone', value: '13100000000', at: t + 3000 }]);

    // The village's tablets take the merged profile from the pull feed; another village never does.
    const personChanges = async (agent: string) => {
      const found: Person[] = [];
      for (let cursor = 0, more = true; more;) {
        const res = await s.app.inject({
          url: `/api/sync/pull?cursor=${cursor}&limit=200`,
          headers: bearer(who[agent]!.token),
        });
        const page = res.json() as { changes: { type: string; person?: Person }[]; cursor: number; hasMore: boolean };
        for (const c of page.changes) if (c.type === 'person' && c.person!.id === original.id) found.push(c.person!);
        ({ cursor, hasMore: more } = page);
      }
      return found;
    };
    const fed = await personChanges('agent1');
    expect(fed.at(-1)).toEqual(merged);
    // One per submission that changed the stored profile (the first, then a, b, b2 and a2).
    expect(fed).toHaveLength(5);
    expect(await personChanges('agent2')).toEqual([]);
  });
});
