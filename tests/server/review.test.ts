// The reviewer API: scope matrix, the work queue, the case detail, and the full decision flow
// submit → return → resubmit → accept-with-tolerance → supply → confirm-supplied → complete →
// deliver → rating, each decision reaching the agent by pull.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type Decision, type Mutation, type PullResponse } from '../../src/domain';
import { bearer, DAY, login, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, fakeJpeg, resubmitMutation, sha256, submitMutation } from './fixtures';
import { DEFAULT_SESSION_POLICY } from '../../src/server/config';

let s: TestServer;
type Login = Awaited<ReturnType<typeof login>>;
const who: Record<string, Login> = {};

beforeAll(async () => {
  // The suite moves the clock weeks ahead with the same logins: sessions must not idle out meanwhile.
  s = await startServer({ sessions: { ...DEFAULT_SESSION_POLICY, idleMs: 90 * DAY } });
  for (const u of ['agent1', 'agent2', 'agent4', 'reviewer1', 'reviewer2', 'admin']) who[u] = await login(s.app, u);
});
afterAll(() => s.close());

async function submitCase(agent: Login, options: Partial<Parameters<typeof buildCase>[0]> = {}) {
  const built = buildCase({
    agentId: agent.user.id,
    villageCode: agent.user.villageCode!,
    now: s.clock.now,
    ...options,
  });
  await uploadAll(s.app, agent.token, built.files);
  const { results } = await push(s.app, agent.token, [submitMutation(built.submission, s.clock.now)]);
  expect(results[0]).toMatchObject({ status: 'ok' });
  return built;
}

function decision(caseId: string, kind: Decision['kind'], revision: number, extra: Partial<Decision> = {}): Decision {
  return {
    id: uuidv7(),
    caseId,
    kind,
    reasons: [],
    toleranceDue: [],
    reviewerId: 'ignored',
    decidedAt: s.clock.now,
    revision,
    ...extra,
  };
}

const decide = (reviewer: Login, d: Decision) =>
  s.app.inject({
    method: 'POST',
    url: `/api/review/cases/${d.caseId}/decisions`,
    headers: bearer(reviewer.token),
    payload: d,
  });
const detail = (user: Login, id: string) =>
  s.app.inject({ url: `/api/review/cases/${id}`, headers: bearer(user.token) });
const list = (user: Login, query = '') =>
  s.app.inject({ url: `/api/review/cases${query}`, headers: bearer(user.token) });

describe('scope matrix', () => {
  let inTown1: string;
  let inTown2: string;
  beforeAll(async () => {
    inTown1 = (await submitCase(who.agent1!)).submission.case.id;
    inTown2 = (await submitCase(who.agent4!)).submission.case.id;
  });

  it('agents have no reviewer API', async () => {
    for (const res of [await list(who.agent1!), await detail(who.agent1!, inTown1)]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('scope.forbidden');
    }
    expect((await decide(who.agent1!, decision(inTown1, 'accept', 1))).statusCode).toBe(403);
  });

  it('a reviewer sees and decides only in their own township', async () => {
    const ids = async (u: Login) => ((await list(u)).json().cases as { id: string }[]).map((c) => c.id);
    expect(await ids(who.reviewer1!)).toContain(inTown1);
    expect(await ids(who.reviewer1!)).not.toContain(inTown2);
    expect(await ids(who.reviewer2!)).toEqual([inTown2]);
    expect((await detail(who.reviewer2!, inTown1)).statusCode).toBe(404);
    const res = await decide(who.reviewer2!, decision(inTown1, 'accept', 1));
    expect(res.statusCode).toBe(404);
    expect((await s.app.store.cases.get(inTown1))?.status).toBe('submitted');
  });

  it('the admin reads the whole county but does not decide', async () => {
    const ids = ((await list(who.admin!)).json().cases as { id: string }[]).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([inTown1, inTown2]));
    expect((await detail(who.admin!, inTown2)).statusCode).toBe(200);
    expect((await decide(who.admin!, decision(inTown2, 'accept', 1))).statusCode).toBe(403);
  });

  it('filters the queue and validates its query', async () => {
    const byVillage = (await list(who.reviewer1!, `?village=${who.agent1!.user.villageCode}`)).json();
    expect(byVillage.cases.every((c: { villageCode: string }) => c.villageCode === who.agent1!.user.villageCode)).toBe(
      true,
    );
    expect((await list(who.reviewer1!, '?item=YB-JMCB-DJ')).json().cases).toEqual([]);
    expect((await list(who.reviewer1!, '?status=submitted,resubmitted')).json().total).toBeGreaterThan(0);
    for (const q of ['?status=nonsense', '?village=12', '?limit=500', '?overdue=maybe']) {
      const res = await list(who.reviewer1!, q);
      expect(res.statusCode, q).toBe(400);
    }
    expect((await detail(who.reviewer1!, 'not-a-uuid')).statusCode).toBe(400);
  });
});

