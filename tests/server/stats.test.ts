// GET /api/stats, /api/stats.csv and the rectification desk, against a real SQLite file.
// The seeded records are tests/unit/stats/seed.ts (hand-computed figures) written into the store.
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaMidnight, type Case, type Decision, type Person, type Rating, uuidv7 } from '../../src/domain';
import type { ApiError, RectificationView, StatsResponse } from '../../src/domain/api';
import { installAuthentication } from '../../src/server/auth/authenticate';
import { hashToken, newToken } from '../../src/server/auth/tokens';
import { installErrorHandling } from '../../src/server/http/errors';
import { statsRoutes } from '../../src/server/stats';
import { rectificationRoutes } from '../../src/server/rectifications';
import { migrate } from '../../src/server/store/migrations';
import { openSqlite } from '../../src/server/store/sqlite';
import { sqlStore } from '../../src/server/store/sql-store';
import { openDatabaseCipher } from '../../src/server/store/at-rest';
import { keySettings } from './harness';
import type { SqlDatabase } from '../../src/server/store/sql';
import type { Store } from '../../src/server/store';
import { SEED, V1, V2 } from '../unit/stats/seed';

const COUNTY = '341822';
const TOWN = '341822100000';
const OTHER_TOWN = '341822200000';
/** The seed's two villages, moved into 桃州镇: V1 → 彭村村, V2 → 南塘村. */
const VILLAGE: ReadonlyMap<string, string> = new Map([
  [V1, '341822100201'],
  [V2, '341822100202'],
]);
const OTHER_VILLAGE = '341822200201';
// 2026-10-21 12:00 Beijing.
const NOW = chinaMidnight('2026-10-21') + 12 * 3_600_000;
const at = (date: string) => chinaMidnight(date) + 10 * 3_600_000;

let dir: string;
let db: SqlDatabase;
let store: Store;
let app: FastifyInstance;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

const auth = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });

async function addUser(
  id: string,
  role: 'agent' | 'reviewer' | 'admin',
  division: { village?: string; township?: string },
) {
  await store.users.insert({
    id,
    username: id,
    name: id,
    role,
    villageCode: division.village ?? null,
    townshipCode: division.township ?? null,
    countyCode: COUNTY,
    passwordHash: 'x',
    disabledAt: null,
    mustChangePassword: false,
    createdAt: NOW,
  });
  tokens[id] = newToken();
  await store.sessions.insert({
    tokenHash: hashToken(tokens[id]!),
    userId: id,
    createdAt: NOW,
    expiresAt: NOW + 86_400_000,
  });
}

async function addCase(
  key: string,
  status: Case['status'],
  itemCode: string,
  villageCode: string,
  submittedOn: string,
  dueOn?: string,
) {
  const id = uuidv7();
  ids[key] = id;
  const personId = uuidv7();
  const person: Person = {
    id: personId,
    name: '张三',
    sex: 'M',
    idNumber: '440524188001010014',
    birthDate: '1880-01-01',
    ethnicity: '汉族',
    address: '',
    divisionCode: villageCode,
    household: [],
    villageCode,
    createdAt: NOW,
    updatedAt: NOW,
  };
  await store.persons.upsert(person, villageCode, NOW);
  const data: Case = {
    id,
    number: `DB-${key}`,
    itemCode,
    itemVersion: 1,
    applicantId: personId,
    status,
    fields: {},
    acknowledged: [],
    tolerance: [],
    villageCode,
    agentId: 'agent',
    revision: 1,
    baseVersion: 1,
    submittedAt: at(submittedOn),
    createdAt: at(submittedOn),
    updatedAt: at(submittedOn),
  };
  const township = villageCode.startsWith('3418222') ? OTHER_TOWN : TOWN;
  await store.cases.insert({
    id,
    number: data.number,
    itemCode,
    villageCode,
    townshipCode: township,
    countyCode: COUNTY,
    agentId: 'agent',
    applicantId: personId,
    status,
    version: 1,
    revision: 1,
    data,
    dueOn: dueOn ?? null,
    acceptedOn: null,
    suspendedOn: null,
    resumeStatus: null,
    submittedAt: at(submittedOn),
    updatedAt: NOW,
  });
}

