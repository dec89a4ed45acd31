// 或 between groups of materials: a requirement is not missing when another group of its
// alternative is complete; with no group complete, one finding names the choice; rules about a
// material set aside by the choice do not run.
import { describe, expect, it } from 'vitest';
import { findItem } from '../../../src/catalog';
import type { ServiceItemInput } from '../../../src/domain/schemas/catalog';
import { applicant, codes, idNumber, makeItem, material, only, page, pages, run } from './fixtures';

const photo = (id: string, name: string, requirement: 'required' | 'optional' = 'required', pagesMax = 1) =>
  ({
    id,
    name,
    kind: 'document-photo',
    handling: 'original-checked-copy-kept',
    requirement,
    pagesMin: 1,
    pagesMax,
  }) as const;

const ITEM: Partial<ServiceItemInput> = {
  materials: [
    { ...photo('id-card-front', '身份证人像面'), profilePhoto: 'id-card-front' },
    { ...photo('id-card-back', '身份证国徽面'), profilePhoto: 'id-card-back' },
    photo('hukou', '户口簿', 'required', 2),
    photo('birth-certificate', '出生医学证明', 'optional'),
    photo('application', '申请表'),
  ],
  alternatives: [
    {
      id: 'identity',
      label: '身份证明',
      groups: [
        { label: '居民身份证正反面', materials: ['id-card-front', 'id-card-back'] },
        { label: '户口簿 + 出生医学证明', materials: ['hukou', 'birth-certificate'] },
      ],
    },
  ],
  rules: [
    { kind: 'photo-quality', material: 'id-card-front' },
    { kind: 'photo-quality', material: 'id-card-back' },
    { kind: 'not-expired', ref: { source: 'person', key: 'idCardValidUntil' } },
  ],
};
const item = makeItem(ITEM);
const application = material('application', { pages: [page()] });
const noCard = applicant({ idCard: undefined });

describe('alternatives between groups of materials', () => {
  it('asks for the choice once when no group is given, naming every group', () => {
    const r = run(item, { materials: [application], applicant: noCard });
    expect(codes(r)).toEqual(['material.choose_one', 'expiry.unknown']);
    const f = only(r, 'material.choose_one');
    expect(f).toMatchObject({
      severity: 'error',
      key: 'material.choose_one@case:alternative.identity',
      target: { type: 'case', ref: 'alternative.identity' },
    });
    expect(f.message).toBe('身份证明：请提供以下之一：居民身份证正反面；或 户口簿 + 出生医学证明');
    expect(r.findings.filter((x) => x.code === 'material.missing')).toEqual([]);
    expect(r.materials['hukou']?.status).toBe('missing');
    expect(r.canSubmit).toBe(false);
  });

  it('passes with the 户口簿 group: the ID card is not needed and its rules do not run', () => {
    const r = run(item, {
      materials: [
        application,
        material('hukou', { pages: pages(2) }),
        material('birth-certificate', { pages: [page()] }),
      ],
      applicant: noCard,
    });
    expect(r.findings).toEqual([]);
    expect(r.canSubmit).toBe(true);
    expect(r.materials['id-card-front']?.status).toBe('not-needed');
    expect(r.materials['id-card-back']?.status).toBe('not-needed');
    expect(r.materials['hukou']?.status).toBe('captured');
  });

  it('an optional member of a group may be left out (户口簿 alone)', () => {
    const r = run(item, { materials: [application, material('hukou', { pages: pages(2) })], applicant: noCard });
    expect(r.canSubmit).toBe(true);
    expect(r.materials['birth-certificate']?.status).toBe('missing');
  });

  it('a group of optional members only is not complete until one of them is given', () => {
    const onlyOptional = makeItem({
      ...ITEM,
      materials: [photo('a', '甲', 'optional'), photo('b', '乙', 'optional'), photo('application', '申请表')],
      alternatives: [
        {
          id: 'x',
          label: '证明',
          groups: [
            { label: '甲', materials: ['a'] },
            { label: '乙', materials: ['b'] },
          ],
        },
      ],
      rules: [],
    });
    expect(codes(run(onlyOptional, { materials: [application] }))).toEqual(['material.choose_one']);
    expect(run(onlyOptional, { materials: [application, material('b', { pages: [page()] })] }).canSubmit).toBe(true);
  });

  it('says what a started group still lacks', () => {
    const r = run(item, { materials: [application, material('id-card-front', { pages: [page()] })] });
    expect(only(r, 'material.choose_one').message).toBe(
      '身份证明：请提供以下之一：居民身份证正反面；或 户口簿 + 出生医学证明。已提供“身份证人像面”，选这一种还缺“身份证国徽面”',
    );
    expect(r.findings.filter((f) => f.code === 'material.missing')).toEqual([]);
  });

  it('checks the chosen group as usual: a blurred or too small ID card photo is still reported', () => {
    const r = run(item, {
      materials: [
        application,
        material('id-card-front', { pages: [page({ sharpness: 10 })] }),
        material('id-card-back', { pages: [page({ width: 640, height: 480 })] }),
      ],
    });
    expect(codes(r)).toEqual(['photo.blurred', 'photo.resolution']);
    expect(only(r, 'photo.resolution').severity).toBe('error');
    expect(r.canSubmit).toBe(false);
    // The 户口簿 group is set aside: not missing, not asked for.
    expect(r.materials['hukou']?.status).toBe('not-needed');
  });

  it('checks every captured material when both groups are given', () => {
    const r = run(item, {
      materials: [
        application,
        material('id-card-front', { pages: [page()] }),
        material('id-card-back', { pages: [page()] }),
        material('hukou', { pages: pages(3) }),
      ],
    });
    expect(codes(r)).toEqual(['pages.too_many']);
    expect(r.materials['hukou']?.status).toBe('errors');
  });

  it('runs a rule that reads the ID card dates while the ID card group is not set aside', () => {
    const expired = applicant({ idCard: { issuedOn: '2005-01-01', validUntil: '2025-01-01' } });
    const withCard = run(item, {
      materials: [
        application,
        material('id-card-front', { pages: [page()] }),
        material('id-card-back', { pages: [page()] }),
      ],
      applicant: expired,
    });
    expect(codes(withCard)).toContain('idcard.expired');
    const withHukou = run(item, {
      materials: [application, material('hukou', { pages: pages(2) })],
      applicant: expired,
    });
    expect(withHukou.canSubmit).toBe(true);
  });
});

