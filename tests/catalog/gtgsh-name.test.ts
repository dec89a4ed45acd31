// Issue 15, defect 5, through the real 个体工商户设立登记 item: the engine passes the applicant's
// places to the name check, and checks the 经营范围 wording.
import { describe, expect, it } from 'vitest';
import { findItem } from '../../src/catalog';
import { placeNamesOf } from '../../src/domain/divisions';
import { evaluate, type EvaluationInput } from '../../src/domain/rules';
import { applicant, inputFor } from '../unit/rules/fixtures';

const item = findItem('SC-GTGSH-SL')!;
// The fixture applicant lives in 420115100201 (江夏区).
const NAMES: Record<string, string> = {
  '420000': '湖北省',
  '420100': '武汉市',
  '420115': '江夏区',
  '420115100000': '纸坊街道',
};
const place = placeNamesOf(applicant().divisionCode, (code) => NAMES[code]);

function withFields(fields: Record<string, string>, withPlace = true): EvaluationInput {
  const base = inputFor(item, { fields: { businessScope: '日用百货销售', ...fields } });
  return withPlace ? { ...base, place } : base;
}
const onName = (input: EvaluationInput) =>
  evaluate(input)
    .findings.filter((f) => f.target.type === 'field' && f.target.key === 'businessName')
    .map((f) => `${f.severity} ${f.code}`);

describe('个体工商户设立登记: name and 经营范围', () => {
  it('is at version 2 with a 经营范围 rule', () => {
    expect(item.version).toBeGreaterThanOrEqual(2);
    expect(item.rules).toContainEqual(
      expect.objectContaining({
        kind: 'field-format',
        format: 'business-scope',
        ref: { source: 'field', key: 'businessScope' },
      }),
    );
  });

  it('resolves the applicant’s places from a 12-digit code', () => {
    expect(place).toEqual({ province: '湖北省', prefecture: '武汉市', county: '江夏区', town: '纸坊街道' });
  });

  it('"老王小卖部": the county and the 行业 are missing', () => {
    expect(onName(withFields({ businessName: '老王小卖部' }))).toEqual([
      'warning bizname.division',
      'warning bizname.trade',
    ]);
    // Without a place the county cannot be checked; the 行业 still can.
    expect(onName(withFields({ businessName: '老王小卖部' }, false))).toEqual(['warning bizname.trade']);
  });

  it('accepts a name in the full structure', () => {
    expect(onName(withFields({ businessName: '江夏区纸坊老王便利店' }))).toEqual([]);
  });

  it('"東風飯店" is refused as traditional characters', () => {
    const f = evaluate(withFields({ businessName: '東風飯店' })).findings.find((x) => x.code === 'bizname.traditional');
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('东风饭店');
  });

  it('warns about 经营范围 outside the standard wording, naming the closest entry', () => {
    const r = evaluate(withFields({ businessName: '江夏区老王便利店', businessScope: '小卖部；家电维修' }));
    const f = r.findings.find((x) => x.code === 'scope.nonstandard');
    expect(f).toMatchObject({ severity: 'warning', target: { type: 'field', key: 'businessScope' } });
    expect(f?.message).toContain('“小卖部”建议写作“日用百货销售”');
    expect(f?.message).toContain('“家电维修”建议写作“日用电器修理”');
  });
});