async function addDecision(
  caseKey: string,
  kind: Decision['kind'],
  codes: Decision['reasons'][number]['code'][],
  on: string,
) {
  const d: Decision = {
    id: uuidv7(),
    caseId: ids[caseKey]!,
    kind,
    reasons: codes.map((code, i) => ({ target: `m${i}`, code, text: '' })),
    toleranceDue: [],
    reviewerId: 'rev',
    decidedAt: at(on),
    revision: 1,
  };
  await store.decisions.insert(d, 2, at(on));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'daiban-stats-'));
  db = openSqlite(join(dir, 'daiban.sqlite'));
  await migrate(db);
  store = sqlStore(db, (await openDatabaseCipher(db, keySettings(dir), Date.now())).cipher);
  await store.divisions.upsert({ code: COUNTY, name: '广德市', level: 'county', parentCode: null });
  await store.divisions.upsert({ code: TOWN, name: '桃州镇', level: 'township', parentCode: COUNTY });
  await store.divisions.upsert({ code: OTHER_TOWN, name: '四合乡', level: 'township', parentCode: COUNTY });
  for (const [code, name] of [
    ['341822100201', '彭村村'],
    ['341822100202', '南塘村'],
    [OTHER_VILLAGE, '四合村'],
  ]) {
    await store.divisions.upsert({
      code: code!,
      name: name!,
      level: 'village',
      parentCode: code!.startsWith('3418221') ? TOWN : OTHER_TOWN,
    });
  }
  await store.catalog.upsert(
    {
      code: 'DIBAO',
      version: 1,
      name: '最低生活保障',
      category: '社会救助',
      agency: '民政',
      legalLimitDays: 30,
      promisedLimitDays: 15,
      limitUnit: 'working-days',
      requiresPresence: false,
      toleranceAllowed: true,
      maxToleranceDays: 20,
      fields: [],
      alternatives: [],
      materials: [
        {
          id: 'id-card',
          name: '身份证',
          kind: 'document-photo',
          handling: 'original-checked-copy-kept',
          requirement: 'required',
          pagesMin: 1,
          pagesMax: 2,
          copies: 1,
          dataFields: [],
        },
      ],
      rules: [],
      commonReturns: [],
      keywords: [],
    },
    NOW,
  );
  await addUser('rev', 'reviewer', { township: TOWN });
  await addUser('rev2', 'reviewer', { township: OTHER_TOWN });
  await addUser('admin', 'admin', {});
  await addUser('agent', 'agent', { village: '341822100201' });

  // The seed, moved into this county's villages; c8 (a draft) never reaches the server.
  for (const c of SEED.cases) {
    if (!c.submittedOn) continue;
    const village = VILLAGE.get(c.villageCode);
    if (!village) throw new Error(`seed case ${c.id} in an unmapped village ${c.villageCode}`);
    await addCase(c.id, c.status, c.itemCode, village, c.submittedOn, c.dueOn);
  }
  for (const d of SEED.decisions) if (ids[d.caseId]) await addDecision(d.caseId, d.kind, d.reasonCodes, d.decidedOn);
  for (const c of SEED.cases) if (c.completedOn) await addDecision(c.id, 'complete', [], c.completedOn);
  const ratingIds: Record<string, string> = {};
  for (const r of SEED.ratings) {
    const rating: Rating = {
      id: uuidv7(),
      caseId: ids[r.caseId]!,
      level: r.level,
      sub: { efficiency: r.level, skill: r.level, attitude: r.level },
      comment: r.level <= 2 ? '等太久' : '',
      ratedAt: NOW,
    };
    ratingIds[r.caseId] = rating.id;
    await store.ratings.insert(rating, NOW);
  }
  // r1 closed on time (c3), r2 open and overdue (c4), r3 closed late (c4 again).
  const rect = (caseKey: string, dueBy: string, closedOn?: string) => ({
    id: uuidv7(),
    caseId: ids[caseKey]!,
    ratingId: ratingIds[caseKey]!,
    dueBy,
    status: closedOn ? ('closed' as const) : ('open' as const),
    ...(closedOn ? { closedAt: at(closedOn), callbackNote: '已回访' } : {}),
  });
  const rects = [
    rect('c3', '2026-10-16', '2026-10-15'),
    rect('c4', '2026-10-20'),
    rect('c4', '2026-10-22', '2026-10-26'),
  ];
  ids.r2 = rects[1]!.id;
  for (const r of rects) await store.rectifications.insert(r, NOW);
  // A case of another township: counted for the county, never for 桃州镇.
  await addCase('other', 'returned', 'DIBAO', OTHER_VILLAGE, '2026-05-06');
  await addDecision('other', 'return', ['expired'], '2026-05-07');

  app = Fastify({ logger: false });
  installErrorHandling(app);
  installAuthentication(app, store, () => NOW);
  await app.register(statsRoutes, { store, now: () => NOW });
  await app.register(rectificationRoutes, { store, now: () => NOW });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const PERIOD = 'from=2026-01-01&to=2026-12-31';

