// POST /api/sync/push: exactly-once application, stored results for replays, retry for missing
// files, rules and scope re-checked on the server, optimistic concurrency on resubmission.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type Mutation } from '../../src/domain';
import { bearer, login, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, makePerson, resubmitMutation, sha256, submitMutation } from './fixtures';

let s: TestServer;
let a1: Awaited<ReturnType<typeof login>>;
let a2: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  s = await startServer();
  a1 = await login(s.app, 'agent1');
  a2 = await login(s.app, 'agent2');
});
afterAll(() => s.close());

const count = async (sql: string, params: (string | number)[] = []) =>
  Number((await s.db.get<{ n: number }>(sql, params))!.n);

async function preparedCase(agent = a1, options: Partial<Parameters<typeof buildCase>[0]> = {}) {
  const built = buildCase({
    agentId: agent.user.id,
    villageCode: agent.user.villageCode!,
    now: s.clock.now,
    ...options,
  });
  await uploadAll(s.app, agent.token, built.files);
  return built;
}

describe('case.submit', () => {
  it('applies a valid submission once: case, revision, change row, audit', async () => {
    const { submission } = await preparedCase();
    const m = submitMutation(submission, s.clock.now);
    const { results } = await push(s.app, a1.token, [m]);
    expect(results).toEqual([{ id: m.id, status: 'ok', version: 1 }]);
    const row = await s.db.get<{ status: string; version: number; revision: number; township_code: string }>(
      'SELECT status, version, revision, township_code FROM cases WHERE id = ?',
      [submission.case.id],
    );
    expect(row).toEqual({ status: 'submitted', version: 1, revision: 1, township_code: '341822100000' });
    expect(await count('SELECT COUNT(*) AS n FROM changes WHERE case_id = ?', [submission.case.id])).toBe(1);
    const audit = await s.app.store.audit.forCase(submission.case.id);
    expect(audit.map((e) => [e.action, e.from, e.to, e.actor.role])).toEqual([
      ['submit', 'ready', 'queued', 'agent'],
      ['sync-accepted', 'queued', 'submitted', 'system'],
    ]);
  });

  it("refuses a submission that reuses another case's material id, and leaves that case's material as it was", async () => {
    const first = await preparedCase();
    expect((await push(s.app, a1.token, [submitMutation(first.submission, s.clock.now)])).results[0]!.status).toBe(
      'ok',
    );
    const taken = first.submission.materials[0]!;
    const before = await s.db.get<{ data: string; case_id: string }>(
      'SELECT data, case_id FROM materials WHERE id = ?',
      [taken.id],
    );
    const second = await preparedCase();
    const own = second.submission.materials[0]!;
    second.submission.materials[0] = { ...own, id: taken.id };
    const m = submitMutation(second.submission, s.clock.now);
    const { results } = await push(s.app, a1.token, [m]);
    expect(results[0]).toMatchObject({ id: m.id, status: 'rejected', code: 'case.inconsistent' });
    expect(await s.db.get('SELECT data, case_id FROM materials WHERE id = ?', [taken.id])).toEqual(before);
    expect(await count('SELECT COUNT(*) AS n FROM cases WHERE id = ?', [second.submission.case.id])).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM materials WHERE case_id = ?', [second.submission.case.id])).toBe(0);
  });

  it('does not rewrite an applicant sent again unchanged, nor announce it to the village again', async () => {
    const first = await preparedCase();
    const applicant = first.submission.applicant;
    expect((await push(s.app, a1.token, [submitMutation(first.submission, s.clock.now)])).results[0]!.status).toBe(
      'ok',
    );
    // The second copy is merged with the stored one (the stored profile may change form once).
    const second = await preparedCase(a1, { applicant });
    expect((await push(s.app, a1.token, [submitMutation(second.submission, s.clock.now)])).results[0]!.status).toBe(
      'ok',
    );
    const stored = await s.db.get<{ data: string }>('SELECT data FROM persons WHERE id = ?', [applicant.id]);
    const personChanges = () => count(`SELECT COUNT(*) AS n FROM changes WHERE type = 'person'`);
    const before = await personChanges();
    const again = await preparedCase(a1, { applicant });
    expect((await push(s.app, a1.token, [submitMutation(again.submission, s.clock.now)])).results[0]!.status).toBe(
      'ok',
    );
    // Sealing again would give another ciphertext (a new iv): the very same text means no write.
    expect(await s.db.get('SELECT data FROM persons WHERE id = ?', [applicant.id])).toEqual(stored);
    expect(await personChanges()).toBe(before);
    // A changed profile is written and announced.
    const moved = await preparedCase(a1, { applicant: { ...applicant, phone: '13900001111' } });
    expect((await push(s.app, a1.token, [submitMutation(moved.submission, s.clock.now)])).results[0]!.status).toBe(
      'ok',
    );
    expect(await s.db.get('SELECT data FROM persons WHERE id = ?', [applicant.id])).not.toEqual(stored);
    expect(await personChanges()).toBe(before + 1);
  });

  it('answers a replay with the stored result and applies nothing twice', async () => {
    const { submission } = await preparedCase();
    const m = submitMutation(submission, s.clock.now);
    const first = await push(s.app, a1.token, [m]);
    const second = await push(s.app, a1.token, [m]);
    expect(second).toEqual(first);
    expect(await count('SELECT COUNT(*) AS n FROM applied_mutations WHERE mutation_id = ?', [m.id])).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM cases WHERE id = ?', [submission.case.id])).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM changes WHERE case_id = ?', [submission.case.id])).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM audit WHERE case_id = ?', [submission.case.id])).toBe(2);
  });

  it('applies concurrent duplicate pushes over real HTTP exactly once', async () => {
    const { submission } = await preparedCase();
    const m = submitMutation(submission, s.clock.now);
    const other = submitMutation(submission, s.clock.now); // same case, a second mutation id
    const url = await s.app.listen({ port: 0, host: '127.0.0.1' });
    const send = (mutations: Mutation[]) =>
      fetch(`${url}/api/sync/push`, {
        method: 'POST',
        headers: { ...bearer(a1.token), 'content-type': 'application/json' },
        body: JSON.stringify({ deviceId: 'tablet-1', mutations }),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { results: { id: string; status: string; code?: string }[] },
      }));
    const answers = await Promise.all([...Array.from({ length: 8 }, () => send([m])), send([other]), send([other])]);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const forM = answers.slice(0, 8).map((a) => a.body.results[0]);
    expect(new Set(forM.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(forM[0]).toEqual({ id: m.id, status: 'ok', version: 1 });
    // The other mutation id for the same case was refused (stored), identically both times.
    expect(answers[8]!.body.results[0]).toMatchObject({ status: 'rejected', code: 'case.exists' });
    expect(answers[9]!.body).toEqual(answers[8]!.body);
    expect(
      await count('SELECT COUNT(*) AS n FROM applied_mutations WHERE mutation_id IN (?, ?)', [m.id, other.id]),
    ).toBe(2);
    expect(await count('SELECT COUNT(*) AS n FROM case_revisions WHERE case_id = ?', [submission.case.id])).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM changes WHERE case_id = ?', [submission.case.id])).toBe(1);
  });

  it('asks to retry (blob.missing) until every referenced file has arrived, storing nothing meanwhile', async () => {
    const built = buildCase({ agentId: a1.user.id, villageCode: a1.user.villageCode!, now: s.clock.now });
    const [first, second, ...rest] = built.files;
    await uploadAll(s.app, a1.token, rest);
    const m = submitMutation(built.submission, s.clock.now);
    const { results } = await push(s.app, a1.token, [m]);
    expect(results[0]).toMatchObject({ id: m.id, status: 'retry', code: 'blob.missing' });
    expect(new Set(results[0]!.missingBlobs)).toEqual(new Set([sha256(first!), sha256(second!)]));
    expect(results[0]!.message).toMatch(/没有上传完成/);
    expect(await count('SELECT COUNT(*) AS n FROM applied_mutations WHERE mutation_id = ?', [m.id])).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM cases WHERE id = ?', [built.submission.case.id])).toBe(0);

    await uploadAll(s.app, a1.token, [first!, second!]);
    expect((await push(s.app, a1.token, [m])).results[0]).toEqual({ id: m.id, status: 'ok', version: 1 });
  });

  it('re-runs the item rules: a failing case is rejected with the Chinese reasons, and stays rejected', async () => {
    // 城乡居民养老保险参保登记 is for ages 16–59; the fixture applicant is 85.
    const { submission } = await preparedCase(a1, { itemCode: 'SB-JMYL-CB' });
    const m = submitMutation(submission, s.clock.now);
    const { results } = await push(s.app, a1.token, [m]);
    expect(results[0]).toMatchObject({ id: m.id, status: 'rejected', code: 'rules.failed' });
    expect(results[0]!.message).toMatch(/^乡镇服务器复核未通过：.*85周岁/);
    expect(await count('SELECT COUNT(*) AS n FROM cases WHERE id = ?', [submission.case.id])).toBe(0);
    expect(await push(s.app, a1.token, [m])).toEqual({ results });
  });

  it('rejects unacknowledged warnings the tablet should have shown', async () => {
    const applicant = makePerson(
      a1.user.villageCode!,
      { idCard: { issuedOn: '2016-03-10', validUntil: '2026-03-10' }, birthDate: '1940-05-12' },
      s.clock.now,
    );
    const { submission } = await preparedCase(a1, { applicant });
    const { results } = await push(s.app, a1.token, [submitMutation(submission, s.clock.now)]);
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'rules.failed' });
    expect(results[0]!.message).toMatch(/未确认的提醒/);
  });

  it('keeps each agent to their own village', async () => {
    const { submission } = await preparedCase(a1);
    const forged = { ...submission, case: { ...submission.case, villageCode: a2.user.villageCode! } };
    const { results } = await push(s.app, a1.token, [submitMutation(forged, s.clock.now)]);
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'scope.forbidden' });

    const reviewer = await login(s.app, 'reviewer1');
    const asReviewer = await push(s.app, reviewer.token, [submitMutation(submission, s.clock.now)]);
    expect(asReviewer.results[0]).toMatchObject({ status: 'rejected', code: 'auth.role' });

    // agent2 cannot withdraw or resubmit agent1's case, even knowing its id.
    expect((await push(s.app, a1.token, [submitMutation(submission, s.clock.now)])).results[0]!.status).toBe('ok');
    const withdraw: Mutation = {
      id: uuidv7(),
      deviceId: 'tablet-2',
      createdAt: s.clock.now,
      kind: 'case.withdraw',
      baseVersion: 1,
      payload: { caseId: submission.case.id, reason: '不办了' },
    };
    expect((await push(s.app, a2.token, [withdraw])).results[0]).toMatchObject({
      status: 'rejected',
      code: 'scope.forbidden',
    });
    expect((await push(s.app, a2.token, [resubmitMutation(submission, 1, s.clock.now)])).results[0]).toMatchObject({
      status: 'rejected',
      code: 'scope.forbidden',
    });
    // …nor reuse agent1's mutation id to read its result.
    expect((await push(s.app, a2.token, [withdraw])).results[0]!.code).toBe('scope.forbidden');
  });

  it('refuses a mutation id already used by another user', async () => {
    const { submission } = await preparedCase(a1);
    const m = submitMutation(submission, s.clock.now);
    expect((await push(s.app, a1.token, [m])).results[0]!.status).toBe('ok');
    const b = await preparedCase(a2);
    const hijack = { ...submitMutation(b.submission, s.clock.now), id: m.id };
    expect((await push(s.app, a2.token, [hijack])).results[0]).toMatchObject({
      status: 'rejected',
      code: 'mutation.id_conflict',
    });
  });

  it('validates the whole request: wrong types → 400 with details', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(a1.token),
      payload: {
        deviceId: 'tablet-1',
        mutations: [{ id: 'not-a-uuid', kind: 'case.submit', baseVersion: '0', payload: {} }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('request.invalid');
    expect(Array.isArray(res.json().details)).toBe(true);
    const empty = await s.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(a1.token),
      payload: { deviceId: 'x', mutations: [] },
    });
    expect(empty.statusCode).toBe(400);
  });
});

