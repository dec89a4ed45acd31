// Puts a handful of demo cases through the real API (push, decisions), at past times, so every
// reviewer queue has something in it: waiting, returned, accepted with tolerance, overdue,
// delivered. Used by `scripts/seed.ts`; never run by `npm start` or the browser tests.
import type { FastifyInstance } from 'fastify';
import { chinaDate, daysBetween, uuidv7, type Decision, type PushResponse } from '../../src/domain';
import { addWorkingDays } from '../../src/domain/calendar';
import { findItem } from '../../src/catalog';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-county';
import { demoCase, demoPerson, sha256Hex, type DemoApplicant } from './cases';

const DAY = 86_400_000;

interface Session {
  token: string;
  user: { id: string; villageCode?: string };
}

async function call<T>(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  token: string | undefined,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await app.inject({
    method,
    url,
    headers: { ...(token && { authorization: `Bearer ${token}` }), ...headers },
    ...(payload !== undefined && { payload: payload as string }),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return (res.body ? res.json() : undefined) as T;
}

export interface DemoScenarioResult {
  number: string;
  status: string;
  village: string;
}

export async function seedDemoCases(app: FastifyInstance, clock: { now: number }): Promise<DemoScenarioResult[]> {
  const start = clock.now;
  const sessions = new Map<string, Session>();
  const as = async (username: string) => {
    if (!sessions.has(username))
      sessions.set(
        username,
        await call<Session>(app, 'POST', '/api/auth/login', undefined, { username, password: DEMO_PASSWORD }),
      );
    return sessions.get(username)!;
  };

  /** Submitted `workingDaysAgo` working days before today (holidays counted), at the same hour. */
  async function submit(
    username: string,
    itemCode: string,
    who: DemoApplicant,
    workingDaysAgo: number,
    tolerate?: string[],
  ) {
    const today = chinaDate(start);
    const day = workingDaysAgo === 0 ? today : addWorkingDays(today, -workingDaysAgo);
    clock.now = start - daysBetween(day, today) * DAY;
    const agent = await as(username);
    const item = findItem(itemCode);
    if (!item) throw new Error(`no item ${itemCode}`);
    const built = demoCase(item, {
      agentId: agent.user.id,
      applicant: demoPerson(who, agent.user.villageCode!, clock.now),
      now: clock.now,
      ...(tolerate && { tolerate, promisedBy: chinaDate(clock.now + 5 * DAY) }),
    });
    for (const f of built.files) {
      await call(app, 'PATCH', `/api/blobs/${sha256Hex(f)}`, agent.token, f, {
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
        'upload-length': String(f.length),
      });
    }
    const mutation = {
      id: uuidv7(clock.now),
      deviceId: 'demo-tablet',
      createdAt: clock.now,
      kind: 'case.submit',
      baseVersion: 0,
      payload: built.submission,
    };
    const { results } = await call<PushResponse>(app, 'POST', '/api/sync/push', agent.token, {
      deviceId: 'demo-tablet',
      mutations: [mutation],
    });
    if (results[0]?.status !== 'ok') throw new Error(`demo case refused: ${results[0]?.code} ${results[0]?.message}`);
    return built.submission.case;
  }

  async function decide(
    reviewer: string,
    caseId: string,
    kind: Decision['kind'],
    extra: Partial<Decision> = {},
    hoursLater = 2,
  ) {
    clock.now += hoursLater * 3_600_000;
    const r = await as(reviewer);
    const decision: Decision = {
      id: uuidv7(clock.now),
      caseId,
      kind,
      reasons: [],
      toleranceDue: [],
      reviewerId: r.user.id,
      decidedAt: clock.now,
      revision: 1,
      ...extra,
    };
    await call(app, 'POST', `/api/review/cases/${caseId}/decisions`, r.token, decision);
  }

  const waiting = await submit(
    'agent1',
    'MZ-GLJT',
    { name: '张德福', sex: 'M', birthDate: '1940-05-12', sequence: 11 },
    0,
  );
  const waiting2 = await submit(
    'agent3',
    'YB-JMCB-DJ',
    { name: '周小梅', sex: 'F', birthDate: '1988-04-18', sequence: 12 },
    0,
  );

  const returned = await submit(
    'agent1',
    'YB-JMCB-DJ',
    { name: '刘长海', sex: 'M', birthDate: '1950-09-09', sequence: 13 },
    1,
  );
  await decide('reviewer1', returned.id, 'return', {
    reasons: [{ target: 'id-card-back', code: 'blurred', text: '国徽面有效期限看不清，请重拍' }],
  });

  const tolerant = await submit(
    'agent2',
    'MZ-GLJT',
    { name: '李桂兰', sex: 'F', birthDate: '1938-11-03', sequence: 14 },
    2,
    ['photo'],
  );
  clock.now += 3_600_000;
  const detail = await call<{ toleranceWindow: { latest: string } }>(
    app,
    'GET',
    `/api/review/cases/${tolerant.id}`,
    (await as('reviewer1')).token,
  );
  await decide('reviewer1', tolerant.id, 'accept-with-tolerance', {
    toleranceDue: [{ requirementId: 'photo', dueBy: detail.toleranceWindow.latest }],
  });

  // 高龄津贴 promises 10 working days: accepted 13 working days ago, it is overdue today.
  const overdue = await submit(
    'agent2',
    'MZ-GLJT',
    { name: '王金山', sex: 'M', birthDate: '1943-02-20', sequence: 15 },
    13,
  );
  await decide('reviewer1', overdue.id, 'accept');

  const delivered = await submit(
    'agent1',
    'MZ-GLJT',
    { name: '陈玉珍', sex: 'F', birthDate: '1945-07-15', sequence: 16 },
    6,
  );
  await decide('reviewer1', delivered.id, 'accept');
  await decide(
    'reviewer1',
    delivered.id,
    'complete',
    {
      outcome: '审核通过，次月起按月发放高龄津贴',
      delivery: { method: 'collect', servicePoint: '彭村村便民服务代办点' },
    },
    48,
  );
  await decide('reviewer1', delivered.id, 'deliver', {}, 24);

  const otherTownship = await submit(
    'agent4',
    'MZ-GLJT',
    { name: '孙福生', sex: 'M', birthDate: '1939-12-01', sequence: 17 },
    0,
  );
  clock.now = start;

  const rows = await Promise.all(
    [waiting, waiting2, returned, tolerant, overdue, delivered, otherTownship].map(async (c) => {
      const record = await app.store.cases.get(c.id);
      return { number: c.number, status: record?.status ?? '?', village: c.villageCode };
    }),
  );
  return rows;
}