interface RectificationList {
  today: string;
  items: RectificationView[];
}
interface RectificationClosed {
  rectification: RectificationView;
}

async function stats(who: string, query = PERIOD): Promise<StatsResponse> {
  const res = await app.inject({ method: 'GET', url: `/api/stats?${query}`, headers: auth(who) });
  expect(res.statusCode).toBe(200);
  return res.json<StatsResponse>();
}
const reasonCount = (body: StatsResponse, code: string) =>
  body.report.returns.byReason.find((r) => r.code === code)?.count;

// Expected figures, worked out by hand from tests/unit/stats/seed.ts (c8 is a draft and never
// reaches the server; the rectifications are the three inserted above, not the seed's):
// - 桃州镇 has c1–c7 and c9: 8 cases, all submitted; c1–c5 completed; 5 ratings.
// - Working days from submission to completion: c1 4, c2 2, c3 4, c4 7, c5 1 → mean 18 / 5 = 3.6,
//   90th percentile 7. On time (completed by dueOn): c2, c3, c5 → 3 of 5.
// - Returned at least once: c1, c4, c7 → 3 of 8. Bad ratings (level ≤ 2): c3, c4 → 2 of 5.
// - Rectifications: r1 closed, r2 open and due 10-20 (overdue on 10-21), r3 closed.
// - The county adds one returned case of 四合乡 (reason `expired`): 9 cases, 4 returned.
describe('GET /api/stats', () => {
  it('gives the township reviewer the hand-computed figures of its own cases', async () => {
    const body = await stats('rev');
    expect(body.scope).toEqual({ level: 'township', code: TOWN });
    expect(body.report.totals).toEqual({ cases: 8, submitted: 8, completed: 5, ratings: 5 });
    expect(body.report.handling).toEqual({ count: 5, average: 3.6, p90: 7 });
    expect(body.report.onTime).toEqual({ count: 3, total: 5, rate: 0.6 });
    expect(body.report.returns.overall).toEqual({ count: 3, total: 8, rate: 0.375 });
    expect(reasonCount(body, 'blurred')).toBe(2); // c1 and c7
    expect(reasonCount(body, 'expired')).toBe(0);
    expect(body.report.ratings.bad).toEqual({ count: 2, total: 5, rate: 0.4 });
    expect(body.report.rectifications).toMatchObject({ total: 3, open: 1, overdue: 1, closed: 2 });
    expect(body.labels.items.DIBAO).toBe('最低生活保障');
    expect(body.labels.villages['341822100201']).toBe('彭村村');
  });

  it('gives the county admin every township', async () => {
    const body = await stats('admin');
    expect(body.scope).toEqual({ level: 'county', code: COUNTY });
    expect(body.report.totals.cases).toBe(9);
    expect(body.report.returns.overall).toEqual({ count: 4, total: 9, rate: 4 / 9 });
    expect(reasonCount(body, 'expired')).toBe(1);
  });

  it('filters by the submission day in Beijing time', async () => {
    const body = await stats('rev', 'from=2026-09-24&to=2026-09-29');
    expect(body.report.totals.cases).toBe(2); // c3 (09-29) and c4 (09-24)
    expect(body.report.handling).toEqual({ count: 2, average: 5.5, p90: 7 }); // (4 + 7) / 2
  });

  // Today is Wed 2026-10-21, so the twelve weeks run Mon 08-03 … Sun 10-25, whatever the period's
  // start. In them: c4 submitted 09-24 (week of 09-21), returned 09-28 and completed late 10-12
  // (week of 10-12); c3 submitted 09-29 (week of 09-28) and completed on its due day 10-10 (week
  // of 10-05). Every other week is empty, with no on-time rate (null, not 0).
  it('sends a twelve-week trend of submitted, returned and on-time cases', async () => {
    const body = await stats('rev', 'from=2026-10-01&to=2026-12-31');
    const weeks = body.report.weekly;
    expect(weeks.map((w) => w.weekStart)).toEqual([
      '2026-08-03',
      '2026-08-10',
      '2026-08-17',
      '2026-08-24',
      '2026-08-31',
      '2026-09-07',
      '2026-09-14',
      '2026-09-21',
      '2026-09-28',
      '2026-10-05',
      '2026-10-12',
      '2026-10-19',
    ]);
    expect(weeks.at(-1)!.weekEnd).toBe('2026-10-25');
    expect(weeks.map((w) => [w.submitted, w.returned, w.onTime.count, w.onTime.total])).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [1, 0, 0, 0],
      [1, 1, 0, 0],
      [0, 0, 1, 1],
      [0, 0, 0, 1],
      [0, 0, 0, 0],
    ]);
    expect(weeks[9]!.onTime.rate).toBe(1);
    expect(weeks[10]!.onTime.rate).toBe(0);
    expect(weeks.filter((w) => w.onTime.rate === null)).toHaveLength(10);
    // The period's own figures still count only cases submitted in it (none from 10-01 on).
    expect(body.report.totals.cases).toBe(0);
    expect(body.report.onTime.rate).toBeNull();
    // An admin sees the same weeks plus nothing else (the other township's case is from May).
    const county = await stats('admin', 'from=2026-10-01&to=2026-12-31');
    expect(county.report.weekly.map((w) => w.submitted)).toEqual(weeks.map((w) => w.submitted));
    // Another township's reviewer sees none of 桃州镇's weeks.
    const other = await stats('rev2', 'from=2026-10-01&to=2026-12-31');
    expect(other.report.weekly.every((w) => w.submitted === 0 && w.returned === 0)).toBe(true);
    // The CSV has the weeks too, with an empty percent cell where none was completed.
    const csv = await app.inject({ method: 'GET', url: `/api/stats.csv?${PERIOD}`, headers: auth('rev') });
    const text = csv.rawPayload.toString('utf8');
    expect(text).toContain('\r\n每周趋势,2026-09-28 至 2026-10-04 退回,1,,,当周至少退回一次的办件\r\n');
    expect(text).toContain('\r\n每周趋势,2026-10-12 至 2026-10-18 按时办结,0,1,0,当周办结的办件\r\n');
    expect(text).toContain('\r\n每周趋势,2026-10-19 至 2026-10-25 按时办结,0,0,,当周无办结\r\n');
  });

  it('refuses agents, missing tokens and a reversed period', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/stats', headers: auth('agent') })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/stats' })).statusCode).toBe(401);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/stats?from=2026-05-01&to=2026-04-01',
      headers: auth('rev'),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ApiError>().code).toBe('stats.bad_period');
    expect(
      (await app.inject({ method: 'GET', url: '/api/stats?from=2026-02-30', headers: auth('rev') })).statusCode,
    ).toBe(400);
  });
});

