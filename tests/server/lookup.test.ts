// The public progress lookup: the number and the receipt's token open the case's progress as HTML
// and JSON with a masked name and nothing personal; a wrong token answers exactly like an unknown
// number; each route is limited per IP; the page has no script and is readable.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type Decision } from '../../src/domain';
import { bearer, login, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, resubmitMutation, submitMutation, type BuiltCase } from './fixtures';
import { redactUrl } from '../../src/server/lookup/log';

let s: TestServer;
type Login = Awaited<ReturnType<typeof login>>;
let agent: Login, reviewer: Login;
const TOKEN = 'k3m9xq2r7tvw4p8hzc6a';
const PER_MINUTE = 20;
let ipSeq = 0;
/** Every test its own client address: the rate limit counts per IP. */
const freshIp = () => `198.51.100.${++ipSeq}`;

beforeAll(async () => {
  s = await startServer({ lookup: { perMinute: PER_MINUTE, publicUrl: 'https://daiban.example.gov.cn' } });
  agent = await login(s.app, 'agent1');
  reviewer = await login(s.app, 'reviewer1');
});
afterAll(() => s.close());

async function submit(token: string | undefined): Promise<BuiltCase> {
  const built = buildCase({ agentId: agent.user.id, villageCode: agent.user.villageCode!, now: s.clock.now });
  if (token) built.submission.case.lookupToken = token;
  await uploadAll(s.app, agent.token, built.files);
  const { results } = await push(s.app, agent.token, [submitMutation(built.submission, s.clock.now)]);
  expect(results[0]).toMatchObject({ status: 'ok' });
  return built;
}

const decide = async (id: string, kind: Decision['kind'], revision: number, extra: Partial<Decision> = {}) => {
  const d: Decision = {
    id: uuidv7(),
    caseId: id,
    kind,
    reasons: [],
    toleranceDue: [],
    reviewerId: 'ignored',
    decidedAt: s.clock.now,
    revision,
    ...extra,
  };
  const res = await s.app.inject({
    method: 'POST',
    url: `/api/review/cases/${id}/decisions`,
    headers: bearer(reviewer.token),
    payload: d,
  });
  expect(res.statusCode, res.body).toBe(200);
};

const json = (number: string, t: string, ip = freshIp()) =>
  s.app.inject({
    url: `/api/public/cases/${encodeURIComponent(number)}?t=${encodeURIComponent(t)}`,
    remoteAddress: ip,
  });
const page = (number: string, t: string, ip = freshIp()) =>
  s.app.inject({ url: `/q/${encodeURIComponent(number)}?t=${encodeURIComponent(t)}`, remoteAddress: ip });