describe('decision flow', () => {
  it('runs a case from submission to rating, and every step reaches the tablet', async () => {
    const agent = who.agent1!;
    const reviewer = who.reviewer1!;
    const built = await submitCase(agent);
    const id = built.submission.case.id;
    const cursorBefore = (await s.app.inject({ url: '/api/sync/pull?limit=200', headers: bearer(agent.token) })).json()
      .cursor as number;

    // The queue and the detail.
    const queue = (await list(reviewer, '?status=submitted')).json();
    expect(queue.cases.map((c: { id: string }) => c.id)).toContain(id);
    expect(queue.counts.awaitingReview).toBeGreaterThan(0);
    expect(queue.cases.find((c: { id: string }) => c.id === id)).toMatchObject({
      itemName: '高龄津贴申领',
      villageName: '彭村村',
      applicantName: '张德福',
    });
    const first = (await detail(reviewer, id)).json();
    expect(first.report.canSubmit).toBe(true);
    expect(first.allowedDecisions).toEqual(expect.arrayContaining(['accept', 'return', 'accept-with-tolerance']));
    expect(first.allowedDecisions).not.toContain('complete');
    expect(first.revisions).toHaveLength(1);
    expect(first.toleranceWindow).toEqual({
      caseDueOn: '2026-03-16',
      earliest: '2026-03-03',
      latest: '2026-03-12',
      possible: true,
    });

    // Return: at least one reason (一次性告知).
    s.clock.now += 3_600_000;
    const noReason = await decide(reviewer, decision(id, 'return', 1));
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().code).toBe('decision.reasons_required');
    const ret = decision(id, 'return', 1, {
      reasons: [
        { target: 'photo', code: 'blurred', text: '' },
        { target: 'field:phone', code: 'other', text: '电话打不通' },
      ],
    });
    const returned = await decide(reviewer, ret);
    expect(returned.statusCode).toBe(200);
    expect(returned.json()).toMatchObject({ replayed: false, case: { status: 'returned', version: 2, revision: 1 } });
    expect(returned.json().decision.reviewerId).toBe(reviewer.user.id);

    // The tablet learns it by pull: the decision with its reasons and the new status.
    const pulled = (
      await s.app.inject({ url: `/api/sync/pull?cursor=${cursorBefore}`, headers: bearer(agent.token) })
    ).json() as PullResponse;
    const mine = pulled.changes.filter((c) => 'caseId' in c && c.caseId === id);
    expect(mine).toEqual([
      expect.objectContaining({
        type: 'decision',
        version: 2,
        decision: expect.objectContaining({ id: ret.id, kind: 'return', reasons: ret.reasons }),
      }),
      expect.objectContaining({ type: 'case.status', status: 'returned', version: 2 }),
    ]);

    // Resubmission on version 2, now claiming tolerance for the 1-inch photo.
    s.clock.now += 3_600_000;
    const again = buildCase({
      agentId: agent.user.id,
      villageCode: agent.user.villageCode!,
      now: s.clock.now,
      applicant: built.submission.applicant,
      tolerate: [{ requirementId: 'photo', promisedBy: '2026-03-09' }],
    });
    const resubmission = {
      ...again.submission,
      case: { ...again.submission.case, id, number: built.submission.case.number },
      materials: again.submission.materials.map((m) => ({ ...m, caseId: id })),
    };
    await uploadAll(s.app, agent.token, again.files);
    expect((await push(s.app, agent.token, [resubmitMutation(resubmission, 2, s.clock.now)])).results[0]).toMatchObject(
      { status: 'ok', version: 3 },
    );

    // A decision made on the old revision is refused.
    const stale = await decide(reviewer, decision(id, 'accept', 1));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('decision.stale_revision');

    // Accept with tolerance: the due date must sit inside the window.
    for (const [dueBy, why] of [
      ['2026-03-13', /最晚为 2026-03-12/],
      ['2026-03-02', /不能早于/],
      ['2026-03-07', /休息日/],
    ] as const) {
      const res = await decide(
        reviewer,
        decision(id, 'accept-with-tolerance', 2, { toleranceDue: [{ requirementId: 'photo', dueBy }] }),
      );
      expect(res.statusCode, dueBy).toBe(422);
      expect(res.json().code).toBe('tolerance.due_invalid');
      expect(res.json().message).toMatch(why);
    }
    const notTolerable = await decide(
      reviewer,
      decision(id, 'accept-with-tolerance', 2, { toleranceDue: [{ requirementId: 'hukou', dueBy: '2026-03-10' }] }),
    );
    expect(notTolerable.statusCode).toBe(422);
    const tol = decision(id, 'accept-with-tolerance', 2, {
      toleranceDue: [{ requirementId: 'photo', dueBy: '2026-03-10' }],
    });
    const accepted = await decide(reviewer, tol);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().case).toEqual({
      id,
      status: 'accepted_tolerance',
      version: 4,
      revision: 2,
      acceptedOn: '2026-03-02',
      dueOn: '2026-03-16',
    });

    // Resending the same decision (lost answer) is recognised, not applied twice.
    const replay = await decide(reviewer, tol);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ replayed: true, case: { version: 4 } });
    expect((await s.app.store.decisions.forCase(id)).map((d) => d.decision.kind)).toEqual([
      'return',
      'accept-with-tolerance',
    ]);

    const pending = (await list(reviewer, '?tolerancePending=1')).json();
    expect(pending.cases.map((c: { id: string }) => c.id)).toEqual([id]);
    expect(pending.cases[0]).toMatchObject({
      tolerancePending: 1,
      deadline: expect.objectContaining({ overdue: false }),
    });

    // The photo arrives (tolerance.supply), then the reviewer confirms.
    s.clock.now += DAY;
    const photo = fakeJpeg();
    await uploadAll(s.app, agent.token, [photo]);
    const supply: Mutation = {
      id: uuidv7(),
      deviceId: 'tablet-1',
      createdAt: s.clock.now,
      kind: 'tolerance.supply',
      baseVersion: 4,
      payload: {
        caseId: id,
        material: {
          id: uuidv7(),
          caseId: id,
          requirementId: 'photo',
          pages: [{ sha256: sha256(photo), mime: 'image/jpeg', bytes: photo.length, capturedAt: s.clock.now }],
          data: {},
          updatedAt: s.clock.now,
        },
      },
    };
    expect((await push(s.app, agent.token, [supply])).results[0]).toMatchObject({ status: 'ok', version: 5 });
    const early = await decide(
      reviewer,
      decision(id, 'complete', 2, { outcome: '已核准', delivery: { method: 'collect', servicePoint: '彭村村代办点' } }),
    );
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('case.illegal_transition');
    expect((await decide(reviewer, decision(id, 'confirm-supplied', 2))).json().case).toMatchObject({
      status: 'accepted',
      version: 6,
    });

    // Complete needs an outcome and a delivery method; then deliver.
    const noOutcome = await decide(
      reviewer,
      decision(id, 'complete', 2, { delivery: { method: 'collect', servicePoint: '彭村村代办点' } }),
    );
    expect(noOutcome.json().code).toBe('decision.outcome_required');
    expect(
      (
        await decide(
          reviewer,
          decision(id, 'complete', 2, {
            outcome: '已核准，次月起发放',
            delivery: { method: 'collect', servicePoint: '彭村村代办点' },
          }),
        )
      ).json().case.status,
    ).toBe('completed');
    expect((await decide(reviewer, decision(id, 'deliver', 2))).json().case).toMatchObject({
      status: 'delivered',
      version: 8,
    });

    // The villager rates it (不满意): a rectification opens and reaches the tablet.
    const rating: Mutation = {
      id: uuidv7(),
      deviceId: 'tablet-1',
      createdAt: s.clock.now,
      kind: 'rating.create',
      baseVersion: 8,
      payload: {
        id: uuidv7(),
        caseId: id,
        level: 2,
        sub: { efficiency: 2, skill: 3, attitude: 3 },
        comment: '等得太久',
        ratedAt: s.clock.now,
      },
    };
    expect((await push(s.app, agent.token, [rating])).results[0]).toMatchObject({ status: 'ok', version: 9 });
    const twice = { ...rating, id: uuidv7() };
    expect((await push(s.app, agent.token, [twice])).results[0]).toMatchObject({
      status: 'rejected',
      code: 'rating.exists',
    });

    const end = (await detail(reviewer, id)).json();
    expect(end.case).toMatchObject({
      status: 'rated',
      version: 9,
      revision: 2,
      acceptedOn: '2026-03-02',
      dueOn: '2026-03-16',
    });
    expect(end.revisions.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
    expect(end.decisions.map((d: Decision) => d.kind)).toEqual([
      'return',
      'accept-with-tolerance',
      'confirm-supplied',
      'complete',
      'deliver',
    ]);
    expect(end.audit.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'sync-accepted',
      'return',
      'resubmit',
      'sync-accepted',
      'accept-with-tolerance',
      'tolerance-supplied',
      'confirm-supplied',
      'complete',
      'deliver',
      'rate',
      'rectification-opened',
    ]);
    expect(end.rating).toMatchObject({ level: 2 });
    expect(end.rectifications).toEqual([expect.objectContaining({ status: 'open', dueBy: '2026-03-17' })]);
    // After the rating only the township's 回访 and 归档 remain (issue 15).
    expect(end.allowedDecisions).toEqual(['follow-up', 'archive']);
    const tail = (
      await s.app.inject({ url: `/api/sync/pull?cursor=${cursorBefore}`, headers: bearer(agent.token) })
    ).json() as PullResponse;
    expect(tail.changes.some((c) => c.type === 'rectification' && c.caseId === id)).toBe(true);
  });

  it('suspends and resumes, moving the due date by the working days the case stood still', async () => {
    s.clock.now = Date.parse('2026-03-02T02:00:00Z');
    const id = (await submitCase(who.agent2!)).submission.case.id;
    const reviewer = who.reviewer1!;
    expect((await decide(reviewer, decision(id, 'accept', 1))).json().case).toMatchObject({
      status: 'accepted',
      acceptedOn: '2026-03-02',
      dueOn: '2026-03-16',
    });
    const bare = await decide(reviewer, decision(id, 'suspend', 1));
    expect(bare.statusCode).toBe(422);
    expect(bare.json().code).toBe('decision.note_required');
    expect(
      (await decide(reviewer, decision(id, 'suspend', 1, { note: '等待县残联鉴定结果' }))).json().case.status,
    ).toBe('suspended');
    s.clock.now = Date.parse('2026-03-05T02:00:00Z'); // Thursday: 3 working days later
    expect((await decide(reviewer, decision(id, 'resume', 1))).json().case).toMatchObject({
      status: 'accepted',
      dueOn: '2026-03-19',
    });
    expect(
      (await decide(reviewer, decision(id, 'terminate', 1, { note: '申请人不符合条件' }))).json().case.status,
    ).toBe('terminated');
    expect((await decide(reviewer, decision(id, 'accept', 1))).statusCode).toBe(409);
  });

  it('flags overdue cases in the queue', async () => {
    s.clock.now = Date.parse('2026-03-02T02:00:00Z');
    const id = (await submitCase(who.agent1!)).submission.case.id;
    await decide(who.reviewer1!, decision(id, 'accept', 1));
    s.clock.now = Date.parse('2026-03-20T02:00:00Z');
    const overdue = (await list(who.reviewer1!, '?overdue=1')).json();
    expect(overdue.cases.map((c: { id: string }) => c.id)).toContain(id);
    expect(overdue.cases.find((c: { id: string }) => c.id === id).deadline).toMatchObject({ overdue: true });
    expect(overdue.counts.overdue).toBeGreaterThanOrEqual(1);
  });
});

describe('statistics wiring', () => {
  it('serves /api/stats to reviewers and admins only', async () => {
    expect((await s.app.inject({ url: '/api/stats', headers: bearer(who.reviewer1!.token) })).statusCode).toBe(200);
    expect((await s.app.inject({ url: '/api/stats', headers: bearer(who.admin!.token) })).statusCode).toBe(200);
    expect((await s.app.inject({ url: '/api/stats', headers: bearer(who.agent1!.token) })).statusCode).toBe(403);
    expect((await s.app.inject({ url: '/api/stats' })).statusCode).toBe(401);
  });
});