describe('GET /api/stats.csv', () => {
  it('downloads a UTF-8 CSV with a BOM and Chinese labels', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/stats.csv?${PERIOD}`, headers: auth('rev') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(
      'attachment; filename="daiban-stats-2026-01-01-2026-12-31.csv"',
    );
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.rawPayload.toString('utf8');
    // DIBAO: c1, c2, c4, c7 submitted, c1, c4, c7 returned → 3 of 4, 75 %.
    expect(text).toContain('\r\n退回率（按事项）,最低生活保障,3,4,75,');
    // 南塘村 (V2): c4, c5, c6, c7 submitted, c4, c7 returned → 2 of 4, 50 %.
    expect(text).toContain('\r\n退回率（按村）,南塘村,2,4,50,');
    // 已评价: c3, c4 of 8 → 25 %.
    expect(text).toContain('\r\n按状态,已评价,2,8,25,\r\n');
  });
});

describe('rectifications', () => {
  it("lists the township's items, open first with a countdown", async () => {
    const body = (
      await app.inject({ method: 'GET', url: '/api/rectifications', headers: auth('rev') })
    ).json<RectificationList>();
    expect(body.items.map((i) => i.rectification.status)).toEqual(['open', 'closed', 'closed']);
    // Due Tuesday 10-20, today Wednesday 10-21.
    expect(body.items[0]?.deadline).toMatchObject({ overdue: true, label: '已超期1个工作日' });
    expect(body.items[0]?.rating).toEqual({ level: 1, comment: '等太久' });
    expect(body.items[0]?.caseNumber).toBe('DB-c4');
    const open = (
      await app.inject({ method: 'GET', url: '/api/rectifications?status=open', headers: auth('admin') })
    ).json<RectificationList>();
    expect(open.items).toHaveLength(1);
    const other = (
      await app.inject({ method: 'GET', url: '/api/rectifications', headers: auth('rev2') })
    ).json<RectificationList>();
    expect(other.items).toHaveLength(0);
  });

  it('closes with a call-back note, once, and tells the village through the change feed', async () => {
    const url = `/api/rectifications/${ids.r2}/close`;
    expect(
      (await app.inject({ method: 'POST', url, headers: auth('rev2'), payload: { callbackNote: '已回访' } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'POST', url, headers: auth('rev'), payload: { callbackNote: '' } })).statusCode,
    ).toBe(400);
    const res = await app.inject({
      method: 'POST',
      url,
      headers: auth('rev'),
      payload: { callbackNote: '已电话回访，群众表示认可' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<RectificationClosed>().rectification.rectification).toMatchObject({
      status: 'closed',
      callbackNote: '已电话回访，群众表示认可',
      closedAt: NOW,
    });
    // A retry after a lost answer changes nothing.
    const again = await app.inject({ method: 'POST', url, headers: auth('rev'), payload: { callbackNote: '另一条' } });
    expect(again.json<RectificationClosed>().rectification.rectification.callbackNote).toBe('已电话回访，群众表示认可');
    const changes = await store.changes.after(0, { villageCode: '341822100202' }, 50);
    expect(changes.filter((c) => c.change.type === 'rectification')).toHaveLength(1);
    const audit = await store.audit.forCase(ids.c4!);
    expect(audit.map((a) => a.action)).toEqual(['rectification-close']);
    expect((await stats('rev')).report.rectifications).toMatchObject({ open: 0, overdue: 0, closed: 3 });
  });
});
