// POST /api/review/cases/:id/open: submitted|resubmitted → in_review (审核中). Scope, idempotency,
// the change row the village's agent pulls, and every decision still possible from in_review.
import { createApiClient } from '../../src/net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type Decision, type PullResponse } from '../../src/domain';
import { createCaseDetailSlice } from '../../src/state/reviewer/case-detail';
import { bearer, login, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, resubmitMutation, submitMutation } from './fixtures';

let s: TestServer;
type Login = Awaited<ReturnType<typeof login>>;
const who: Record<string, Login> = {};

beforeAll(async () => {
  s = await startServer();
  for (const u of ['agent1', 'agent2', 'agent4', 'reviewer1', 'reviewer2', 'admin']) who[u] = await login(s.app, u);
});
afterAll(() => s.close());

async function submitCase(agent: Login) {
  const built = buildCase({ agentId: agent.user.id, villageCode: agent.user.villageCode!, now: s.clock.now });
  await uploadAll(s.app, agent.token, built.files);
  const { results } = await push(s.app, agent.token, [submitMutation(built.submission, s.clock.now)]);
  expect(results[0]).toMatchObject({ status: 'ok', version: 1 });
  return built;
}

const open = (user: Login, id: string) =>
  s.app.inject({ method: 'POST', url: `/api/review/cases/${id}/open`, headers: bearer(user.token) });
const decide = (reviewer: Login, d: Decision) =>
  s.app.inject({
    method: 'POST',
    url: `/api/review/cases/${d.caseId}/decisions`,
    headers: bearer(reviewer.token),
    payload: d,
  });
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
const pull = async (user: Login, cursor = 0) =>
  (
    await s.app.inject({ url: `/api/sync/pull?cursor=${cursor}&limit=200`, headers: bearer(user.token) })
  ).json() as PullResponse;
const stored = async (id: string) => (await s.app.store.cases.get(id))!;

