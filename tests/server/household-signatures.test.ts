// Issue 15, defect 7 on the server: a 低保 submission whose 家庭经济状况核查授权书 is signed by the
// applicant alone is refused, naming the adults who have not signed; with every adult's signature
// (each file uploaded) it is accepted and the signatures are kept with the material.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type Material, type Person } from '../../src/domain';
import { login, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, fakePng, idNumber, makePerson, sha256, submitMutation } from './fixtures';

let s: TestServer;
let a1: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  s = await startServer();
  a1 = await login(s.app, 'agent1');
});
afterAll(() => s.close());

const AUTH = 'economic-check-authorisation';

function household(villageCode: string, now: number) {
  const wife = makePerson(
    villageCode,
    {
      id: uuidv7(now + 1),
      name: '李秀兰',
      sex: 'F',
      birthDate: '1975-03-02',
      idNumber: idNumber('341822', '1975-03-02', 42),
    },
    now,
  );
  const son = makePerson(
    villageCode,
    { id: uuidv7(now + 2), name: '张小明', birthDate: '2001-09-09', idNumber: idNumber('341822', '2001-09-09', 51) },
    now,
  );
  const head = makePerson(
    villageCode,
    {
      id: uuidv7(now + 3),
      birthDate: '1972-05-12',
      idNumber: idNumber('341822', '1972-05-12', 31),
      household: [
        { personId: wife.id, relation: 'spouse' },
        { personId: son.id, relation: 'child' },
      ],
    },
    now,
  );
  return { head, wife, son };
}

async function prepared() {
  const villageCode = a1.user.villageCode!;
  const { head, wife, son } = household(villageCode, s.clock.now);
  const built = buildCase({
    itemCode: 'MZ-DB-SQ',
    agentId: a1.user.id,
    villageCode,
    now: s.clock.now,
    applicant: head,
  });
  built.submission.household = [wife, son];
  // Three people on the 户口簿: 首页 + three member pages expected, two were taken (a warning).
  built.submission.case.acknowledged = ['pages.household@material:hukou'];
  await uploadAll(s.app, a1.token, built.files);
  return { built, wife, son };
}

const authOf = (materials: Material[]) => materials.find((m) => m.requirementId === AUTH)!;

describe('低保: every adult of the household signs the 核查授权书', () => {
  it('refuses the applicant’s signature alone, naming the two adults missing', async () => {
    const { built } = await prepared();
    const m = submitMutation(built.submission, s.clock.now);
    const { results } = await push(s.app, a1.token, [m]);
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'rules.failed' });
    const message = (results[0] as { message: string }).message;
    expect(message).toContain('李秀兰、张小明');
  });

  it('refuses unacknowledged missing 户口簿 member pages', async () => {
    const { built, wife, son } = await prepared();
    built.submission.case.acknowledged = [];
    const signed = await signAll(built.submission.materials, [wife, son]);
    built.submission.materials = signed;
    const { results } = await push(s.app, a1.token, [submitMutation(built.submission, s.clock.now)]);
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'rules.failed' });
    expect((results[0] as { message: string }).message).toContain('户口簿');
  });

  it('accepts every adult’s signature and keeps them with the material', async () => {
    const { built, wife, son } = await prepared();
    built.submission.materials = await signAll(built.submission.materials, [wife, son]);
    const { results } = await push(s.app, a1.token, [submitMutation(built.submission, s.clock.now)]);
    expect(results[0]).toMatchObject({ status: 'ok' });
    const stored = authOf(await s.app.store.materials.forCase(built.submission.case.id));
    expect(stored.signatures?.map((x) => [x.personId, x.signerName])).toEqual([
      [wife.id, '李秀兰'],
      [son.id, '张小明'],
    ]);
  });

  it('asks for the further signers’ files before accepting', async () => {
    const { built, wife, son } = await prepared();
    const withSignatures = built.submission.materials.map((m) =>
      m.requirementId === AUTH ? { ...m, signatures: [sig(wife, fakePng()), sig(son, fakePng())] } : m,
    );
    built.submission.materials = withSignatures;
    const { results } = await push(s.app, a1.token, [submitMutation(built.submission, s.clock.now)]);
    expect(results[0]).toMatchObject({ status: 'retry', code: 'blob.missing' });
  });
});

function sig(p: Person, file: Buffer) {
  return {
    sha256: sha256(file),
    signerName: p.name,
    signerRole: 'household' as const,
    signedAt: s.clock.now,
    deviceId: 'tablet-1',
    personId: p.id,
  };
}

async function signAll(materials: Material[], people: Person[]): Promise<Material[]> {
  const files = people.map(() => fakePng());
  await uploadAll(s.app, a1.token, files);
  return materials.map((m) =>
    m.requirementId === AUTH ? { ...m, signatures: people.map((p, i) => sig(p, files[i]!)) } : m,
  );
}
