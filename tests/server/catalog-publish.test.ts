// The county admin publishes the service catalogue: versions numbered by the server and never
// changed, each in the pull feed and the audit; withdraw (停用) refuses new cases only; a submission
// is checked against the version its case was opened with; only admins may publish.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { PullResponse, ServiceItem } from '../../src/domain';
import { findItem } from '../../src/catalog';
import { DAY, bearer, login, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, submitMutation } from './fixtures';

let s: TestServer;
let admin: string;
let agent: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  s = await startServer();
  admin = (await login(s.app, 'admin')).token;
  agent = await login(s.app, 'agent1');
});
afterAll(() => s.close());

const call = (app: FastifyInstance, token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: bearer(token), ...(payload && { payload }) });

const builtIn = (code: string): ServiceItem => structuredClone(findItem(code)!);
/** The version of 高龄津贴 the server seeded (the built-in one); publishing numbers on from it. */
const SEEDED = findItem('MZ-GLJT')!.version;

async function publish(item: unknown) {
  return call(s.app, admin, 'POST', '/api/admin/catalog/publish', { item });
}

async function submit(itemCode: string, itemVersion: number, createdAt = s.clock.now) {
  const built = buildCase({ itemCode, agentId: agent.user.id, villageCode: agent.user.villageCode!, now: createdAt });
  built.submission.case.itemVersion = itemVersion;
  await uploadAll(s.app, agent.token, built.files);
  const { results } = await push(s.app, agent.token, [submitMutation(built.submission, s.clock.now)]);
  return results[0]!;
}

describe('publishing', () => {
  it('numbers the next version itself, keeps every version unchanged, and feeds tablets and the audit', async () => {
    const cursor = (await s.db.all<{ seq: number }>(`SELECT MAX(seq) AS seq FROM changes`))[0]!.seq;

    const edited = { ...builtIn('MZ-GLJT'), version: 99, promisedLimitDays: 3 };
    const res = await publish(edited);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().item).toMatchObject({ code: 'MZ-GLJT', version: SEEDED + 1, promisedLimitDays: 3 });

    // The built-in seed is still there as it was.
    expect((await s.app.store.catalog.version('MZ-GLJT', SEEDED))!.promisedLimitDays).toBe(
      findItem('MZ-GLJT')!.promisedLimitDays,
    );
    expect((await s.app.store.catalog.get('MZ-GLJT'))!.version).toBe(SEEDED + 1);
    const versions = await call(s.app, admin, 'GET', '/api/admin/catalog/MZ-GLJT/versions');
    expect(versions.json().versions.map((v: { version: number }) => v.version)).toEqual([SEEDED, SEEDED + 1]);

    // A version once written is never overwritten.
    expect(
      await s.app.store.catalog.publish({ ...edited, version: SEEDED + 1, promisedLimitDays: 9 }, s.clock.now, 'x'),
    ).toBe(false);
    expect((await s.app.store.catalog.version('MZ-GLJT', SEEDED + 1))!.promisedLimitDays).toBe(3);

    const pulled = await s.app.inject({ url: `/api/sync/pull?cursor=${cursor}`, headers: bearer(agent.token) });
    expect(pulled.statusCode, pulled.body).toBe(200);
    const changes = (pulled.json() as PullResponse).changes;
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ type: 'catalog.item', item: { code: 'MZ-GLJT', version: SEEDED + 1 } });

    const audit = await s.db.all<{ action: string; entity_id: string }>(
      `SELECT action, entity_id FROM audit WHERE entity = 'catalog' ORDER BY seq`,
    );
    expect(audit).toEqual([{ action: 'catalog.publish', entity_id: 'MZ-GLJT' }]);
  });

  it('refuses an unchanged item (409) and an invalid one (422 with each problem in Chinese)', async () => {
    const same = await publish(builtIn('MZ-GLJT'));
    // The built-in again is a change against the current (edited) version: publishing it is fine once…
    expect(same.statusCode).toBe(200);
    const again = await publish(builtIn('MZ-GLJT'));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('catalog.unchanged');

    const broken = builtIn('MZ-GLJT');
    broken.rules.push({ kind: 'required', ref: { source: 'field', key: 'noSuchField' } });
    broken.rules.push({ kind: 'page-count', material: 'no-such-material' });
    const res = await publish(broken);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('catalog.invalid');
    const messages = res.json().details.problems.map((p: { message: string }) => p.message);
    expect(messages).toContain('规则引用了不存在的表单字段“noSuchField”');
    expect(messages).toContain('规则引用了不存在的材料“no-such-material”');

    const notAnItem = await publish({ code: 'MZ-GLJT', name: 'x' });
    expect(notAnItem.statusCode).toBe(422);
    expect((await s.app.store.catalog.get('MZ-GLJT'))!.version).toBe(SEEDED + 2);
  });

  it('lets only admins publish, withdraw, list or save drafts (403 otherwise, nothing written)', async () => {
    for (const who of ['agent1', 'reviewer1']) {
      const { token } = await login(s.app, who);
      const attempts = [
        await call(s.app, token, 'POST', '/api/admin/catalog/publish', { item: builtIn('YB-LXBX') }),
        await call(s.app, token, 'POST', '/api/admin/catalog/YB-LXBX/withdraw', { withdrawn: true }),
        await call(s.app, token, 'GET', '/api/admin/catalog'),
        await call(s.app, token, 'POST', '/api/admin/catalog/YB-LXBX/draft', { data: {} }),
        await call(s.app, token, 'POST', '/api/admin/catalog/YB-LXBX/draft/discard'),
      ];
      for (const res of attempts) expect(res.statusCode, `${who} ${res.body}`).toBe(403);
    }
    expect((await s.app.store.catalog.get('YB-LXBX'))!.version).toBe(builtIn('YB-LXBX').version);
    expect(await s.app.store.catalog.drafts()).toEqual([]);
    expect(
      (await s.app.inject({ method: 'POST', url: '/api/admin/catalog/publish', payload: { item: {} } })).statusCode,
    ).toBe(401);
  });

  it('keeps a draft with its problems until it is published', async () => {
    const draft = { ...builtIn('YB-LXBX'), promisedLimitDays: 999 };
    const res = await call(s.app, admin, 'POST', '/api/admin/catalog/YB-LXBX/draft', { data: draft });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().problems).toEqual([{ path: 'promisedLimitDays', message: '承诺时限不能长于法定时限' }]);
    expect((await call(s.app, admin, 'GET', '/api/admin/catalog')).json().drafts).toHaveLength(1);
    expect((await publish({ ...draft, promisedLimitDays: 1 })).statusCode).toBe(200);
    expect((await call(s.app, admin, 'GET', '/api/admin/catalog')).json().drafts).toEqual([]);
  });

  it('throws a draft away on request (audited); the published version stays', async () => {
    await call(s.app, admin, 'POST', '/api/admin/catalog/MZ-LNRYDZ/draft', { data: { name: '半成品' } });
    const published = await s.app.store.catalog.get('MZ-LNRYDZ');
    const res = await call(s.app, admin, 'POST', '/api/admin/catalog/MZ-LNRYDZ/draft/discard');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ discarded: true });
    expect(await s.app.store.catalog.drafts()).toEqual([]);
    expect(await s.app.store.catalog.get('MZ-LNRYDZ')).toEqual(published);
    expect((await call(s.app, admin, 'POST', '/api/admin/catalog/MZ-LNRYDZ/draft/discard')).json()).toEqual({
      discarded: false,
    });
    const audit = await s.db.all<{ action: string }>(
      `SELECT action FROM audit WHERE entity = 'catalog' AND entity_id = 'MZ-LNRYDZ' AND action = 'catalog.draft_discard'`,
    );
    expect(audit).toHaveLength(1);
  });
});