describe('opening a case for review', () => {
  it("only a reviewer of the case's township may open it", async () => {
    const id = (await submitCase(who.agent1!)).submission.case.id;
    const agent = await open(who.agent1!, id);
    expect(agent.statusCode).toBe(403);
    expect(agent.json().code).toBe('scope.forbidden');
    expect((await open(who.admin!, id)).statusCode).toBe(403);
    const otherTownship = await open(who.reviewer2!, id);
    expect(otherTownship.statusCode).toBe(404);
    expect(otherTownship.json().code).toBe('case.not_found');
    expect((await s.app.inject({ method: 'POST', url: `/api/review/cases/${id}/open` })).statusCode).toBe(401);
    expect((await open(who.reviewer1!, 'not-a-uuid')).statusCode).toBe(400);
    expect((await open(who.reviewer1!, uuidv7())).statusCode).toBe(404);
    expect(await stored(id)).toMatchObject({ status: 'submitted', version: 1 });
  });

  it("moves the case to in_review once, with an audit event and one change row the village's agent pulls", async () => {
    const id = (await submitCase(who.agent1!)).submission.case.id;
    const agentCursor = (await pull(who.agent1!)).cursor;
    const neighbourCursor = (await pull(who.agent2!)).cursor;
    const auditBefore = (await s.app.store.audit.forCase(id)).length;

    const first = await open(who.reviewer1!, id);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ opened: true, case: { id, status: 'in_review', version: 2, revision: 1 } });
    const again = await open(who.reviewer1!, id);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ opened: false, case: { id, status: 'in_review', version: 2, revision: 1 } });

    expect(await stored(id)).toMatchObject({
      status: 'in_review',
      version: 2,
      data: expect.objectContaining({ status: 'in_review', baseVersion: 2 }),
    });
    const audit = await s.app.store.audit.forCase(id);
    expect(audit).toHaveLength(auditBefore + 1);
    expect(audit.at(-1)).toMatchObject({
      action: 'open-review',
      from: 'submitted',
      to: 'in_review',
      actor: { role: 'reviewer', id: who.reviewer1!.user.id },
    });

    const pulled = await pull(who.agent1!, agentCursor);
    expect(pulled.changes.filter((c) => 'caseId' in c && c.caseId === id)).toEqual([
      expect.objectContaining({ type: 'case.status', status: 'in_review', version: 2 }),
    ]);
    // Another village of the same township does not receive it.
    expect((await pull(who.agent2!, neighbourCursor)).changes.some((c) => 'caseId' in c && c.caseId === id)).toBe(
      false,
    );
    // The detail shows it in review with the decisions still on offer.
    const detail = (
      await s.app.inject({ url: `/api/review/cases/${id}`, headers: bearer(who.reviewer1!.token) })
    ).json();
    expect(detail.case).toMatchObject({ status: 'in_review', version: 2 });
    expect(detail.allowedDecisions).toEqual(
      expect.arrayContaining(['accept', 'return', 'accept-with-tolerance', 'suspend', 'terminate']),
    );
    expect(detail.toleranceWindow).not.toBeNull();
  });

  it('refuses any status other than submitted, resubmitted or in_review with 409 review.not_openable', async () => {
    const id = (await submitCase(who.agent1!)).submission.case.id;
    expect((await decide(who.reviewer1!, decision(id, 'accept', 1))).statusCode).toBe(200);
    const res = await open(who.reviewer1!, id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'review.not_openable',
      message: expect.stringContaining('已受理'),
      details: { status: 'accepted', version: 2 },
    });
    expect(await stored(id)).toMatchObject({ status: 'accepted', version: 2 });
  });

  it('opens a resubmitted case; a decision on the old revision is still refused', async () => {
    const agent = who.agent1!;
    const built = await submitCase(agent);
    const id = built.submission.case.id;
    expect((await open(who.reviewer1!, id)).json().case.version).toBe(2);
    const ret = await decide(
      who.reviewer1!,
      decision(id, 'return', 1, { reasons: [{ target: 'photo', code: 'blurred', text: '' }] }),
    );
    expect(ret.json().case).toMatchObject({ status: 'returned', version: 3 });
    expect(
      (await push(s.app, agent.token, [resubmitMutation(built.submission, 3, s.clock.now)])).results[0],
    ).toMatchObject({ status: 'ok', version: 4 });
    expect((await open(who.reviewer1!, id)).json()).toEqual({
      opened: true,
      case: { id, status: 'in_review', version: 5, revision: 2 },
    });
    expect((await s.app.store.audit.forCase(id)).at(-1)).toMatchObject({
      action: 'open-review',
      from: 'resubmitted',
      to: 'in_review',
    });
    const stale = await decide(who.reviewer1!, decision(id, 'accept', 1));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('decision.stale_revision');
    expect((await decide(who.reviewer1!, decision(id, 'accept', 2))).json().case).toMatchObject({
      status: 'accepted',
      version: 6,
      revision: 2,
    });
  });

  it('an agent can no longer withdraw a case in review (withdraw is for cases not yet looked at)', async () => {
    const id = (await submitCase(who.agent1!)).submission.case.id;
    await open(who.reviewer1!, id);
    const withdraw = {
      id: uuidv7(),
      deviceId: 'tablet-1',
      createdAt: s.clock.now,
      kind: 'case.withdraw' as const,
      baseVersion: 2,
      payload: { caseId: id, reason: '群众不办了' },
    };
    expect((await push(s.app, who.agent1!.token, [withdraw])).results[0]).toMatchObject({
      status: 'rejected',
      code: 'case.illegal_transition',
    });
  });
});

