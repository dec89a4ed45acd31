// The holiday arrangements: only admins read and write them, each save is a new audited version
// sent to every device by pull, and the server's own deadlines (review list, statistics) carry
// the years they had to count Monday–Friday until the admin enters them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { uuidv7, type Change, type Decision } from '../../src/domain';
import { bearer, login, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, submitMutation } from './fixtures';

/** Monday 21 December 2026, 10:00 in Beijing: after 1 November, 2027 not entered yet. */
const DEC_21 = Date.parse('2026-12-21T02:00:00Z');

const YEAR_2027 = {
  year: 2027,
  source: '国务院办公厅关于2027年部分节假日安排的通知',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-01' },
    { name: '春节', from: '2027-02-06', to: '2027-02-14' },
  ],
  workingWeekends: [{ date: '2027-02-20', for: '春节' }],
};

let s: TestServer;
type Login = Awaited<ReturnType<typeof login>>;
const who: Record<string, Login> = {};
beforeAll(async () => {
  s = await startServer({ now: () => DEC_21 });
  for (const u of ['agent1', 'reviewer1', 'admin']) who[u] = await login(s.app, u);
});
afterAll(() => s.close());

const call = (app: FastifyInstance, token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: bearer(token), ...(payload && { payload }) });
async function pullAll(token: string): Promise<Change[]> {
  const all: Change[] = [];
  for (let cursor = 0, more = true; more;) {
    const page = (await call(s.app, token, 'GET', `/api/sync/pull?cursor=${cursor}&limit=200`)).json();
    all.push(...(page.changes as Change[]));
    ({ cursor, hasMore: more } = page);
  }
  return all;
}

