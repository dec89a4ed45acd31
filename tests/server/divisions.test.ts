// The county division list for devices (GET /api/divisions) and the server's check of pushed
// profiles against it: scoped to the caller's own county, versioned with an ETag, and a profile
// whose code the county's imported list lacks is refused with a stable code, never stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { uuidv7 } from '../../src/domain';
import { hashPassword } from '../../src/server/auth/password';
import { bearer, login, MONDAY, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, makePerson, submitMutation } from './fixtures';

let s: TestServer;
type Login = Awaited<ReturnType<typeof login>>;
const who: Record<string, Login> = {};

/** The demo county's list as seeded (src/server/seed/demo-county.ts), written out by hand. */
const DEMO_LIST = [
  ['341822100000', '桃州镇'],
  ['341822100201', '彭村村'],
  ['341822100202', '南塘村'],
  ['341822100203', '太平村'],
  ['341822200000', '四合乡'],
  ['341822200201', '四合村'],
  ['341822200202', '芦村村'],
  ['341822200203', '耿村村'],
].map(([code, name]) => ({ code, name }));

beforeAll(async () => {
  s = await startServer();
  for (const u of ['agent1', 'reviewer1', 'admin']) who[u] = await login(s.app, u);
  // A second county on the same server, with its own township, village and agent.
  const store = s.app.store;
  await store.divisions.upsert({ code: '341823', name: '外县', level: 'county', parentCode: null });
  await store.divisions.upsert({ code: '341823100000', name: '外镇', level: 'township', parentCode: '341823' });
  await store.divisions.upsert({ code: '341823100201', name: '外村', level: 'village', parentCode: '341823100000' });
  await store.users.insert({
    id: uuidv7(MONDAY),
    username: 'outsider',
    name: '外县代办员',
    role: 'agent',
    villageCode: '341823100201',
    townshipCode: '341823100000',
    countyCode: '341823',
    passwordHash: await hashPassword('daiban123', 10),
    createdAt: MONDAY,
    disabledAt: null,
    mustChangePassword: false,
  });
  who.outsider = await login(s.app, 'outsider');
});
afterAll(() => s.close());

const get = (app: FastifyInstance, token: string | undefined, url = '/api/divisions', headers = {}) =>
  app.inject({ method: 'GET', url, headers: { ...(token ? bearer(token) : {}), ...headers } });

describe('GET /api/divisions', () => {
  it("gives an agent and a reviewer their own county's townships and villages, with an ETag", async () => {
    for (const u of ['agent1', 'reviewer1', 'admin']) {
      const res = await get(s.app, who[u]!.token);
      expect(res.statusCode, u).toBe(200);
      const body = res.json();
      expect(body.countyCode).toBe('341822');
      expect(body.divisions).toEqual(DEMO_LIST);
      expect(res.headers.etag).toBe(`"${body.version}"`);
    }
  });

  it('answers 304 without the list while the version is the one the device holds', async () => {
    const first = await get(s.app, who.agent1!.token);
    const version = first.json().version as string;
    for (const tag of [`"${version}"`, `W/"${version}"`, `"0000000000000000", "${version}"`]) {
      const again = await get(s.app, who.agent1!.token, '/api/divisions', { 'if-none-match': tag });
      expect(again.statusCode, tag).toBe(304);
      expect(again.body).toBe('');
    }
    const stale = await get(s.app, who.agent1!.token, '/api/divisions', { 'if-none-match': '"0123456789abcdef"' });
    expect(stale.statusCode).toBe(200);
    expect(stale.json().divisions).toEqual(DEMO_LIST);
  });

  it('refuses the anonymous (401) and never gives another county its list, whatever the request names', async () => {
    const anonymous = await get(s.app, undefined);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).not.toContain('341822100201');
    for (const url of ['/api/divisions', '/api/divisions?countyCode=341822', '/api/divisions?county=341822']) {
      const res = await get(s.app, who.outsider!.token, url);
      expect(res.statusCode, url).toBe(200);
      expect(res.json().countyCode).toBe('341823');
      expect(res.json().divisions).toEqual([
        { code: '341823100000', name: '外镇' },
        { code: '341823100201', name: '外村' },
      ]);
      expect(res.body).not.toContain('341822');
    }
    // The other county's ETag is not this county's version either.
    const mine = (await get(s.app, who.agent1!.token)).json().version;
    const theirs = await get(s.app, who.outsider!.token, '/api/divisions', { 'if-none-match': `"${mine}"` });
    expect(theirs.statusCode).toBe(200);
  });
});

