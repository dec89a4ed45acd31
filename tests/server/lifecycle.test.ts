// Issue 15's life cycle against a real server: 不予受理 apart from 终止, the §32 five-day window,
// closing a case returned long ago, 容缺 promises that end their case by themselves (with the
// 终止告知), 回访 and 归档 — each with its scope checks, its audit event, its way to the tablet
// and its statistics.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { uuidv7, type Decision, type PullResponse } from '../../src/domain';
import { bearer, DAY, login, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, resubmitMutation, submitMutation } from './fixtures';
import { expireOverdueTolerance } from '../../src/server/review/lifecycle-job';

let s: TestServer;
type Login = Awaited<ReturnType<typeof login>>;
const who: Record<string, Login> = {};

beforeAll(async () => {
  s = await startServer({
    lifecycle: { toleranceGraceDays: 3, returnCloseDays: 10, sweepMs: 3_600_000 },
  });
});
// The clock jumps weeks between tests: fresh logins each time rather than stretching the policy.
async function relogin() {
  for (const u of ['agent1', 'agent4', 'reviewer1', 'reviewer2', 'admin']) who[u] = await login(s.app, u);
}
beforeEach(relogin);
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
  expect(results[0], JSON.stringify(results[0])).toMatchObject({ status: 'ok' });
  return built;
}

const decision = (
  caseId: string,
  kind: Decision['kind'],
  revision: number,
  extra: Partial<Decision> = {},
): Decision => ({
  id: uuidv7(),
  caseId,
  kind,
  reasons: [],
  toleranceDue: [],
  reviewerId: 'ignored',
  decidedAt: s.clock.now,
  revision,
  ...extra,
});
const decide = (user: Login, d: Decision) =>
  s.app.inject({
    method: 'POST',
    url: `/api/review/cases/${d.caseId}/decisions`,
    headers: bearer(user.token),
    payload: d,
  });
const detail = async (user: Login, id: string) =>
  (await s.app.inject({ url: `/api/review/cases/${id}`, headers: bearer(user.token) })).json();
const row = async (id: string) =>
  (
    (await s.app.inject({ url: '/api/review/cases?limit=200', headers: bearer(who.reviewer1!.token) })).json()
      .cases as {
      id: string;
      acceptanceWindow: unknown;
    }[]
  ).find((c) => c.id === id);
const cursor = async (agent: Login) =>
  (await s.app.inject({ url: '/api/sync/pull?limit=200', headers: bearer(agent.token) })).json().cursor as number;
async function pulledFor(agent: Login, since: number, id: string) {
  const changes: PullResponse['changes'] = [];
  for (let c = since, more = true; more;) {
    const page = (
      await s.app.inject({ url: `/api/sync/pull?cursor=${c}&limit=200`, headers: bearer(agent.token) })
    ).json() as PullResponse;
    changes.push(...page.changes);
    c = page.cursor;
    more = page.hasMore;
  }
  return changes.filter((x) => 'caseId' in x && x.caseId === id);
}
/** A day the applicant promises: a week ahead (within the item's 8 working days). */
const promise = (now: number) => new Date(now + 7 * DAY).toISOString().slice(0, 10);
const auditOf = async (id: string) => (await s.app.store.audit.forCase(id)).map((e) => [e.action, e.actor.role, e.to]);

