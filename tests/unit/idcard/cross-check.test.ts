import { describe, expect, it } from 'vitest';
import { crossCheckBack, crossCheckFront, type ProfileFacts } from '../../../src/domain/idcard/cross-check';

const TODAY = '2026-12-02';
const profile: ProfileFacts = {
  name: '王建国',
  idNumber: '110101199003071233',
  ethnicity: '汉族',
  address: '北京市东城区景山前街4号院2排18号',
  birthDate: '1990-03-07',
  idCardIssuedOn: '2015-03-01',
};
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('crossCheckFront', () => {
  it('finds nothing when the card matches the profile', () => {
    const same = { ...profile, sex: 'M' as const, issues: [] };
    expect(crossCheckFront(same, profile)).toEqual([]);
  });

  it('reports a different name or number as warnings, other differences as information', () => {
    const found = crossCheckFront(
      { name: '王建军', idNumber: '110101199003071225', ethnicity: '回族', address: '北京市朝阳区1号', issues: [] },
      profile,
    );
    expect(found.map((f) => [f.code, f.severity])).toEqual([
      ['idcard.profile.name', 'warning'],
      ['idcard.profile.id', 'warning'],
      ['idcard.profile.ethnicity', 'info'],
      ['idcard.profile.address', 'info'],
    ]);
    expect(found[0]!.message).toContain('王建军');
    expect(found[1]!.message).toContain('110101199003071225');
  });
});

describe('crossCheckBack', () => {
  it('accepts a period that matches the profile and the validity rule', () => {
    // Issued at 24 → 10 years.
    expect(
      crossCheckBack({ issuedOn: '2015-03-01', validUntil: '2025-03-01', issues: [] }, profile, '2024-06-01'),
    ).toEqual([]);
  });

  it('reports a new card, a period against the rule, and an expired card', () => {
    const found = crossCheckBack({ issuedOn: '2016-05-10', validUntil: '2036-05-10', issues: [] }, profile, TODAY);
    // Issued at 26 → 20 years: matches the rule; only the date of issue differs from the profile.
    expect(codes(found)).toEqual(['idcard.profile.issued']);
    expect(
      codes(crossCheckBack({ issuedOn: '2015-03-01', validUntil: '2035-03-01', issues: [] }, profile, TODAY)),
    ).toEqual(['idcard.validity.rule']);
    expect(
      codes(crossCheckBack({ issuedOn: '2015-03-01', validUntil: '2025-03-01', issues: [] }, profile, TODAY)),
    ).toEqual(['idcard.expired']);
    expect(
      codes(
        crossCheckBack(
          { issuedOn: '2016-12-20', validUntil: '2026-12-20', issues: [] },
          { ...profile, idCardIssuedOn: '' },
          TODAY,
        ),
      ),
    ).toEqual(['idcard.validity.rule', 'idcard.expiring']);
  });
});
