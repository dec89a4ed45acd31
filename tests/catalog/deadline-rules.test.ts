// Deadlines on dates in the form (issue 15, defect 8) and the pension age cap as a local warning
// (defect 3), through the real catalogue items and the real rules engine with the 2026 calendar.
import { describe, expect, it } from 'vitest';
import { findItem } from '../../src/catalog';
import { workingDaysBetween } from '../../src/domain/calendar';
import { evaluate, type Finding } from '../../src/domain/rules';
import type { Person } from '../../src/domain/schemas/person';
import { idCheckCharacter } from '../../src/domain/validators';

const AT = Date.UTC(2026, 0, 5);

function personBorn(birthDate: string): Person {
  const first17 = `330782${birthDate.replaceAll('-', '')}002`;
  return {
    id: '0195f000-0000-7000-8000-000000000002',
    name: '王秀英',
    sex: 'F',
    idNumber: first17 + idCheckCharacter(first17),
    birthDate,
    ethnicity: '汉族',
    phone: '13812345678',
    address: '浙江省义乌市佛堂镇东风村三组12号',
    divisionCode: '330782104201',
    idCard: { issuedOn: '2016-06-01', validUntil: 'long-term' },
    household: [],
    villageCode: '330782104201',
    createdAt: AT,
    updatedAt: AT,
  };
}

/** The findings of one code for a case of `code` with these form fields, on `today`. */
function found(
  code: string,
  fields: Record<string, string>,
  today: string,
  o: { birthDate?: string; calendar?: boolean } = {},
): Finding[] {
  const item = findItem(code)!;
  const report = evaluate({
    item,
    caseData: { itemCode: code, fields, tolerance: [], acknowledged: [] },
    applicant: personBorn(o.birthDate ?? '1980-05-06'),
    materials: [],
    today,
    ...(o.calendar !== false && { workingDaysBetween }),
  });
  return report.findings.filter((f) => f.rule === 'date-window' || f.rule === 'age-range');
}

describe('出生登记 within one month of birth (户口登记条例 §7)', () => {
  const born = { childBirthDate: '2026-03-02' };

  it('30 days after birth: no finding; 32 days: a warning that says what to bring', () => {
    expect(found('GA-CSDJ', born, '2026-04-01')).toEqual([]); // 30 days
    expect(found('GA-CSDJ', born, '2026-04-02')).toEqual([]); // one month: the last day
    const [late, ...rest] = found('GA-CSDJ', born, '2026-04-03'); // 32 days
    expect(rest).toEqual([]);
    expect(late).toMatchObject({
      code: 'date.window_passed',
      severity: 'warning',
      target: { type: 'field', key: 'childBirthDate' },
    });
    expect(late!.message).toContain('最后一天 2026-04-02');
    expect(late!.message).toContain('逾期申报出生登记情况说明');
    expect(late!.message).toContain('户口登记条例');
  });

  it('a month ending in 国庆 ends on the first working day after it (民法典 §203)', () => {
    // Born 2026-09-04: one month is 10-04, inside 国庆 (10-01..07), so 10-08 is still in time.
    const sept = { childBirthDate: '2026-09-04' };
    expect(found('GA-CSDJ', sept, '2026-10-08')).toEqual([]);
    expect(found('GA-CSDJ', sept, '2026-10-09')).toHaveLength(1);
    // Without the calendar the engine keeps the plain month.
    expect(found('GA-CSDJ', sept, '2026-10-08', { calendar: false })).toHaveLength(1);
  });

  it('a birth date after today is an error to correct', () => {
    expect(found('GA-CSDJ', { childBirthDate: '2026-04-10' }, '2026-04-03')).toMatchObject([
      { code: 'date.window_order', severity: 'error' },
    ]);
  });

  it('born on 31 January: the month ends on 28 February (民法典 §202)', () => {
    // 2026-02-28 is a Saturday worked for 春节 (国办发明电〔2025〕7号), so it is the last day.
    const jan = { childBirthDate: '2026-01-31' };
    expect(found('GA-CSDJ', jan, '2026-02-28')).toEqual([]);
    expect(found('GA-CSDJ', jan, '2026-03-01')).toHaveLength(1);
  });
});

describe('医保零星报销: 12 months from discharge, or from the visit (local)', () => {
  it('counts from the discharge date when there is one', () => {
    const inpatient = { visitType: 'inpatient', admissionDate: '2025-02-20', dischargeDate: '2025-03-10' };
    expect(found('YB-LXBX', inpatient, '2026-03-10')).toEqual([]);
    const [late] = found('YB-LXBX', inpatient, '2026-03-11');
    expect(late).toMatchObject({ code: 'date.window_passed', severity: 'warning' });
    expect(late!.target).toEqual({ type: 'field', key: 'dischargeDate' });
    expect(late!.message).toContain('本县医保经办规定');
  });

  it('counts from the visit for outpatient care (no discharge date)', () => {
    const outpatient = { visitType: 'outpatient', admissionDate: '2025-03-10' };
    expect(found('YB-LXBX', outpatient, '2026-03-10')).toEqual([]);
    expect(found('YB-LXBX', outpatient, '2026-03-11')).toMatchObject([
      { code: 'date.window_passed', target: { type: 'field', key: 'admissionDate' } },
    ]);
  });
});

describe('丧葬补助金 claim window: 3 months after death (local)', () => {
  it('ends on the working day after 清明 when the three months end in it', () => {
    // Died 2026-01-05: three months is 04-05, inside 清明 (04-04..06), so the window ends on 04-07.
    const died = { deathDate: '2026-01-05' };
    expect(found('SB-JMYL-ZX', died, '2026-04-07')).toEqual([]);
    const [late] = found('SB-JMYL-ZX', died, '2026-04-08');
    expect(late).toMatchObject({ code: 'date.window_passed', severity: 'warning' });
    expect(late!.message).toContain('个人账户余额仍可继承');
  });
});

describe('pension enrolment age (国发〔2014〕8号 has no upper age)', () => {
  const fields = { identity: 'rural-resident', insuranceStatus: 'none', contributionGrade: '300' };

  it('a 61-year-old gets a warning naming the local rule, not an error', () => {
    const [cap, ...rest] = found('SB-JMYL-CB', fields, '2026-03-10', { birthDate: '1964-12-01' });
    expect(rest).toEqual([]);
    expect(cap).toMatchObject({ code: 'age.too_old', severity: 'warning' });
    expect(cap!.message).toContain('目前61周岁，超过本地规定的59周岁');
    expect(cap!.message).toContain('国发〔2014〕8号');
    expect(cap!.message).toContain('本县');
  });

  it('59 passes, 15 is still refused', () => {
    expect(found('SB-JMYL-CB', fields, '2026-03-10', { birthDate: '1966-05-06' })).toEqual([]);
    expect(found('SB-JMYL-CB', fields, '2026-03-10', { birthDate: '2010-05-06' })).toMatchObject([
      { code: 'age.too_young', severity: 'error' },
    ]);
  });
});