describe('不予受理 (行政许可法 §32(1)(2))', () => {
  it('needs a reason and a legal basis, is the reviewer’s own township’s, and reaches the tablet as itself', async () => {
    const built = await submitCase(who.agent1!);
    const id = built.submission.case.id;
    const since = await cursor(who.agent1!);
    expect((await detail(who.reviewer1!, id)).allowedDecisions).toContain('refuse');

    const noReason = await decide(who.reviewer1!, decision(id, 'refuse', 1, { legalBasis: '行政许可法第三十二条' }));
    expect([noReason.statusCode, noReason.json().code]).toEqual([422, 'decision.note_required']);
    const noBasis = await decide(who.reviewer1!, decision(id, 'refuse', 1, { note: '申请人未满 80 周岁' }));
    expect([noBasis.statusCode, noBasis.json().code]).toEqual([422, 'decision.legal_basis_required']);

    const refusal = decision(id, 'refuse', 1, {
      note: '申请人未满 80 周岁，不符合高龄津贴申领条件',
      legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第二项',
    });
    // An agent, another township's reviewer and the admin cannot refuse.
    expect((await decide(who.agent1!, refusal)).statusCode).toBe(403);
    expect((await decide(who.reviewer2!, refusal)).statusCode).toBe(404);
    expect((await decide(who.admin!, refusal)).statusCode).toBe(403);
    expect((await s.app.store.cases.get(id))?.status).toBe('submitted');

    const res = await decide(who.reviewer1!, refusal);
    expect(res.statusCode).toBe(200);
    expect(res.json().case.status).toBe('refused');
    expect(await auditOf(id)).toContainEqual(['refuse', 'reviewer', 'refused']);
    const event = (await s.app.store.audit.forCase(id)).find((e) => e.action === 'refuse');
    expect(event?.detail).toBe(
      '申请人未满 80 周岁，不符合高龄津贴申领条件（依据：《中华人民共和国行政许可法》第三十二条第一款第二项）',
    );

    const mine = await pulledFor(who.agent1!, since, id);
    expect(mine).toEqual([
      expect.objectContaining({
        type: 'decision',
        decision: expect.objectContaining({ kind: 'refuse', note: refusal.note, legalBasis: refusal.legalBasis }),
      }),
      expect.objectContaining({ type: 'case.status', status: 'refused' }),
    ]);

    // Not a 终止: an accepted case cannot be refused, a refused one cannot be accepted.
    const again = await decide(who.reviewer1!, decision(id, 'accept', 1));
    expect([again.statusCode, again.json().code]).toEqual([409, 'case.illegal_transition']);
  });
});

describe('行政许可法 §32 five-working-day window', () => {
  it('runs from receipt, restarts on resubmission and is flagged once passed', async () => {
    const start = s.clock.now;
    const built = await submitCase(who.agent1!);
    const id = built.submission.case.id;
    const received = new Date(start + 8 * 3_600_000).toISOString().slice(0, 10);
    const w = (await row(id))?.acceptanceWindow as { receivedOn: string; remaining: number; overdue: boolean };
    expect(w).toMatchObject({ receivedOn: received, remaining: 5, overdue: false });
    expect((await detail(who.reviewer1!, id)).acceptanceWindow).toEqual(w);

    // Seven calendar days later (no holidays in this stretch): 5 working days have passed.
    s.clock.now += 7 * DAY;
    expect((await row(id))?.acceptanceWindow).toMatchObject({ remaining: 0, overdue: false });
    s.clock.now += DAY;
    expect((await row(id))?.acceptanceWindow).toMatchObject({ remaining: -1, overdue: true });

    // Returned, then corrected materials arrive: the five days run again from their arrival.
    const ret = decision(id, 'return', 1, { reasons: [{ target: 'photo', code: 'blurred', text: '' }] });
    expect((await decide(who.reviewer1!, ret)).statusCode).toBe(200);
    expect((await row(id))?.acceptanceWindow).toBeNull();
    s.clock.now += DAY;
    const again = buildCase({
      agentId: who.agent1!.user.id,
      villageCode: who.agent1!.user.villageCode!,
      now: s.clock.now,
      applicant: built.submission.applicant,
    });
    const resubmission = {
      ...again.submission,
      case: { ...again.submission.case, id, number: built.submission.case.number },
      materials: again.submission.materials.map((m) => ({ ...m, caseId: id })),
    };
    await uploadAll(s.app, who.agent1!.token, again.files);
    const version = (await s.app.store.cases.get(id))!.version;
    expect(
      (await push(s.app, who.agent1!.token, [resubmitMutation(resubmission, version, s.clock.now)])).results[0],
    ).toMatchObject({ status: 'ok' });
    const restarted = (await row(id))?.acceptanceWindow as { receivedOn: string; remaining: number };
    expect(restarted.receivedOn).toBe(new Date(s.clock.now + 8 * 3_600_000).toISOString().slice(0, 10));
    expect(restarted.remaining).toBe(5);
  });
});

