import { describe, expect, it } from 'vitest';
import { Person } from '../../../src/domain';
import { divisionList } from '../../../src/domain/validators';
import { checkPersonDraft, emptyPersonDraft, personFromDraft } from '../../../src/state/person-form';

const TODAY = '2025-06-01';
const VILLAGE = '110105001201';
const draft = (over: Partial<ReturnType<typeof emptyPersonDraft>> = {}) => ({
  ...emptyPersonDraft(VILLAGE),
  name: '王秀英',
  idNumber: '11010519491231002X',
  ...over,
});

describe('person form checks', () => {
  it('derives birth date and sex from the ID number', () => {
    const c = checkPersonDraft(draft(), TODAY);
    expect(c.ok).toBe(true);
    expect(c.derived).toMatchObject({ birthDate: '1949-12-31', sex: 'F', idNumber: '11010519491231002X' });
  });
  it('accepts a lower-case x and normalises it', () => {
    expect(checkPersonDraft(draft({ idNumber: '11010519491231002x' }), TODAY).derived.idNumber).toBe(
      '11010519491231002X',
    );
  });
  it('blocks a wrong check character with the validator message', () => {
    const c = checkPersonDraft(draft({ idNumber: '110105194912310021' }), TODAY);
    expect(c.ok).toBe(false);
    expect(c.errors.idNumber).toBeTruthy();
    expect(c.derived.birthDate).toBeUndefined();
  });
  it('computes card validity from the issue date (46+ → long-term; 16–25 → 10 years)', () => {
    expect(checkPersonDraft(draft({ idCardIssuedOn: '2016-06-01' }), TODAY).derived.idCardValidUntil).toBe('long-term');
    // Born 1995-06-01, issued 2020-06-01 (age 25) → 10 years.
    const young = checkPersonDraft(
      draft({ name: '李芳', idNumber: '110105199506010024', idCardIssuedOn: '2020-06-01' }),
      TODAY,
    );
    expect(young.derived.idCardValidUntil).toBe('2030-06-01');
  });
  it('warns when the card has expired', () => {
    // 2010-born, issued 2020-01-10 → valid until 2025-01-10 (5 years), expired by TODAY.
    const c = checkPersonDraft(
      draft({ name: '张小明', idNumber: '110105201003150017', idCardIssuedOn: '2020-01-10' }),
      TODAY,
    );
    expect(c.derived).toMatchObject({ birthDate: '2010-03-15', sex: 'M' });
    expect(c.derived.idCardValidUntil).toBe('2025-01-10');
    expect(c.warnings.idCardIssuedOn?.[0]).toContain('过期');
  });
  it('refuses an issue date before birth or in the future', () => {
    expect(checkPersonDraft(draft({ idCardIssuedOn: '1940-01-01' }), TODAY).errors.idCardIssuedOn).toBeTruthy();
    expect(checkPersonDraft(draft({ idCardIssuedOn: '2030-01-01' }), TODAY).errors.idCardIssuedOn).toBeTruthy();
  });
  it('checks phone and division code, and normalises the name dot', () => {
    expect(checkPersonDraft(draft({ phone: '12812345678' }), TODAY).errors.phone).toBeTruthy();
    expect(checkPersonDraft(draft({ phone: '+86 138-1234-5678' }), TODAY).ok).toBe(true);
    expect(checkPersonDraft(draft({ divisionCode: '110105' }), TODAY).errors.divisionCode).toBeTruthy();
    const p = personFromDraft(
      draft({ name: '阿依古丽•买买提' }),
      checkPersonDraft(draft({ name: '阿依古丽•买买提' }), TODAY),
      VILLAGE,
      1_700_000_000_000,
    );
    expect(p?.name).toBe('阿依古丽·买买提');
  });
  it('builds a profile the domain schema accepts', () => {
    const d = draft({ phone: '13812345678', idCardIssuedOn: '2016-06-01', frontPhoto: 'a'.repeat(64) });
    const p = personFromDraft(d, checkPersonDraft(d, TODAY), VILLAGE, 1_700_000_000_000);
    const parsed = Person.parse(p);
    expect(parsed).toMatchObject({
      sex: 'F',
      birthDate: '1949-12-31',
      phone: '13812345678',
      idCard: { validUntil: 'long-term', frontPhoto: 'a'.repeat(64) },
    });
  });
  // Issue 15, defect 1: villagers of 东莞 (441900…) and of 360113005400 could not be saved.
  it('saves villagers whose real codes the first version refused, stored as 12 plain digits', () => {
    for (const [typed, stored] of [
      ['441900 003 001', '441900003001'],
      ['360113-005-400', '360113005400'],
      ['４６０４００１００２０１', '460400100201'],
    ] as const) {
      const d = draft({ divisionCode: typed });
      const p = personFromDraft(d, checkPersonDraft(d, TODAY), VILLAGE, 1_700_000_000_000);
      expect(p?.divisionCode, typed).toBe(stored);
      expect(Person.parse(p).divisionCode).toBe(stored);
    }
  });
  it("refuses a code missing from the county's division list when the device has it", () => {
    const list = divisionList(['110105001000', '110105001201']);
    expect(checkPersonDraft(draft(), TODAY, list).ok).toBe(true);
    expect(checkPersonDraft(draft({ divisionCode: '110105001202' }), TODAY, list).errors.divisionCode).toMatch(
      /行政区划列表中没有/,
    );
  });
  it('gives nothing to save while there are errors', () => {
    const d = draft({ name: '' });
    expect(personFromDraft(d, checkPersonDraft(d, TODAY), VILLAGE, 1)).toBeUndefined();
  });
});
