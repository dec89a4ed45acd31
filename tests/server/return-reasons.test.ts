// A 退回补正's reasons must fit their targets (issue 14 item 10): the reviewer's form offers only
// the reasons that apply to each kind of material or field, and the server refuses a return whose
// reason does not fit (照片模糊 on a phone number) or whose target is not in the item — with a
// stable code and a Chinese message, the case untouched. Fitting reasons still pass.
// Real HTTP: the app listens on a free port; the case (高龄津贴, MZ-GLJT) is pushed by agent1.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type ReturnReason } from '../../src/domain';
import { login, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, submitMutation } from './fixtures';

let s: TestServer;
let base: string;
let reviewer: string;
let agent: Awaited<ReturnType<typeof login>>;

beforeAll(async () => {
  s = await startServer();
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`;
  agent = await login(s.app, 'agent1');
  reviewer = (await login(s.app, 'reviewer1')).token;
});
afterAll(() => s.close());

async function submitted(): Promise<string> {
  const built = buildCase({ agentId: agent.user.id, villageCode: agent.user.villageCode!, now: s.clock.now });
  await uploadAll(s.app, agent.token, built.files);
  const { results } = await push(s.app, agent.token, [submitMutation(built.submission, s.clock.now)]);
  expect(results[0]).toMatchObject({ status: 'ok' });
  return built.submission.case.id;
}

const returnWith = (caseId: string, reasons: ReturnReason[]) =>
  fetch(`${base}/api/review/cases/${caseId}/decisions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${reviewer}` },
    body: JSON.stringify({
      id: uuidv7(),
      caseId,
      kind: 'return',
      reasons,
      toleranceDue: [],
      reviewerId: 'ignored',
      decidedAt: s.clock.now,
      revision: 1,
    }),
  });

async function status(caseId: string): Promise<{ status: string; decisions: unknown[] }> {
  const res = await fetch(`${base}/api/review/cases/${caseId}`, { headers: { authorization: `Bearer ${reviewer}` } });
  const body = (await res.json()) as { case: { status: string }; decisions: unknown[] };
  return { status: body.case.status, decisions: body.decisions };
}

const reason = (target: string, code: ReturnReason['code'], text = ''): ReturnReason => ({ target, code, text });

describe('return reasons must fit their targets', () => {
  it('refuses 照片模糊 on the phone field: 422, stable code, Chinese message naming both; the case stays submitted', async () => {
    const id = await submitted();
    const res = await returnWith(id, [reason('field:phone', 'blurred')]);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { code: string; message: string; details: { problems: unknown[] } };
    expect(body.code).toBe('decision.reason_not_applicable');
    expect(body.message).toContain('“照片模糊”不适用于填写项“联系电话”');
    expect(body.details.problems).toEqual([
      { target: 'field:phone', code: 'blurred', problem: 'not-applicable', message: expect.any(String) },
    ]);
    expect(await status(id)).toEqual({ status: 'submitted', decisions: [] });
  });

  it.each([
    ['缺少签名 on an ID-card photo', reason('id-card-front', 'missing-signature')],
    ['照片模糊 on the signed entrustment', reason('entrustment', 'blurred')],
    ['号码错误 on a photo', reason('photo', 'wrong-number')],
    ['证件已过期 on the address field', reason('field:address', 'expired')],
    ['缺页 on the bank card number field', reason('field:bankCard', 'missing-pages')],
  ])('refuses %s', async (_name, r) => {
    const id = await submitted();
    const res = await returnWith(id, [r]);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { code: string }).code).toBe('decision.reason_not_applicable');
    expect((await status(id)).status).toBe('submitted');
  });

  it('refuses a target that is neither a material nor a field of the item', async () => {
    const id = await submitted();
    for (const target of ['no-such-material', 'field:noSuchField', 'field:', 'phone']) {
      const res = await returnWith(id, [reason(target, 'other', '看不清')]);
      expect(res.status, target).toBe(422);
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).toBe('decision.reason_unknown_target');
      expect(body.message).toContain(`退回对象“${target}”不是本事项的材料或填写项`);
    }
    expect((await status(id)).status).toBe('submitted');
  });

  it('refuses the whole return when one reason of several does not fit (nothing half-applied)', async () => {
    const id = await submitted();
    const res = await returnWith(id, [reason('photo', 'blurred'), reason('field:phone', 'glare')]);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { message: string; details: { problems: { target: string }[] } };
    expect(body.details.problems.map((p) => p.target)).toEqual(['field:phone']);
    expect(body.message).toContain('“反光或太暗”不适用于填写项“联系电话”');
    expect(await status(id)).toEqual({ status: 'submitted', decisions: [] });
  });

  it('accepts fitting reasons for photos, signatures and fields, and the case is returned', async () => {
    const id = await submitted();
    const res = await returnWith(id, [
      reason('id-card-front', 'blurred'),
      reason('id-card-back', 'glare'),
      reason('photo', 'expired'),
      reason('hukou', 'missing-pages'),
      reason('entrustment', 'missing-signature'),
      reason('entrustment', 'not-signer'),
      reason('field:phone', 'wrong-number'),
      reason('field:bankCard', 'not-applicants'),
      reason('field:idNumber', 'inconsistent-with-id'),
      reason('field:name', 'wrong-value'),
      reason('field:address', 'other', '地址少了门牌号'),
    ]);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { case: { status: string } }).case.status).toBe('returned');
    expect((await status(id)).status).toBe('returned');
    // The case's history names what was returned as people call it, not by its ids.
    const detail = await fetch(`${base}/api/review/cases/${id}`, { headers: { authorization: `Bearer ${reviewer}` } });
    const { audit } = (await detail.json()) as { audit: { action: string; detail?: string }[] };
    const returned = audit.find((e) => e.action === 'return')?.detail ?? '';
    expect(returned).toContain('近期免冠1寸照片：证件已过期');
    expect(returned).toContain('联系电话：号码错误');
    expect(returned).toContain('户籍地址：其他（地址少了门牌号）');
    expect(returned).not.toMatch(/field:|photo：|entrustment：/);
  });
});
