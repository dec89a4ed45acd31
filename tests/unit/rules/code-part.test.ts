// Issue 15, defect 9: 残疾人两项补贴. The grade is the 20th digit of the 20-digit 残疾人证号 (the
// category the 19th); 重度残疾人护理补贴 is for grades 一级 and 二级 only (国发〔2015〕52号). Run on the
// real CL-CJBT item; the ID numbers' check characters were worked out by hand.
import { describe, expect, it } from 'vitest';
import { findItem } from '../../../src/catalog';
import { checkItemText, catalogFile, readCatalogFile } from '../../../src/domain/catalog-edit';
import { checkItemReferences } from '../../../src/domain/rules';
import type { ServiceItem } from '../../../src/domain/schemas/catalog';
import { applicant, material, pages, run } from './fixtures';

const HOLDER = '330782195804120027'; // 1958-04-12, female
const OTHER = '330782195804120035'; // the same birth date, a man's number
const cjbt = () => findItem('CL-CJBT')!;

function cjbtCase(o: { subsidyType: string; card: string; data?: Record<string, string> }) {
  return run(cjbt(), {
    applicant: applicant({ name: '王秀英', sex: 'F', idNumber: HOLDER, birthDate: '1958-04-12' }),
    fields: { name: '王秀英', idNumber: HOLDER, subsidyType: o.subsidyType },
    materials: [
      material('disability-certificate', {
        pages: pages(2),
        data: { name: '王秀英', certificateNumber: o.card, ...o.data },
      }),
    ],
    today: '2026-03-10',
  });
}
const codePartFindings = (r: ReturnType<typeof cjbtCase>) => r.findings.filter((f) => f.rule === 'code-part');
const codes = (r: ReturnType<typeof cjbtCase>) => codePartFindings(r).map((f) => f.code);

describe('CL-CJBT: 残疾人证号 and the nursing subsidy', () => {
  it('is version 2 or later (its content changed)', () => {
    expect(cjbt().version).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['nursing', '41'],
    ['nursing', '62'],
    ['both', '51'],
    ['living', '43'], // 生活补贴 has no grade condition here
    ['living', '34'],
  ])('%s with card …%s: no finding', (subsidyType, suffix) => {
    expect(codes(cjbtCase({ subsidyType, card: `${HOLDER}${suffix}` }))).toEqual([]);
  });

  it.each([
    ['nursing', '43'],
    ['nursing', '44'],
    ['both', '53'],
  ])('%s with card …%s (三级/四级): refused with a clear Chinese reason', (subsidyType, suffix) => {
    const r = cjbtCase({ subsidyType, card: `${HOLDER}${suffix}` });
    const f = codePartFindings(r);
    expect(f.map((x) => x.code)).toEqual(['disability_grade.not_allowed']);
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.message).toContain('一级、二级');
    expect(f[0]!.message).toContain('困难残疾人生活补贴');
    expect(f[0]!.target).toEqual({ type: 'material', id: 'disability-certificate', field: 'certificateNumber' });
    expect(r.canSubmit).toBe(false);
  });

  it("refuses a card whose first 18 digits are someone else's ID number", () => {
    const r = cjbtCase({ subsidyType: 'living', card: `${OTHER}41` });
    const f = codePartFindings(r);
    expect(f.map((x) => x.code)).toEqual(['disability_id_number.mismatch']);
    expect(f[0]!.message).toContain('身份证号不一致');
  });

  it('catches a typed grade or category that disagrees with the number', () => {
    const r = cjbtCase({ subsidyType: 'living', card: `${HOLDER}43`, data: { category: '5', grade: '2' } });
    expect(codes(r).sort()).toEqual(['disability_category.mismatch', 'disability_grade.mismatch']);
    const grade = codePartFindings(r).find((f) => f.code === 'disability_grade.mismatch')!;
    expect(grade.message).toContain('3 三级');
    expect(grade.message).toContain('二级'); // the typed value shown by its label
    expect(
      codes(cjbtCase({ subsidyType: 'living', card: `${HOLDER}43`, data: { category: '4', grade: '3' } })),
    ).toEqual([]);
  });

  it('leaves a malformed number to its format check, in Chinese', () => {
    const r = cjbtCase({ subsidyType: 'nursing', card: HOLDER });
    expect(codes(r)).toEqual([]);
    const format = r.findings.find((f) => f.code === 'disability.length');
    expect(format?.target).toEqual({ type: 'material', id: 'disability-certificate', field: 'certificateNumber' });
    expect(format?.severity).toBe('error');
  });
});

describe('code-part in the catalogue editor', () => {
  it('round-trips through export, import and the editor check', () => {
    const file = JSON.stringify(catalogFile([cjbt()], Date.UTC(2026, 2, 10)));
    const read = readCatalogFile(file);
    if ('error' in read) throw new Error(read.error);
    const check = checkItemText(JSON.stringify(read.items[0]));
    expect(check.problems).toEqual([]);
    expect(check.ok && check.item.rules.filter((r) => r.kind === 'code-part')).toHaveLength(4);
  });

  it('reports a code-part rule that checks nothing, or reads a value that does not exist', () => {
    const item = structuredClone(cjbt()) as ServiceItem;
    const ref = { source: 'material', material: 'disability-certificate', key: 'certificateNumber' } as const;
    item.rules = [
      ...item.rules,
      { kind: 'code-part', ref, part: 'disability-grade' },
      {
        kind: 'code-part',
        ref,
        part: 'disability-grade',
        values: ['1'],
        when: { ref: { source: 'field', key: 'ghost' }, values: ['x'] },
      },
      {
        kind: 'code-part',
        ref,
        part: 'disability-category',
        equals: { source: 'material', material: 'nope', key: 'c' },
      },
    ];
    const n = item.rules.length;
    const problems = checkItemText(JSON.stringify(item)).problems.map((p) => p.path);
    expect(problems).toEqual([`rules.${n - 3}`, `rules.${n - 2}.when.ref.key`, `rules.${n - 1}.equals.material`]);
    expect(checkItemReferences(item)).toEqual([
      `CL-CJBT rule #${n - 3} (code-part) has neither values nor equals: it checks nothing`,
      `CL-CJBT rule #${n - 1} (code-part) names unknown material "nope"`,
    ]);
  });

  it('refuses an unknown part name', () => {
    const item = structuredClone(cjbt()) as unknown as { rules: unknown[] };
    item.rules.push({
      kind: 'code-part',
      ref: { source: 'field', key: 'subsidyType' },
      part: 'shoe-size',
      values: ['1'],
    });
    const problems = checkItemText(JSON.stringify(item)).problems;
    expect(problems.some((p) => p.path.endsWith('.part'))).toBe(true);
  });
});
