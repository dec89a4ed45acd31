// Each catalogue item through the real rules engine: a complete, correct case passes with no
// errors; the typical mistakes (missing 委托书 signature, 户口簿 name mismatch, wrong age,
// tolerance without a signed 容缺承诺书) are caught.
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/catalog';
import { workingDaysBetween } from '../../src/domain/calendar';
import { addYears } from '../../src/domain/dates';
import { checkItemReferences, evaluate, type EvaluationInput } from '../../src/domain/rules';
import type { Material } from '../../src/domain/schemas/case';
import type { FormField, ServiceItem, ValueRef } from '../../src/domain/schemas/catalog';
import type { Person } from '../../src/domain/schemas/person';
import { idCheckCharacter } from '../../src/domain/validators';

const TODAY = '2026-03-10';
const AT = Date.UTC(2026, 2, 10);
const CASE_ID = '0195f000-0000-7000-8000-000000000001';
const SHA = 'a'.repeat(64);
const idFor = (birth: string, seq = '002') => {
  // even sequence digit: female
  const first17 = `330782${birth.replaceAll('-', '')}${seq}`;
  return first17 + idCheckCharacter(first17);
};

function personAged(age: number): Person {
  // Born 1950-03-01: exactly `age` completed years on TODAY (2026-03-10).
  const birthDate = addYears('1950-03-01', 76 - age);
  return {
    id: '0195f000-0000-7000-8000-000000000002',
    name: '王秀英',
    sex: 'F',
    idNumber: idFor(birthDate),
    birthDate,
    ethnicity: '汉族',
    phone: '13812345678',
    address: '浙江省义乌市佛堂镇东风村三组12号',
    divisionCode: '330782104201',
    idCard: { issuedOn: '2016-06-01', validUntil: 'long-term' },
    bankCard: '6228480402564890018',
    bankName: '中国农业银行',
    household: [],
    villageCode: '330782104201',
    createdAt: AT,
    updatedAt: AT,
  };
}

/** Old enough (or young enough) for the item's age rule. */
function ageFor(item: ServiceItem): number {
  const rule = item.rules.find((r) => r.kind === 'age-range');
  return rule?.kind === 'age-range' ? (rule.minAge ?? 0) + 1 : 45;
}

const excluded = (item: ServiceItem, key: string) =>
  item.rules.flatMap((r) =>
    r.kind === 'field-not-in' && r.ref.source === 'field' && r.ref.key === key ? r.values : [],
  );

function sampleValue(f: FormField, item: ServiceItem): string {
  if (f.key === 'businessScope') return '日用百货销售；食品销售（仅销售预包装食品）';
  switch (f.type) {
    case 'name':
      return '李建国';
    case 'id-number':
      return idFor('1975-08-09', '013');
    case 'phone':
      return '13912345678';
    case 'date':
      return '2026-03-01';
    case 'number':
      return '3';
    case 'bank-card':
      return '6228480402564890018';
    case 'uscc':
      return '91350100M000100Y43';
    case 'division-code':
      return '330782104201';
    case 'business-name':
      return '义乌市秀英便民店';
    case 'select':
      return f.options!.find((o) => !excluded(item, f.key).includes(o.value))!.value;
    default:
      return '东风村三组';
  }
}

function completeCase(item: ServiceItem, options: { skip?: (id: string) => boolean } = {}): EvaluationInput {
  const applicant = personAged(ageFor(item));
  const fields: Record<string, string> = {};
  for (const f of item.fields) {
    const fromProfile = f.fromProfile && (applicant as unknown as Record<string, unknown>)[f.fromProfile];
    fields[f.key] = typeof fromProfile === 'string' ? fromProfile : sampleValue(f, item);
  }
  const data: Record<string, Record<string, string>> = {};
  for (const m of item.materials)
    data[m.id] = Object.fromEntries(m.dataFields.map((f) => [f.key, sampleValue(f, item)]));
  // A 残疾人证号 is the holder's ID number + category + grade: 1 视力, 1 一级 (each select's first option).
  for (const m of item.materials)
    for (const f of m.dataFields) if (f.type === 'disability-card') data[m.id]![f.key] = `${applicant.idNumber}11`;
  for (const f of item.fields) if (f.type === 'disability-card') fields[f.key] = `${applicant.idNumber}11`;
  // Make every equals rule hold: copy the right-hand value into the left-hand side.
  const read = (r: ValueRef) =>
    r.source === 'field'
      ? fields[r.key]
      : r.source === 'material'
        ? data[r.material]?.[r.key]
        : String((applicant as unknown as Record<string, unknown>)[r.key]);
  for (let pass = 0; pass < 2; pass++) {
    for (const r of item.rules) {
      if (r.kind !== 'equals') continue;
      const v = read(r.right)!;
      if (r.left.source === 'field') fields[r.left.key] = v;
      if (r.left.source === 'material') data[r.left.material]![r.left.key] = v;
    }
  }
  const materials: Material[] = item.materials
    .filter((m) => !options.skip?.(m.id))
    .map((m, i) => ({
      id: `0195f000-0000-7000-8000-${String(100 + i).padStart(12, '0')}`,
      caseId: CASE_ID,
      requirementId: m.id,
      pages:
        m.kind === 'document-photo'
          ? Array.from({ length: m.pagesMin }, () => ({
              sha256: SHA,
              mime: 'image/jpeg' as const,
              bytes: 300_000,
              capturedAt: AT,
              quality: { width: 2000, height: 1500, sharpness: 240, mean: 160, clipped: 0.02 },
            }))
          : [],
      ...(m.kind === 'signature' && {
        signature: {
          sha256: SHA,
          signerName: applicant.name,
          signerRole: 'applicant' as const,
          signedAt: AT,
          deviceId: 'tablet-1',
        },
      }),
      ...(m.kind === 'e-licence' && { licenceRef: 'DZZZ-330782-2026-000123' }),
      data: data[m.id]!,
      updatedAt: AT,
    }));
  return {
    item,
    caseData: { itemCode: item.code, fields, tolerance: [], acknowledged: [] },
    applicant,
    materials,
    today: TODAY,
    workingDaysBetween,
  };
}