describe('holiday arrangements', () => {
  it('refuses agents and reviewers (403) and the anonymous (401), writing nothing', async () => {
    for (const u of ['agent1', 'reviewer1']) {
      expect((await call(s.app, who[u]!.token, 'GET', '/api/admin/holidays')).statusCode).toBe(403);
      expect((await call(s.app, who[u]!.token, 'POST', '/api/admin/holidays', YEAR_2027)).statusCode).toBe(403);
    }
    expect((await s.app.inject({ method: 'POST', url: '/api/admin/holidays', payload: YEAR_2027 })).statusCode).toBe(
      401,
    );
    const rows = await s.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM holiday_years WHERE year = 2027`);
    expect(rows?.n).toBe(0);
  });

  it('lists the seeded built-in years and warns that 2027 is missing', async () => {
    const res = await call(s.app, who.admin!.token, 'GET', '/api/admin/holidays');
    expect(res.statusCode).toBe(200);
    expect(res.json().years.map((y: { year: number; version: number }) => [y.year, y.version])).toEqual([
      [2025, 1],
      [2026, 1],
    ]);
    expect(res.json().missingNextYear).toBe(2027);
  });

  it('refuses a weekday entered as a 调休 working day with a Chinese reason', async () => {
    const bad = { ...YEAR_2027, workingWeekends: [{ date: '2027-02-22', for: '春节' }] }; // a Monday
    const res = await call(s.app, who.admin!.token, 'POST', '/api/admin/holidays', bad);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('2027-02-22不是周末');
  });

  it('marks a deadline reaching into 2027 until the admin enters 2027, then pull delivers it', async () => {
    const agent = who.agent1!;
    const built = buildCase({ agentId: agent.user.id, villageCode: agent.user.villageCode!, now: DEC_21 });
    await uploadAll(s.app, agent.token, built.files);
    const { results } = await push(s.app, agent.token, [submitMutation(built.submission, DEC_21)]);
    expect(results[0]).toMatchObject({ status: 'ok' });
    const id = built.submission.case.id;
    const accept: Decision = {
      id: uuidv7(),
      caseId: id,
      kind: 'accept',
      reasons: [],
      toleranceDue: [],
      reviewerId: 'ignored',
      decidedAt: DEC_21,
      revision: 1,
    };
    const accepted = await call(s.app, who.reviewer1!.token, 'POST', `/api/review/cases/${id}/decisions`, accept);
    expect(accepted.statusCode, accepted.body).toBe(200);
    // Mon 21 Dec + 10 working days, Monday–Friday: 22–25, 28–31 Dec, 1 and 4 Jan.
    expect(accepted.json().case.dueOn).toBe('2027-01-04');
    const deadline = async () =>
      (await call(s.app, who.reviewer1!.token, 'GET', `/api/review/cases/${id}`)).json().deadline;
    expect((await deadline()).uncoveredYears).toEqual([2027]);
    const stats = async () =>
      (await call(s.app, who.reviewer1!.token, 'GET', '/api/stats?from=2026-12-01&to=2026-12-31')).json();
    expect((await stats()).uncoveredYears).toEqual([2027]);

    // A 居民身份证补领 counts 30 calendar days: Mon 21 Dec + 30 = Wed 20 Jan 2027, a working day
    // either way. Recounted as 22 working days it would move to 21 Jan once 元旦 is known.
    const sfz = buildCase({
      itemCode: 'GA-SFZ-BL',
      agentId: agent.user.id,
      villageCode: agent.user.villageCode!,
      now: DEC_21,
    });
    await uploadAll(s.app, agent.token, sfz.files);
    expect((await push(s.app, agent.token, [submitMutation(sfz.submission, DEC_21)])).results[0]).toMatchObject({
      status: 'ok',
    });
    const sfzId = sfz.submission.case.id;
    const sfzAccept = { ...accept, id: uuidv7(), caseId: sfzId };
    const sfzAccepted = await call(
      s.app,
      who.reviewer1!.token,
      'POST',
      `/api/review/cases/${sfzId}/decisions`,
      sfzAccept,
    );
    expect(sfzAccepted.json().case.dueOn).toBe('2027-01-20');

    const saved = await call(s.app, who.admin!.token, 'POST', '/api/admin/holidays', YEAR_2027);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().arrangement).toMatchObject({ year: 2027, version: 1 });
    // 1 January is 元旦 now: the same 10 working days end a day later, on the server and, through
    // a case.status change of the same version, on the agent's tablet; the case's trail says why.
    const detail = (await call(s.app, who.reviewer1!.token, 'GET', `/api/review/cases/${id}`)).json();
    expect(detail.case.dueOn).toBe('2027-01-05');
    const moved = (await pullAll(agent.token)).flatMap((c) => (c.type === 'case.status' && c.caseId === id ? [c] : []));
    expect(moved.at(-1)).toMatchObject({ status: 'accepted', dueOn: '2027-01-05', version: moved.at(-2)!.version });
    const trail = await s.db.all<{ action: string }>(
      `SELECT action FROM audit WHERE case_id = ? AND action = 'case.due_moved'`,
      [id],
    );
    expect(trail).toHaveLength(1);
    expect((await s.app.store.cases.get(sfzId))?.dueOn).toBe('2027-01-20');
    expect((await deadline()).uncoveredYears).toEqual([]);
    expect((await stats()).uncoveredYears).toEqual([]);
    const list = (await call(s.app, who.admin!.token, 'GET', '/api/admin/holidays')).json();
    expect(list.missingNextYear).toBeUndefined();

    // A second save is a new version; the agent's pull carries both, the newest last.
    const again = await call(s.app, who.admin!.token, 'POST', '/api/admin/holidays', {
      ...YEAR_2027,
      workingWeekends: [],
    });
    expect(again.json().arrangement.version).toBe(2);
    const years = (await pullAll(agent.token)).flatMap((c) => (c.type === 'holiday.year' ? [c.arrangement] : []));
    expect(years.map((y) => [y.year, y.version])).toEqual([
      [2025, 1],
      [2026, 1],
      [2027, 1],
      [2027, 2],
    ]);
    expect(years.at(-1)).toMatchObject({ holidays: YEAR_2027.holidays, workingWeekends: [] });
    // The reviewer's browser receives them too.
    expect((await pullAll(who.reviewer1!.token)).some((c) => c.type === 'holiday.year')).toBe(true);

    const audit = await s.db.all<{ action: string; entity_id: string }>(
      `SELECT action, entity_id FROM audit WHERE entity = 'holiday' AND action = 'holiday.save' ORDER BY seq`,
    );
    expect(audit).toEqual([
      { action: 'holiday.save', entity_id: '2027' },
      { action: 'holiday.save', entity_id: '2027' },
    ]);
  });

  it('keeps the saved years across a restart (the calendar is installed from the store)', async () => {
    await s.restart();
    const res = await call(s.app, (await login(s.app, 'admin')).token, 'GET', '/api/admin/holidays');
    expect(res.json().years.map((y: { year: number }) => y.year)).toEqual([2025, 2026, 2027]);
    expect(res.json().missingNextYear).toBeUndefined();
  });
});