describe('cases and versions', () => {
  it('evaluates a submission against the version its case was opened with', async () => {
    // The next version of 城乡居民养老保险参保登记 drops the age conditions; the fixture applicant is 85.
    const item = builtIn('SB-JMYL-CB');
    const seeded = item.version;
    item.rules = item.rules.filter((r) => r.kind !== 'age-range');
    const res = await publish(item);
    expect(res.json().item.version).toBe(seeded + 1);

    const onSeed = await submit('SB-JMYL-CB', seeded);
    expect(onSeed).toMatchObject({ status: 'rejected', code: 'rules.failed' });
    expect(onSeed.message).toMatch(/85周岁/);
    expect(await submit('SB-JMYL-CB', seeded + 1)).toMatchObject({ status: 'ok' });
    expect(await submit('SB-JMYL-CB', 7)).toMatchObject({ status: 'rejected', code: 'catalog.unknown_version' });
  });

  it('refuses new cases on a withdrawn item with a clear code but lets open ones through', async () => {
    const openedBefore = s.clock.now;
    s.clock.now += DAY;
    const res = await call(s.app, admin, 'POST', '/api/admin/catalog/MZ-GLJT/withdraw', { withdrawn: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().item).toMatchObject({ version: SEEDED + 3, withdrawn: true });
    s.clock.now += 1000;

    const fresh = await submit('MZ-GLJT', SEEDED);
    expect(fresh).toMatchObject({ status: 'rejected', code: 'catalog.withdrawn' });
    expect(fresh.message).toMatch(/已停用/);
    expect(await submit('MZ-GLJT', SEEDED, openedBefore)).toMatchObject({ status: 'ok' });

    const twice = await call(s.app, admin, 'POST', '/api/admin/catalog/MZ-GLJT/withdraw', { withdrawn: true });
    expect(twice.statusCode).toBe(409);
    const restored = await call(s.app, admin, 'POST', '/api/admin/catalog/MZ-GLJT/withdraw', { withdrawn: false });
    expect(restored.json().item.version).toBe(SEEDED + 4);
    expect(restored.json().item.withdrawn).toBeUndefined();
    expect(await submit('MZ-GLJT', SEEDED)).toMatchObject({ status: 'ok' });
    const actions = await s.db.all<{ action: string }>(
      `SELECT action FROM audit WHERE entity_id = 'MZ-GLJT' ORDER BY seq`,
    );
    expect(actions.map((a) => a.action)).toEqual([
      'catalog.publish',
      'catalog.publish',
      'catalog.withdraw',
      'catalog.restore',
    ]);
  });

  it('seeds the built-in catalogue only once: a restart keeps published versions', async () => {
    await s.restart();
    expect((await s.app.store.catalog.get('SB-JMYL-CB'))!.version).toBe(builtIn('SB-JMYL-CB').version + 1);
    expect((await s.app.store.catalog.versions('MZ-GLJT')).map((v) => v.withdrawn)).toEqual([
      false,
      false,
      false,
      true,
      false,
    ]);
  });
});