describe('城乡居民医保参保 (YB-JMCB-DJ): a newborn enrols with 户口簿 + 出生医学证明', () => {
  const yb = findItem('YB-JMCB-DJ')!;
  // Born 2025-05-10; 户口 registered, no ID card yet; the mother signs as guardian.
  const baby = applicant({
    name: '李小雨',
    sex: 'F',
    birthDate: '2025-05-10',
    idNumber: idNumber('42011520250510002'),
    idCard: undefined,
  });
  const signed = (id: string) => material(id, { signed: true });
  const fields = {
    name: baby.name,
    sex: 'F',
    idNumber: baby.idNumber,
    phone: '13812345678',
    address: baby.address,
    insuredCategory: 'minor',
    insuranceStatus: 'none',
  };
  const hukou = material('hukou', { pages: pages(2), data: { name: baby.name, idNumber: baby.idNumber } });
  const birth = material('birth-certificate', { pages: [page({}, 9)], data: { name: baby.name } });

  it('passes with 户口簿 + 出生医学证明 and no ID card', () => {
    const r = run(yb, {
      applicant: baby,
      fields,
      materials: [hukou, birth, signed('registration-form'), signed('entrustment')],
    });
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.canSubmit).toBe(true);
    expect(r.materials['id-card-front']?.status).toBe('not-needed');
  });

  it('with no identity document: one finding naming the choice', () => {
    const r = run(yb, { applicant: baby, fields, materials: [signed('registration-form'), signed('entrustment')] });
    const identity = r.findings.filter((f) => f.rule === 'material-missing');
    expect(identity).toHaveLength(1);
    expect(identity[0]!.message).toBe(
      '身份证明：请提供以下之一：居民身份证（人像面和国徽面）；或 居民户口簿（新生儿另附出生医学证明）',
    );
    expect(r.canSubmit).toBe(false);
  });

  it('the name on the 出生医学证明 must be the newborn’s', () => {
    const r = run(yb, {
      applicant: baby,
      fields,
      materials: [
        hukou,
        material('birth-certificate', { pages: [page({}, 9)], data: { name: '李小雪' } }),
        signed('registration-form'),
        signed('entrustment'),
      ],
    });
    expect(only(r, 'value.mismatch').target).toEqual({ type: 'material', id: 'birth-certificate', field: 'name' });
  });

  it('an adult who chose the ID card still gets the blurred photo reported', () => {
    const adult = applicant();
    const r = run(yb, {
      applicant: adult,
      fields: { ...fields, name: adult.name, sex: 'M', idNumber: adult.idNumber, insuredCategory: 'adult' },
      materials: [
        material('id-card-front', { pages: [page({ sharpness: 10 })] }),
        material('id-card-back', { pages: [page({}, 2)] }),
        signed('registration-form'),
        signed('entrustment'),
      ],
    });
    expect(codes(r)).toEqual(['photo.blurred']);
    expect(r.canSubmit).toBe(false);
    expect(r.materials['hukou']?.status).toBe('not-needed');
  });
});

describe('老年人优待证 (MZ-LNRYDZ): 身份证或户口簿', () => {
  const item = findItem('MZ-LNRYDZ')!;
  const elder = applicant({ idCard: undefined }); // born 1970: 60+ on the date below
  const today = '2031-06-02';
  const fields = { name: elder.name, sex: 'M', idNumber: elder.idNumber, phone: '13812345678', address: elder.address };
  const common = [
    material('photo', { pages: [page({ width: 1200, height: 1600 }, 5)] }),
    material('entrustment', { signed: true }),
  ];

  it('passes with the 户口簿 instead of the ID card', () => {
    const hukou = material('hukou', { pages: pages(2), data: { name: elder.name, idNumber: elder.idNumber } });
    const r = run(item, { applicant: elder, today, fields, materials: [hukou, ...common] });
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.canSubmit).toBe(true);
  });

  it('asks for one of them, once, when neither is given', () => {
    const r = run(item, { applicant: elder, today, fields, materials: common });
    expect(r.findings.filter((f) => f.rule === 'material-missing').map((f) => f.message)).toEqual([
      '身份证明：请提供以下之一：居民身份证（人像面和国徽面）；或 居民户口簿（户主页、本人页）',
    ]);
  });
});