const errorsOf = (input: EvaluationInput) => evaluate(input).findings.filter((f) => f.severity === 'error');
const describeFindings = (input: EvaluationInput) =>
  evaluate(input)
    .findings.map((f) => `${f.severity} ${f.key}: ${f.message}`)
    .join('\n');

describe.each(CATALOG.map((i) => [i.code, i] as const))('%s through the rules engine', (_code, item) => {
  it('has no broken references', () => {
    expect(checkItemReferences(item)).toEqual([]);
  });

  it('passes a complete, correct case without errors or warnings', () => {
    const input = completeCase(item, { skip: (id) => id === 'tolerance-commitment' });
    const report = evaluate(input);
    expect(report.findings, describeFindings(input)).toEqual([]);
    expect(report.canSubmit).toBe(true);
  });

  it('refuses a case whose 代办委托书 is not signed', () => {
    const input = completeCase(item, { skip: (id) => id === 'tolerance-commitment' || id === 'entrustment' });
    expect(errorsOf(input).map((f) => f.target)).toContainEqual({ type: 'material', id: 'entrustment' });
  });

  const hukou = item.materials.find((m) => m.id === 'hukou');
  if (
    hukou &&
    item.rules.some((r) => r.kind === 'equals' && r.left.source === 'material' && r.left.material === 'hukou')
  ) {
    it('catches a 户口簿 page of someone else', () => {
      const input = completeCase(item, { skip: (id) => id === 'tolerance-commitment' });
      const row = input.materials.find((m) => m.requirementId === 'hukou')!;
      row.data = { ...row.data, name: '王秀兰' };
      expect(errorsOf(input).map((f) => f.code)).toContain('value.mismatch');
    });
  }

  const age = item.rules.find((r) => r.kind === 'age-range');
  if (age?.kind === 'age-range') {
    it('refuses an applicant outside the age range', () => {
      const input = completeCase(item, { skip: (id) => id === 'tolerance-commitment' });
      const wrongAge = age.minAge !== undefined ? age.minAge - 1 : age.maxAge! + 1;
      const p = personAged(wrongAge);
      input.applicant = { ...input.applicant, birthDate: p.birthDate, idNumber: p.idNumber };
      for (const f of item.fields) if (f.fromProfile === 'idNumber') input.caseData.fields[f.key] = p.idNumber;
      expect(errorsOf(input).map((f) => f.code)).toContain(
        age.minAge !== undefined && wrongAge < age.minAge ? 'age.too_young' : 'age.too_old',
      );
    });
  }

  if (item.toleranceAllowed) {
    const tolerable = item.materials.filter((m) => m.requirement === 'tolerable').map((m) => m.id);
    const promised = { requirementId: tolerable[0]!, promisedBy: '2026-03-13' };

    it('accepts a tolerable material promised within the limit under a signed 容缺承诺书', () => {
      const input = completeCase(item, { skip: (id) => tolerable.includes(id) });
      input.caseData.tolerance = tolerable.map((requirementId) => ({ ...promised, requirementId }));
      expect(errorsOf(input), describeFindings(input)).toEqual([]);
      expect(evaluate(input).materials[tolerable[0]!]?.status).toBe('tolerated');
    });

    it('refuses the tolerance without the signed 容缺承诺书', () => {
      const input = completeCase(item, { skip: (id) => tolerable.includes(id) || id === 'tolerance-commitment' });
      input.caseData.tolerance = tolerable.map((requirementId) => ({ ...promised, requirementId }));
      expect(errorsOf(input).map((f) => f.code)).toContain('tolerance.commitment_unsigned');
    });

    it('refuses a promise later than the item allows', () => {
      const input = completeCase(item, { skip: (id) => tolerable.includes(id) });
      input.caseData.tolerance = [{ requirementId: tolerable[0]!, promisedBy: '2026-06-30' }];
      expect(errorsOf(input).map((f) => f.code)).toContain('tolerance.date_too_late');
    });
  }
});
