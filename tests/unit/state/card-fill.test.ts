import { describe, expect, it } from 'vitest';
import { confirmRead, fillFromBack, fillFromFront } from '../../../src/state/card-fill';
import { checkPersonDraft, emptyPersonDraft, OCR_UNCONFIRMED, type PersonDraft } from '../../../src/state/person-form';

const TODAY = '2026-12-02';
const front = {
  name: '王建国',
  sex: 'M' as const,
  ethnicity: '回族',
  birthDate: '1990-03-07',
  address: '北京市东城区景山前街4号院2排18号',
  idNumber: '110101199003071233',
  issues: [],
};
const newDraft = (): PersonDraft => emptyPersonDraft('110101001001');

describe('card fill', () => {
  it('fills the empty fields of a new profile, marks them, and saving is refused until confirmed', () => {
    const r = fillFromFront(newDraft(), front, true, TODAY);
    expect(r.filled).toEqual(['name', 'idNumber', 'ethnicity', 'address']);
    expect(r.draft).toMatchObject({ name: '王建国', idNumber: '110101199003071233', ethnicity: '回族' });
    expect(r.findings).toEqual([]);
    const blocked = checkPersonDraft(r.draft, TODAY);
    expect(blocked.ok).toBe(false);
    expect(blocked.errors.name).toBe(OCR_UNCONFIRMED);

    const half = confirmRead(r.draft, ['name', 'idNumber']);
    expect(half.ocrPending).toEqual(['ethnicity', 'address']);
    const all = confirmRead(half, ['ethnicity', 'address']);
    expect(all.ocrPending).toBeUndefined();
    expect(checkPersonDraft(all, TODAY).ok).toBe(true);
  });

  it('never overwrites what an existing profile says: differences become findings', () => {
    const existing: PersonDraft = {
      ...newDraft(),
      name: '王建军',
      idNumber: '110101199003071233',
      ethnicity: '汉族',
      address: '',
      idCardIssuedOn: '2015-03-01',
    };
    const r = fillFromFront(existing, front, false, TODAY);
    expect(r.filled).toEqual(['address']);
    expect(r.draft.name).toBe('王建军');
    expect(r.draft.ethnicity).toBe('汉族');
    expect(r.findings.map((f) => f.code)).toEqual(['idcard.profile.name', 'idcard.profile.ethnicity']);

    const back = fillFromBack(existing, { issuedOn: '2016-05-10', validUntil: '2036-05-10', issues: [] }, false, TODAY);
    expect(back.filled).toEqual([]);
    expect(back.draft.idCardIssuedOn).toBe('2015-03-01');
    expect(back.findings.map((f) => f.code)).toEqual(['idcard.profile.issued']);
  });

  it('the back fills the date of issue, which feeds the validity rule', () => {
    const d = { ...newDraft(), idNumber: '110101199003071233' };
    const r = fillFromBack(d, { issuedOn: '2016-05-10', validUntil: '2036-05-10', issues: [] }, true, TODAY);
    expect(r.filled).toEqual(['idCardIssuedOn']);
    expect(r.findings).toEqual([]);
    expect(checkPersonDraft(confirmRead(r.draft, ['idCardIssuedOn']), TODAY).derived.idCardValidUntil).toBe(
      '2036-05-10',
    );
  });
});