describe('decisions from in_review', () => {
  const cases: [Decision['kind'], Partial<Decision>, string][] = [
    ['accept', {}, 'accepted'],
    ['return', { reasons: [{ target: 'photo', code: 'blurred', text: '' }] }, 'returned'],
    [
      'accept-with-tolerance',
      { toleranceDue: [{ requirementId: 'photo', dueBy: '2026-03-10' }] },
      'accepted_tolerance',
    ],
    ['suspend', { note: '等待县残联鉴定结果' }, 'suspended'],
    ['terminate', { note: '申请人已去世' }, 'terminated'],
  ];
  for (const [kind, extra, status] of cases) {
    it(`${kind} → ${status}, reaching the agent by pull`, async () => {
      const id = (await submitCase(who.agent1!)).submission.case.id;
      const cursor = (await pull(who.agent1!)).cursor;
      expect((await open(who.reviewer1!, id)).statusCode).toBe(200);
      const res = await decide(who.reviewer1!, decision(id, kind, 1, extra));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().case).toMatchObject({ status, version: 3, revision: 1 });
      const mine = (await pull(who.agent1!, cursor)).changes.filter((c) => 'caseId' in c && c.caseId === id);
      expect(mine.map((c) => [c.type, 'status' in c ? c.status : undefined])).toEqual([
        ['case.status', 'in_review'],
        ['decision', undefined],
        ['case.status', status],
      ]);
    });
  }
});

describe('the reviewer desk opens a submitted case when it shows it', () => {
  /** fetch over app.inject, recording each request; `offline` makes matching paths fail like a dropped network. */
  function deskFetch(offline?: RegExp) {
    const calls: string[] = [];
    const fetch = (async (input: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      calls.push(`${method} ${input}`);
      if (offline?.test(input)) throw new TypeError('Failed to fetch');
      const res = await s.app.inject({
        method: method as 'GET' | 'POST',
        url: input,
        headers: init?.headers as Record<string, string>,
        ...(typeof init?.body === 'string' && { payload: init.body }),
      });
      return new Response(res.body, {
        status: res.statusCode,
        headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') },
      });
    }) as typeof globalThis.fetch;
    return { fetch, calls };
  }
  const desk = (user: Login, offline?: RegExp) => {
    const net = deskFetch(offline);
    return {
      net,
      slice: createCaseDetailSlice(
        createApiClient({ fetch: net.fetch, token: () => user.token }),
        () => user.user.id,
        () => s.clock.now,
      ),
    };
  };

  it("a reviewer's desk opens it, then shows it in review; showing it again posts nothing", async () => {
    const id = (await submitCase(who.agent1!)).submission.case.id;
    const { net, slice } = desk(who.reviewer1!);
    await slice.load(id);
    expect(slice.detail.error.value).toBeNull();
    expect(slice.detail.data.value?.case).toMatchObject({ id, status: 'in_review', version: 2 });
    expect(slice.detail.data.value?.audit.at(-1)).toMatchObject({ action: 'open-review' });
    expect(net.calls).toEqual([
      `GET /api/review/cases/${id}`,
      `POST /api/review/cases/${id}/open`,
      `GET /api/review/cases/${id}`,
    ]);
    await slice.load(id);
    expect(net.calls.filter((c) => c.startsWith('POST'))).toHaveLength(1);
    expect(await stored(id)).toMatchObject({ status: 'in_review', version: 2 });
  });

  it('the county admin only reads it', async () => {
    const id = (await submitCase(who.agent1!)).submission.case.id;
    const { net, slice } = desk(who.admin!);
    await slice.load(id);
    expect(slice.detail.data.value?.case.status).toBe('submitted');
    expect(net.calls).toEqual([`GET /api/review/cases/${id}`]);
  });

  it('when the open request is lost, the case is still shown as submitted, without an error', async () => {
    const id = (await submitCase(who.agent1!)).submission.case.id;
    const { slice } = desk(who.reviewer1!, /\/open$/);
    await slice.load(id);
    expect(slice.detail.error.value).toBeNull();
    expect(slice.detail.data.value?.case.status).toBe('submitted');
    expect(await stored(id)).toMatchObject({ status: 'submitted', version: 1 });
  });
});
