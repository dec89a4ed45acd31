// Time limits in their unit on the real server (issue 15, defect 4): a 居民身份证补领 accepted on
// 2026-09-21 is due 30 calendar days later (2026-10-21), not 30 working days; 中止 moves it by
// calendar days; the public lookup names the unit. Dates counted by hand on the 2026 calendar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type Decision } from '../../src/domain';
import { bearer, DAY, login, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, submitMutation } from './fixtures';
import { DEFAULT_SESSION_POLICY } from '../../src/server/config';

let s: TestServer;
type Login = Awaited<ReturnType<typeof login>>;
let agent: Login, reviewer: Login;
const TOKEN = 'q7m2xk9r4tvw8p3hzc5b';

beforeAll(async () => {
  // The suite moves the clock days ahead with the same logins: sessions must not idle out meanwhile.
  s = await startServer({ sessions: { ...DEFAULT_SESSION_POLICY, idleMs: 90 * DAY } });
  s.clock.now = Date.parse('2026-09-21T01:00:00Z');
  agent = await login(s.app, 'agent1');
  reviewer = await login(s.app, 'reviewer1');
});
afterAll(() => s.close());

async function submit(itemCode: string): Promise<{ id: string; number: string }> {
  const built = buildCase({ itemCode, agentId: agent.user.id, villageCode: agent.user.villageCode!, now: s.clock.now });
  built.submission.case.lookupToken = TOKEN;
  await uploadAll(s.app, agent.token, built.files);
  const { results } = await push(s.app, agent.token, [submitMutation(built.submission, s.clock.now)]);
  expect(results[0]).toMatchObject({ status: 'ok' });
  return { id: built.submission.case.id, number: built.submission.case.number };
}

async function decide(id: string, kind: Decision['kind'], extra: Partial<Decision> = {}) {
  const d: Decision = {
    id: uuidv7(),
    caseId: id,
    kind,
    reasons: [],
    toleranceDue: [],
    reviewerId: 'ignored',
    decidedAt: s.clock.now,
    revision: 1,
    ...extra,
  };
  const res = await s.app.inject({
    method: 'POST',
    url: `/api/review/cases/${id}/decisions`,
    headers: bearer(reviewer.token),
    payload: d,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().case as { status: string; acceptedOn: string; dueOn: string };
}

describe('time limits with their unit', () => {
  it('居民身份证补领: due 30 calendar days after acceptance; 中止 moves it by calendar days', async () => {
    s.clock.now = Date.parse('2026-09-21T02:00:00Z'); // Monday
    const { id, number } = await submit('GA-SFZ-BL');
    // 9-21 + 30 days = 10-21 (Wednesday). In working days it would be 11-09 (past 中秋 and 国庆).
    expect(await decide(id, 'accept')).toMatchObject({ acceptedOn: '2026-09-21', dueOn: '2026-10-21' });

    const lookup = await s.app.inject({
      url: `/api/public/cases/${encodeURIComponent(number)}?t=${TOKEN}`,
      remoteAddress: '198.51.100.7',
    });
    expect(lookup.json()).toMatchObject({
      promisedWorkingDays: null,
      promisedLimit: '30 个自然日',
      dueOn: '2026-10-21',
    });
    const html = await s.app.inject({
      url: `/q/${encodeURIComponent(number)}?t=${TOKEN}`,
      remoteAddress: '198.51.100.8',
    });
    expect(html.body).toContain('30 个自然日');

    expect((await decide(id, 'suspend', { note: '等待户籍核查结果' })).status).toBe('suspended');
    s.clock.now = Date.parse('2026-09-29T02:00:00Z'); // 8 calendar days, 5 working days later
    // 10-21 + 8 days = 10-29 (Thursday); by working days it would have been 10-28.
    expect(await decide(id, 'resume')).toMatchObject({ status: 'accepted', dueOn: '2026-10-29' });
  });

  it('working-day items still count working days', async () => {
    s.clock.now = Date.parse('2026-09-21T02:00:00Z');
    const { id } = await submit('MZ-GLJT');
    // 10 working days: 9-22, 23, 24, 28, 29, 30, 10-08, 09, 10 (worked Saturday), 12.
    expect(await decide(id, 'accept')).toMatchObject({ dueOn: '2026-10-12' });
  });
});