describe('closing a returned case that never comes back', () => {
  it('waits the configured working days, then the township’s reviewer may close it', async () => {
    const built = await submitCase(who.agent1!);
    const id = built.submission.case.id;
    const ret = decision(id, 'return', 1, { reasons: [{ target: 'photo', code: 'blurred', text: '' }] });
    expect((await decide(who.reviewer1!, ret)).statusCode).toBe(200);
    const d = await detail(who.reviewer1!, id);
    expect(d.allowedDecisions).toEqual([]);
    expect(d.returnWindow).toMatchObject({ closable: false });

    const early = await decide(who.reviewer1!, decision(id, 'close-returned', 1));
    expect([early.statusCode, early.json().code]).toEqual([422, 'decision.return_wait']);
    expect(early.json().message).toContain('10 个工作日');

    // 10 working days = two weeks without holidays.
    s.clock.now += 14 * DAY;
    await relogin();
    expect((await detail(who.reviewer1!, id)).allowedDecisions).toEqual(['close-returned']);
    expect((await decide(who.reviewer2!, decision(id, 'close-returned', 1))).statusCode).toBe(404);
    const since = await cursor(who.agent1!);
    const closed = await decide(who.reviewer1!, decision(id, 'close-returned', 1));
    expect(closed.statusCode).toBe(200);
    expect(closed.json().case.status).toBe('terminated');
    const event = (await s.app.store.audit.forCase(id)).find((e) => e.action === 'close-returned');
    expect(event?.detail).toMatch(/退回补正后 10 个工作日内未重新提交/);
    expect((await pulledFor(who.agent1!, since, id)).map((c) => c.type)).toEqual(['decision', 'case.status']);
    // The agent's late resubmission is refused now.
    const again = buildCase({
      agentId: who.agent1!.user.id,
      villageCode: who.agent1!.user.villageCode!,
      now: s.clock.now,
      applicant: built.submission.applicant,
    });
    const resubmission = {
      ...again.submission,
      case: { ...again.submission.case, id, number: built.submission.case.number },
      materials: again.submission.materials.map((m) => ({ ...m, caseId: id })),
    };
    await uploadAll(s.app, who.agent1!.token, again.files);
    const version = (await s.app.store.cases.get(id))!.version;
    expect(
      (await push(s.app, who.agent1!.token, [resubmitMutation(resubmission, version, s.clock.now)])).results[0],
    ).toMatchObject({ status: 'rejected' });
  });
});

