// Issue 15, defect 7: a material every adult of the household signs (低保's 家庭经济状况核查授权书),
// and the 户口簿 pages compared with the household size.
import { describe, expect, it } from 'vitest';
import { findItem } from '../../../src/catalog';
import type { Material, Signature } from '../../../src/domain/schemas/case';
import { Material as MaterialSchema } from '../../../src/domain/schemas/case';
import type { Person } from '../../../src/domain/schemas/person';
import { evaluate } from '../../../src/domain/rules';
import { applicant, codes, idNumber, inputFor, makeItem, material, only, pages, run, sha, uuid } from './fixtures';

// TODAY is 2025-06-02.
const wife = applicant({
  id: uuid(2),
  name: '李秀兰',
  sex: 'F',
  birthDate: '1972-08-01',
  idNumber: idNumber('42011719720801002'),
});
const son = applicant({
  id: uuid(3),
  name: '张小明',
  birthDate: '2007-06-02',
  idNumber: idNumber('42011720070602001'),
}); // 18 today
const daughter = applicant({
  id: uuid(4),
  name: '张小红',
  sex: 'F',
  birthDate: '2007-06-03',
  idNumber: idNumber('42011720070603002'),
}); // 17
const head = applicant({
  household: [
    { personId: wife.id, relation: 'spouse' },
    { personId: son.id, relation: 'child' },
    { personId: daughter.id, relation: 'child' },
  ],
});
const household = [wife, son, daughter];

const item = makeItem({
  materials: [
    {
      id: 'auth',
      name: '家庭经济状况核查授权书',
      kind: 'signature',
      handling: 'original-kept',
      requirement: 'required',
      pagesMin: 0,
      pagesMax: 1,
      signers: 'household-adults',
    },
    {
      id: 'hukou',
      name: '居民户口簿（首页及全部家庭成员页）',
      kind: 'document-photo',
      handling: 'original-checked-copy-kept',
      requirement: 'required',
      pagesMin: 2,
      pagesMax: 20,
      householdPages: true,
    },
  ],
  rules: [{ kind: 'signature-present', material: 'auth' }],
});

const sig = (p: Person, n: number, role: Signature['signerRole'] = 'applicant'): Signature => ({
  sha256: sha(500 + n),
  signerName: p.name,
  signerRole: role,
  signedAt: 1_700_000_000_000 + n,
  deviceId: 'tablet-1',
  personId: p.id,
});
function signed(...signers: Person[]): Material {
  const [first, ...rest] = signers.map((p, i) => sig(p, i, p.id === head.id ? 'applicant' : 'household'));
  return {
    ...material('auth'),
    ...(first && { signature: first }),
    ...(rest.length > 0 && { signatures: rest }),
  };
}
const hukou = (n: number) => material('hukou', { pages: pages(n) });

describe('a material signed by every adult of the household', () => {
  it('a three-adult household with one signature: names the two missing', () => {
    const r = run(item, { applicant: head, materials: [signed(head), hukou(5)] });
    // inputFor has no household option: pass the linked profiles directly.
    const report = evaluate({ ...inputFor(item, { applicant: head, materials: [signed(head), hukou(5)] }), household });
    expect(codes(r)).not.toContain('signature.signers_missing'); // without the profiles only the applicant is known
    const f = only(report, 'signature.signers_missing');
    expect(f.severity).toBe('error');
    expect(f.target).toEqual({ type: 'material', id: 'auth' });
    expect(f.message).toContain('李秀兰、张小明');
    expect(f.message).not.toContain('张小红'); // 17 years old today
    expect(f.message).toContain('2人');
    expect(report.canSubmit).toBe(false);
  });

  it('passes once every adult has signed, in any rows', () => {
    const base = inputFor(item, { applicant: head, materials: [signed(head, wife, son), hukou(5)] });
    expect(codes(evaluate({ ...base, household }))).toEqual([]);
    // Two rows of the same requirement: their signatures add up.
    const split = inputFor(item, {
      applicant: head,
      materials: [
        { ...signed(head), id: uuid(70) },
        { ...signed(wife, son), id: uuid(71), updatedAt: 1_700_000_000_001 },
        hukou(5),
      ],
    });
    expect(codes(evaluate({ ...split, household }))).toEqual([]);
  });

  it('counts a birthday that falls today: 18 on 2025-06-02 must sign', () => {
    const report = evaluate({
      ...inputFor(item, { applicant: head, materials: [signed(head, wife), hukou(5)] }),
      household,
    });
    expect(only(report, 'signature.signers_missing').message).toContain('张小明');
  });

  it('accepts an older applicant signature without a person id', () => {
    const old: Material = {
      ...material('auth', { signed: true }),
    };
    expect(old.signature?.personId).toBeUndefined();
    const report = evaluate({ ...inputFor(item, { applicant: head, materials: [old, hukou(5)] }), household });
    const message = only(report, 'signature.signers_missing').message;
    expect(message).not.toContain('张三');
    expect(message).toContain('李秀兰、张小明');
  });

  it('ignores profiles the applicant does not link to', () => {
    const stranger = applicant({
      id: uuid(9),
      name: '王五',
      birthDate: '1960-01-01',
      idNumber: idNumber('42011719600101003'),
    });
    const report = evaluate({
      ...inputFor(item, { applicant: head, materials: [signed(head, wife, son), hukou(5)] }),
      household: [...household, stranger],
    });
    expect(codes(report)).toEqual([]);
  });
});

describe('户口簿 pages against the household', () => {
  const withHousehold = (n: number) =>
    evaluate({ ...inputFor(item, { applicant: head, materials: [signed(head, wife, son), hukou(n)] }), household });

  it('warns when pages are fewer than 首页 + one per member', () => {
    const f = only(withHousehold(4), 'pages.household');
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('共4人');
    expect(f.message).toContain('共5页');
    expect(codes(withHousehold(5))).toEqual([]);
    expect(codes(withHousehold(6))).toEqual([]);
  });

  it('asks for two pages of a one-person household (the item minimum)', () => {
    expect(codes(run(item, { materials: [signed(applicant()), hukou(2)] }))).toEqual([]);
  });
});

describe('stored and synced materials', () => {
  it('parses a material stored before signatures existed, and keeps the new ones', () => {
    const old = MaterialSchema.parse({
      id: uuid(80),
      caseId: uuid(81),
      requirementId: 'auth',
      signature: { sha256: sha(1), signerName: '张三', signerRole: 'applicant', signedAt: 1, deviceId: 'd' },
      updatedAt: 1,
    });
    expect(old.signatures).toBeUndefined();
    const now = MaterialSchema.parse(JSON.parse(JSON.stringify(signed(head, wife))));
    expect(now.signatures?.map((s) => s.personId)).toEqual([wife.id]);
  });
});

describe('低保 (MZ-DB-SQ) in the catalogue', () => {
  it('asks every adult to sign the 家庭经济状况核查授权书 and compares the 户口簿 with the household', () => {
    const db = findItem('MZ-DB-SQ')!;
    expect(db.version).toBeGreaterThanOrEqual(2);
    expect(db.materials.find((m) => m.id === 'economic-check-authorisation')?.signers).toBe('household-adults');
    expect(db.materials.find((m) => m.id === 'hukou')?.householdPages).toBe(true);
  });
});