describe('public progress lookup', () => {
  let built: BuiltCase;
  let number: string;
  beforeAll(async () => {
    built = await submit(TOKEN);
    number = built.submission.case.number;
  });

  it('stores only the hash of the token', async () => {
    const row = await s.db.get<{ lookup_hash: string; data: string }>(
      'SELECT lookup_hash, data FROM cases WHERE id = ?',
      [built.submission.case.id],
    );
    expect(row?.lookup_hash).toBe(createHash('sha256').update(TOKEN).digest('hex'));
    expect((await s.app.store.cases.get(built.submission.case.id))?.data).not.toHaveProperty('lookupToken');
    const revisions = await s.app.store.cases.revisions(built.submission.case.id);
    expect(revisions[0]?.submission.case).not.toHaveProperty('lookupToken');
  });

  it('right token: the JSON answer with the masked name, status and dates, without a session', async () => {
    const res = await json(number, TOKEN);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({
      number,
      itemName: '高龄津贴申领',
      applicant: '张*福',
      status: 'submitted',
      statusLabel: '已提交',
      statusText: expect.stringContaining('等待审核'),
      submittedOn: '2026-03-02',
      acceptedOn: null,
      dueOn: null,
      promisedWorkingDays: 10,
      promisedLimit: '10 个工作日',
      deadlineLabel: null,
      completedOn: null,
      stillNeeded: [],
      returnReasons: [],
      updatedOn: '2026-03-02',
    });
  });

  it('the token as typed from paper (upper case, dashes) opens it too', async () => {
    const typed = 'K3M9X-Q2R7T-VW4P8-HZC6A';
    expect((await json(number, typed)).statusCode).toBe(200);
    expect((await page(number, typed)).statusCode).toBe(200);
  });

  it('right token: the HTML page shows the status, no script, readable', async () => {
    const res = await page(number, TOKEN);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    // The same CSP as the app (no inline script or style possible).
    const health = await s.app.inject({ url: '/api/health' });
    expect(res.headers['content-security-policy']).toBe(health.headers['content-security-policy']);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const html = res.body;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son\w+=/i); // no event handler attributes
    expect(html).not.toMatch(/style=/i);
    expect(html).toMatch(/^<!doctype html>\s*<html lang="zh-CN">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<h1>办理进度查询</h1>');
    expect(html).toContain('<h2>办件信息</h2>');
    expect(html).toContain('当前状态：已提交');
    expect(html).toContain('张*福');
    expect(html).toContain('高龄津贴申领');
    expect(html).toContain(number);
    const css = await s.app.inject({ url: '/q/style.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toMatch(/font-size:20px/);
  });

  it('wrong token, unknown number, malformed or missing token: one identical 404', async () => {
    const wrong = 'k3m9xq2r7tvw4p8hzc6b';
    const cases: [string, string][] = [
      [number, wrong],
      [`${number}0`, TOKEN],
      ['DB-000000000000-20260302-XX001', wrong],
      [number, 'not a token'],
      [number, ''],
    ];
    const jsonAnswers = await Promise.all(cases.map(([n, t]) => json(n, t)));
    const pageAnswers = await Promise.all(cases.map(([n, t]) => page(n, t)));
    for (const res of jsonAnswers) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ code: 'lookup.not_found', message: '没有找到这个办件，请核对办件编号和查询码' });
      expect(res.headers['content-type']).toBe(jsonAnswers[0]!.headers['content-type']);
      expect(res.headers['content-length']).toBe(jsonAnswers[0]!.headers['content-length']);
    }
    for (const res of pageAnswers) {
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(pageAnswers[0]!.body);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('没有找到这个办件');
      expect(res.body).not.toMatch(/<script/i);
    }
    // Without the t parameter at all.
    const bare = await s.app.inject({ url: `/q/${number}`, remoteAddress: freshIp() });
    expect(bare.statusCode).toBe(404);
    expect(bare.body).toBe(pageAnswers[0]!.body);
  });

  it('a case from before tokens cannot be opened by any token', async () => {
    const old = await submit(undefined);
    for (const t of [TOKEN, '', '00000000000000000000'])
      expect((await json(old.submission.case.number, t)).statusCode).toBe(404);
  });

  it('no ID number, phone, address, bank card or full name anywhere in either answer', async () => {
    const p = built.submission.applicant;
    const answers = [(await json(number, TOKEN)).body, (await page(number, TOKEN)).body];
    for (const body of answers) {
      for (const secret of [p.idNumber, p.phone!, p.address!, p.bankCard!, p.name, p.birthDate, p.id])
        expect(body).not.toContain(secret);
      expect(body).not.toMatch(/\d{17}[\dXx]/); // nothing shaped like an ID number
      expect(body).not.toMatch(/1[3-9]\d{9}/); // nothing shaped like a mobile number
    }
  });

  it('follows the case: returned (reasons in plain words) → accepted with tolerance (still needed, due date) → completed', async () => {
    const id = built.submission.case.id;
    await decide(id, 'return', 1, {
      reasons: [
        { target: 'photo', code: 'blurred', text: '' },
        { target: 'field:phone', code: 'other', text: '电话13900001111打不通' },
      ],
    });
    let answer = (await json(number, TOKEN)).json();
    expect(answer).toMatchObject({ status: 'returned', statusLabel: '退回补正' });
    expect(answer.returnReasons).toEqual([
      { what: '近期免冠1寸照片', reason: '照片模糊' },
      { what: '联系电话', reason: '其他' },
    ]);
    let html = (await page(number, TOKEN)).body;
    expect(html).toContain('<h2>需要补正的内容</h2>');
    expect(html).toContain('近期免冠1寸照片：照片模糊');
    expect(html).not.toContain('13900001111'); // the reviewer's free text stays inside

    // Resubmitted with the photo under tolerance (容缺), then accepted with tolerance.
    const again = buildCase({
      agentId: agent.user.id,
      villageCode: agent.user.villageCode!,
      now: s.clock.now,
      applicant: built.submission.applicant,
      tolerate: [{ requirementId: 'photo', promisedBy: '2026-03-09' }],
    });
    const resubmission = {
      ...again.submission,
      // A different token on a resubmission never replaces the printed one.
      case: { ...again.submission.case, id, number, lookupToken: 'zzzzzzzzzzzzzzzzzzzz' },
      materials: again.submission.materials.map((m) => ({ ...m, caseId: id })),
    };
    await uploadAll(s.app, agent.token, again.files);
    expect((await push(s.app, agent.token, [resubmitMutation(resubmission, 2, s.clock.now)])).results[0]).toMatchObject(
      { status: 'ok' },
    );
    expect((await json(number, 'zzzzzzzzzzzzzzzzzzzz')).statusCode).toBe(404);
    await decide(id, 'accept-with-tolerance', 2, { toleranceDue: [{ requirementId: 'photo', dueBy: '2026-03-10' }] });
    answer = (await json(number, TOKEN)).json();
    expect(answer).toMatchObject({
      status: 'accepted_tolerance',
      acceptedOn: '2026-03-02',
      dueOn: '2026-03-16', // 10 working days after Monday 2 March
      deadlineLabel: '剩余10个工作日',
      stillNeeded: [{ name: '近期免冠1寸照片', dueBy: '2026-03-10' }],
      returnReasons: [],
      completedOn: null,
    });
    html = (await page(number, TOKEN)).body;
    expect(html).toContain('<h2>还需补齐的材料</h2>');
    expect(html).toContain('近期免冠1寸照片，请在2026年3月10日前补齐');
    expect(html).toContain('2026年3月16日（剩余10个工作日）');

    await decide(id, 'confirm-supplied', 2);
    s.clock.now += 3 * 86_400_000; // Thursday 5 March
    await decide(id, 'complete', 2, {
      outcome: '已核准',
      delivery: { method: 'collect', servicePoint: '彭村村代办点' },
    });
    answer = (await json(number, TOKEN)).json();
    expect(answer).toMatchObject({
      status: 'completed',
      acceptedOn: '2026-03-02',
      dueOn: '2026-03-16',
      completedOn: '2026-03-05',
      deadlineLabel: null,
      stillNeeded: [],
    });
    html = (await page(number, TOKEN)).body;
    expect(html).toContain('当前状态：办结');
    expect(html).toContain('<dt>办结日期</dt><dd>2026年3月5日</dd>');
  });

  it('is limited per IP on each routed path; the other IP and the other route are untouched', async () => {
    const ip = freshIp();
    for (let i = 0; i < PER_MINUTE; i++) expect((await json(number, `wrong${i}`, ip)).statusCode).toBe(404);
    const limited = await json(number, TOKEN, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate.limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // A percent-encoded path reaches the same route and the same bucket.
    const encoded = await s.app.inject({ url: `/api/publi%63/cases/${number}?t=${TOKEN}`, remoteAddress: ip });
    expect(encoded.statusCode).toBe(429);
    // Another address is not affected.
    expect((await json(number, TOKEN, freshIp())).statusCode).toBe(200);
    // The page has its own bucket, and answers its 429 as a page.
    for (let i = 0; i < PER_MINUTE; i++) expect((await page(number, `wrong${i}`, ip)).statusCode).toBe(404);
    const limitedPage = await page(number, TOKEN, ip);
    expect(limitedPage.statusCode).toBe(429);
    expect(limitedPage.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(limitedPage.headers['retry-after']).toBeDefined();
    expect(limitedPage.body).toContain('查询过于频繁');
    // A minute later it opens again.
    s.clock.now += 61_000;
  });

  it('the public address is part of the contract, and tokens never reach the logs', async () => {
    const res = await s.app.inject({ url: '/api/public/lookup-base', remoteAddress: freshIp() });
    expect(res.json()).toEqual({ baseUrl: 'https://daiban.example.gov.cn' });
    expect(redactUrl(`/q/${number}?t=${TOKEN}`)).toBe(`/q/${number}?t=[redacted]`);
    expect(redactUrl(`/api/public/cases/${number}?x=1&t=${TOKEN}`)).not.toContain(TOKEN);
  });
});