describe('case.resubmit and case.withdraw', () => {
  it('refuses a resubmission unless the case was returned and based on the current version', async () => {
    const { submission } = await preparedCase();
    expect((await push(s.app, a1.token, [submitMutation(submission, s.clock.now)])).results[0]!.status).toBe('ok');
    // Not returned yet: the state machine refuses.
    const early = await push(s.app, a1.token, [resubmitMutation(submission, 1, s.clock.now)]);
    expect(early.results[0]).toMatchObject({ status: 'rejected', code: 'case.illegal_transition' });

    const reviewer = await login(s.app, 'reviewer1');
    const ret = await s.app.inject({
      method: 'POST',
      url: `/api/review/cases/${submission.case.id}/decisions`,
      headers: bearer(reviewer.token),
      payload: {
        id: uuidv7(),
        caseId: submission.case.id,
        kind: 'return',
        reasons: [{ target: 'hukou', code: 'blurred', text: '' }],
        reviewerId: reviewer.user.id,
        decidedAt: s.clock.now,
        revision: 1,
      },
    });
    expect(ret.statusCode).toBe(200);
    expect(ret.json().case).toMatchObject({ status: 'returned', version: 2 });

    const stale = await push(s.app, a1.token, [resubmitMutation(submission, 1, s.clock.now)]);
    expect(stale.results[0]).toMatchObject({ status: 'rejected', code: 'version.stale' });
    expect(stale.results[0]!.message).toMatch(/服务器版本 2/);
    const fresh = await push(s.app, a1.token, [resubmitMutation(submission, 2, s.clock.now)]);
    expect(fresh.results[0]).toMatchObject({ status: 'ok', version: 3 });
    const row = await s.app.store.cases.get(submission.case.id);
    expect(row).toMatchObject({ status: 'resubmitted', revision: 2, version: 3 });
    expect((await s.app.store.cases.revisions(submission.case.id)).map((r) => r.revision)).toEqual([1, 2]);
  });

  it('withdraws a submitted case, checked against the current version', async () => {
    const { submission } = await preparedCase();
    await push(s.app, a1.token, [submitMutation(submission, s.clock.now)]);
    const withdraw = (baseVersion: number): Mutation => ({
      id: uuidv7(),
      deviceId: 'tablet-1',
      createdAt: s.clock.now,
      kind: 'case.withdraw',
      baseVersion,
      payload: { caseId: submission.case.id, reason: '申请人不再需要' },
    });
    expect((await push(s.app, a1.token, [withdraw(0)])).results[0]).toMatchObject({
      status: 'rejected',
      code: 'version.stale',
    });
    expect((await push(s.app, a1.token, [withdraw(1)])).results[0]).toMatchObject({ status: 'ok', version: 2 });
    expect((await s.app.store.cases.get(submission.case.id))?.status).toBe('withdrawn');
    const audit = await s.app.store.audit.forCase(submission.case.id);
    expect(audit.at(-1)).toMatchObject({ action: 'withdraw', detail: '申请人不再需要' });
  });

  it('applies a batch in order: submit then withdraw in one push', async () => {
    const { submission } = await preparedCase();
    const withdraw: Mutation = {
      id: uuidv7(),
      deviceId: 'tablet-1',
      createdAt: s.clock.now,
      kind: 'case.withdraw',
      baseVersion: 1,
      payload: { caseId: submission.case.id, reason: '' },
    };
    const { results } = await push(s.app, a1.token, [submitMutation(submission, s.clock.now), withdraw]);
    expect(results.map((r) => r.status)).toEqual(['ok', 'ok']);
  });
});