describe('容缺 promises overdue past the grace period', () => {
  it('terminate their case once, with the 终止告知, like a decision the tablet pulls', async () => {
    // Monday 28 Sept 2026, before the National Day week (1–7 Oct off, Saturday 10 Oct worked).
    s.clock.now = Date.parse('2026-09-28T02:00:00Z');
    await relogin();
    const built = await submitCase(who.agent1!, { tolerate: [{ requirementId: 'photo', promisedBy: '2026-09-30' }] });
    const id = built.submission.case.id;
    const tol = decision(id, 'accept-with-tolerance', 1, {
      toleranceDue: [{ requirementId: 'photo', dueBy: '2026-09-29' }],
    });
    expect((await decide(who.reviewer1!, tol)).statusCode).toBe(200);

    // A reviewer cannot write the system's decision.
    const forged = await decide(who.reviewer1!, decision(id, 'expire-tolerance', 1, { note: '逾期' }));
    expect([forged.statusCode, forged.json().code]).toEqual([403, 'decision.system_only']);

    // Due 29 Sept + 3 working days of grace (30 Sept, 8 Oct, 9 Oct): open through the holiday
    // and on the last day of grace, terminated on the working Saturday 10 Oct.
    for (const day of ['2026-09-30', '2026-10-03', '2026-10-09']) {
      const at = Date.parse(`${day}T02:00:00Z`);
      expect(await expireOverdueTolerance(s.app.store, { toleranceGraceDays: 3 }, at), day).toEqual([]);
    }
    s.clock.now = Date.parse('2026-10-10T02:00:00Z');
    await relogin();
    const window = { earliest: '2026-09-29' };

    const since = await cursor(who.agent1!);
    // Two server processes sweeping at once: one terminates, the other finds nothing left.
    const [a, b] = await Promise.all([
      expireOverdueTolerance(s.app.store, { toleranceGraceDays: 3 }, s.clock.now),
      expireOverdueTolerance(s.app.store, { toleranceGraceDays: 3 }, s.clock.now),
    ]);
    expect([...a, ...b]).toEqual([id]);
    expect(await expireOverdueTolerance(s.app.store, { toleranceGraceDays: 3 }, s.clock.now)).toEqual([]);

    const c = await s.app.store.cases.get(id);
    expect(c?.status).toBe('terminated');
    const decisions = (await s.app.store.decisions.forCase(id)).map((d) => d.decision);
    const expiry = decisions.find((d) => d.kind === 'expire-tolerance');
    expect(expiry).toMatchObject({ reviewerId: 'system', revision: 1 });
    expect(expiry?.note).toMatch(/^终止告知：办件 .+（高龄津贴申领）/);
    expect(expiry?.note).toContain(`承诺 ${window.earliest} 前补齐`);
    expect(expiry?.note).toContain('3 个工作日');
    expect(expiry?.note).toContain('自 2026-10-10 起终止办理');
    const events = (await s.app.store.audit.forCase(id)).filter((e) => e.action === 'expire-tolerance');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: { role: 'system' }, from: 'accepted_tolerance', to: 'terminated' });
    expect(events[0]?.detail).toBe(expiry?.note);

    const mine = await pulledFor(who.agent1!, since, id);
    expect(mine).toEqual([
      expect.objectContaining({ type: 'decision', decision: expect.objectContaining({ kind: 'expire-tolerance' }) }),
      expect.objectContaining({ type: 'case.status', status: 'terminated' }),
    ]);
    // The audit chain still verifies with the system's event in it.
    expect((await detail(who.reviewer1!, id)).auditCheck).toEqual({ ok: true });
  });

  it('leaves a promise that was kept alone', async () => {
    const built = await submitCase(who.agent1!, {
      tolerate: [{ requirementId: 'photo', promisedBy: promise(s.clock.now) }],
    });
    const id = built.submission.case.id;
    const window = (await detail(who.reviewer1!, id)).toleranceWindow as { earliest: string };
    await decide(
      who.reviewer1!,
      decision(id, 'accept-with-tolerance', 1, { toleranceDue: [{ requirementId: 'photo', dueBy: window.earliest }] }),
    );
    await decide(who.reviewer1!, decision(id, 'confirm-supplied', 1));
    s.clock.now += 30 * DAY;
    expect(await expireOverdueTolerance(s.app.store, { toleranceGraceDays: 3 }, s.clock.now)).not.toContain(id);
    expect((await s.app.store.cases.get(id))?.status).toBe('accepted');
  });
});