describe('pushed profiles are checked against the imported list', () => {
  async function submit(divisionCode: string, now: number) {
    const agent = who.agent1!;
    const applicant = makePerson(agent.user.villageCode!, { divisionCode }, now);
    const built = buildCase({ agentId: agent.user.id, villageCode: agent.user.villageCode!, now, applicant });
    await uploadAll(s.app, agent.token, built.files);
    const m = submitMutation(built.submission, now);
    const [result] = (await push(s.app, agent.token, [m])).results;
    return { result: result!, applicant, m };
  }
  const stored = async (id: string) =>
    (await s.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM persons WHERE id = ?`, [id]))!.n;

  it('accepts a listed village, and a county without a list (structure only)', async () => {
    const listed = await submit('341822200203', MONDAY + 1);
    expect(listed.result.status).toBe('ok');
    // 东城区东华门街道 (110101001001): no list for that county on this server.
    const elsewhere = await submit('110101001001', MONDAY + 2);
    expect(elsewhere.result.status).toBe('ok');
    expect(await stored(elsewhere.applicant.id)).toBe(1);
  });

  it('refuses a well-formed code the county list lacks (person.division_unknown), storing nothing, the same on replay', async () => {
    for (const code of ['341822100299', '341822400401', '341822300201']) {
      const { result, applicant, m } = await submit(code, MONDAY + 10);
      expect(result, code).toMatchObject({ status: 'rejected', code: 'person.division_unknown' });
      expect(result.message).toContain(code);
      expect(result.message).toMatch(/撤回修改.*群众档案/);
      expect(await stored(applicant.id)).toBe(0);
      const caseRows = await s.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM cases WHERE id = ?`, [
        m.payload.case.id,
      ]);
      expect(caseRows!.n).toBe(0);
      const [replayed] = (await push(s.app, who.agent1!.token, [m])).results;
      expect(replayed).toEqual(result);
    }
  });

  it('refuses a code that is not a 12-digit division code (person.division_invalid), whatever the county', async () => {
    // 6 digits (a county), town 600 (unassigned by GB/T 10114), village 000.
    for (const code of ['341822', '341822600201', '110101001000']) {
      const { result, applicant } = await submit(code, MONDAY + 15);
      expect(result, code).toMatchObject({ status: 'rejected', code: 'person.division_invalid' });
      expect(result.message).toMatch(/行政区划代码.*撤回修改/);
      expect(await stored(applicant.id)).toBe(0);
    }
  });

  it('accepts the code once the admin imports it, and the list version changes', async () => {
    const before = (await get(s.app, who.agent1!.token)).json().version as string;
    const csv = 'code,name\n341822400000,广德经济开发区\n341822400401,开发区社区\n';
    const imported = await s.app.inject({
      method: 'POST',
      url: '/api/admin/divisions/import',
      headers: bearer(who.admin!.token),
      payload: { csv },
    });
    expect(imported.statusCode).toBe(200);
    const after = await get(s.app, who.agent1!.token, '/api/divisions', { 'if-none-match': `"${before}"` });
    expect(after.statusCode).toBe(200);
    expect(after.json().version).not.toBe(before);
    expect(after.json().divisions).toContainEqual({ code: '341822400401', name: '开发区社区' });
    const { result } = await submit('341822400401', MONDAY + 20);
    expect(result.status).toBe('ok');
  });
});
