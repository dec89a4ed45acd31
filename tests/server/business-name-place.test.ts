// Issue 15, defect 5 on the server: the reviewer's report checks a 个体户 name against the
// applicant's county from the imported divisions (广德市 in the test county), while the submission
// check itself passes no place (the device may know fewer names than the server).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, submitMutation } from './fixtures';

let s: TestServer;
let agent: Awaited<ReturnType<typeof login>>;
let reviewer: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  s = await startServer();
  agent = await login(s.app, 'agent1');
  reviewer = await login(s.app, 'reviewer1');
});
afterAll(() => s.close());

async function submitted(businessName: string) {
  const built = buildCase({
    itemCode: 'SC-GTGSH-SL',
    agentId: agent.user.id,
    villageCode: agent.user.villageCode!,
    now: s.clock.now,
  });
  built.submission.case.fields = { ...built.submission.case.fields, businessName, businessScope: '日用百货销售' };
  await uploadAll(s.app, agent.token, built.files);
  const { results } = await push(s.app, agent.token, [submitMutation(built.submission, s.clock.now)]);
  expect(results[0]).toMatchObject({ status: 'ok' });
  const res = await s.app.inject({
    url: `/api/review/cases/${built.submission.case.id}`,
    headers: bearer(reviewer.token),
  });
  expect(res.statusCode).toBe(200);
  return res.json() as { report: { findings: { code: string; message: string; target: unknown }[] } };
}

describe('个体户 name against the county on the reviewer’s report', () => {
  it('shows a name without 广德市 as a division warning', async () => {
    const d = await submitted('老王便利店');
    const f = d.report.findings.find((x) => x.code === 'bizname.division');
    expect(f?.message).toContain('广德市');
    expect(f?.target).toEqual({ type: 'field', key: 'businessName' });
  });

  it('accepts the county, short or full, followed by the town', async () => {
    for (const name of ['广德市桃州老王便利店', '广德老王便利店']) {
      const d = await submitted(name);
      expect(d.report.findings.filter((x) => x.code.startsWith('bizname.'))).toEqual([]);
    }
  });
});