describe('回访 and 归档', () => {
  it('records the follow-up call apart from the rating, and archives only in the township', async () => {
    const built = await submitCase(who.agent1!);
    const id = built.submission.case.id;
    for (const d of [
      decision(id, 'accept', 1),
      decision(id, 'complete', 1, { outcome: '已核准', delivery: { method: 'collect', servicePoint: '彭村村代办点' } }),
    ])
      expect((await decide(who.reviewer1!, d)).statusCode).toBe(200);
    // Not yet delivered: no follow-up, no archive.
    const early = await decide(
      who.reviewer1!,
      decision(id, 'follow-up', 1, { followUp: { reached: true, satisfied: true, note: '' } }),
    );
    expect([early.statusCode, early.json().code]).toEqual([409, 'case.illegal_transition']);
    expect((await decide(who.reviewer1!, decision(id, 'deliver', 1))).statusCode).toBe(200);

    const noOutcome = await decide(who.reviewer1!, decision(id, 'follow-up', 1));
    expect([noOutcome.statusCode, noOutcome.json().code]).toEqual([422, 'decision.follow_up_required']);
    // Reached but no answer about satisfaction: the contract refuses it.
    const half = await decide(who.reviewer1!, decision(id, 'follow-up', 1, { followUp: { reached: true, note: '' } }));
    expect(half.statusCode).toBe(400);
    const call = decision(id, 'follow-up', 1, { followUp: { reached: true, satisfied: false, note: '希望早点到账' } });
    expect((await decide(who.reviewer2!, call)).statusCode).toBe(404);
    const res = await decide(who.reviewer1!, call);
    expect(res.json().case.status).toBe('followed_up');
    const event = (await s.app.store.audit.forCase(id)).find((e) => e.action === 'follow-up');
    expect(event?.detail).toBe('已联系上，申请人不满意：希望早点到账');

    // The villager's own rating may still come after the call.
    const version = (await s.app.store.cases.get(id))!.version;
    const rating = {
      id: uuidv7(),
      deviceId: 'tablet-1',
      createdAt: s.clock.now,
      kind: 'rating.create' as const,
      baseVersion: version,
      payload: {
        id: uuidv7(),
        caseId: id,
        level: 4,
        sub: { efficiency: 4, skill: 4, attitude: 4 },
        comment: '',
        ratedAt: s.clock.now,
      },
    };
    expect((await push(s.app, who.agent1!.token, [rating])).results[0]).toMatchObject({ status: 'ok' });
    expect((await s.app.store.cases.get(id))?.status).toBe('rated');

    expect((await decide(who.reviewer2!, decision(id, 'archive', 1))).statusCode).toBe(404);
    expect((await decide(who.admin!, decision(id, 'archive', 1))).statusCode).toBe(403);
    expect((await decide(who.reviewer1!, decision(id, 'archive', 1))).json().case.status).toBe('archived');
    const twice = await decide(who.reviewer1!, decision(id, 'archive', 1));
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'case.illegal_transition']);
    expect((await detail(who.reviewer1!, id)).allowedDecisions).toEqual([]);
    expect((await auditOf(id)).slice(-3)).toEqual([
      ['follow-up', 'reviewer', 'followed_up'],
      ['rate', 'agent', 'rated'],
      ['archive', 'reviewer', 'archived'],
    ]);
  });

  it('counts refusals, the three kinds of ending, follow-ups and archives apart in the statistics', async () => {
    const res = await s.app.inject({
      url: '/api/stats?from=2026-01-01&to=2027-12-31',
      headers: bearer(who.reviewer1!.token),
    });
    expect(res.statusCode).toBe(200);
    const o = res.json().report.outcomes;
    // This file's cases in township 1: refused 1, returned-and-closed 1, tolerance expired 1, followed up 1.
    expect(o).toMatchObject({
      terminated: 0,
      toleranceExpired: 1,
      returnClosed: 1,
      archived: 1,
      followUps: { total: 1, reached: { count: 1, total: 1 }, satisfied: { count: 0, total: 1 } },
    });
    expect(o.refused.count).toBe(1);
    const csv = await s.app.inject({
      url: '/api/stats.csv?from=2026-01-01&to=2027-12-31',
      headers: bearer(who.reviewer1!.token),
    });
    expect(csv.body).toContain('办件结果,不予受理,1,');
    expect(csv.body).toContain('办件结果,终止（容缺逾期未补齐）,1,');
    expect(csv.body).toContain('按状态,不予受理,1,');
  });
});

describe('the periodic sweep', () => {
  it('runs at start and on its timer, without anyone calling it', async () => {
    const t = await startServer({ lifecycle: { toleranceGraceDays: 0, returnCloseDays: 10, sweepMs: 100 } });
    try {
      const agent = await login(t.app, 'agent1');
      const reviewer = await login(t.app, 'reviewer1');
      const built = buildCase({
        agentId: agent.user.id,
        villageCode: agent.user.villageCode!,
        now: t.clock.now,
        tolerate: [{ requirementId: 'photo', promisedBy: promise(t.clock.now) }],
      });
      await uploadAll(t.app, agent.token, built.files);
      await push(t.app, agent.token, [submitMutation(built.submission, t.clock.now)]);
      const id = built.submission.case.id;
      const window = (await t.app.inject({ url: `/api/review/cases/${id}`, headers: bearer(reviewer.token) })).json()
        .toleranceWindow as { earliest: string };
      const d = {
        ...decision(id, 'accept-with-tolerance', 1),
        toleranceDue: [{ requirementId: 'photo', dueBy: window.earliest }],
      };
      await t.app.inject({
        method: 'POST',
        url: `/api/review/cases/${id}/decisions`,
        headers: bearer(reviewer.token),
        payload: d,
      });
      t.clock.now += 20 * DAY;
      await vi.waitFor(async () => expect((await t.app.store.cases.get(id))?.status).toBe('terminated'), {
        timeout: 5_000,
        interval: 50,
      });
    } finally {
      await t.close();
    }
  });
});
