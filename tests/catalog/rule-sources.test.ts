// Local policy is data with its source (issue 15, defect 3): every rule the county may change —
// one marked local, and every age condition or date window — names the document it comes from,
// and the rules that are county policy rather than national law are marked local.
import { describe, expect, it } from 'vitest';
import { CATALOG, findItem } from '../../src/catalog';
import { checkItem } from '../../src/domain/catalog-edit';
import type { Rule, ServiceItem } from '../../src/domain/schemas/catalog';

/** Rules whose parameters are local or legal limits and that do not say where they come from. */
function unsourced(item: ServiceItem): string[] {
  return item.rules.flatMap((r, i) =>
    (r.local || r.kind === 'age-range' || r.kind === 'date-window') && !r.source?.trim()
      ? [`${item.code} rules.${i} (${r.kind})`]
      : [],
  );
}

const item = (code: string) => {
  const found = findItem(code);
  if (!found) throw new Error(code);
  return found;
};
const rulesOf = <K extends Rule['kind']>(code: string, kind: K) =>
  item(code).rules.filter((r): r is Extract<Rule, { kind: K }> => r.kind === kind);

describe('rule sources', () => {
  it('every local rule, age condition and date window in the catalogue names its source', () => {
    expect(CATALOG.flatMap(unsourced)).toEqual([]);
  });

  it('the check fails on a local rule or an age condition without a source', () => {
    const pension = item('SB-JMYL-CB');
    const stripped: ServiceItem = {
      ...pension,
      rules: pension.rules.map((r) => (r.kind === 'age-range' ? { ...r, source: undefined } : r)),
    };
    expect(unsourced(stripped)).toHaveLength(2);
    const local: ServiceItem = {
      ...pension,
      rules: [...pension.rules, { kind: 'required', ref: { source: 'field', key: 'identity' }, local: true }],
    };
    expect(unsourced(local)).toEqual([`SB-JMYL-CB rules.${pension.rules.length} (required)`]);
  });

  it('the admin check refuses a local rule without a source, with the path to fix', () => {
    const pension = item('SB-JMYL-CB');
    const i = pension.rules.findIndex((r) => r.local);
    const rules = pension.rules.map((r, j) => (j === i ? { ...r, source: undefined } : r));
    const check = checkItem({ ...pension, rules });
    expect(check.ok).toBe(false);
    expect(check.problems).toContainEqual({ path: `rules.${i}.source`, message: expect.stringContaining('依据') });
    expect(checkItem(pension).ok).toBe(true);
  });

  it('pension enrolment: 16 is national (国发〔2014〕8号), the cap at 60 is a local warning', () => {
    const [min, cap] = rulesOf('SB-JMYL-CB', 'age-range');
    expect(min).toMatchObject({ minAge: 16 });
    expect(min?.local).toBeFalsy();
    expect(min?.source).toContain('国发〔2014〕8号');
    expect(cap).toMatchObject({ maxAge: 59, local: true, severity: 'warning' });
    expect(cap?.source).toMatch(/本县/);
  });

  it('claim windows are local, the birth registration month is national law', () => {
    expect(rulesOf('YB-LXBX', 'date-window')).toMatchObject([{ local: true, within: { amount: 12, unit: 'months' } }]);
    expect(rulesOf('SB-JMYL-ZX', 'date-window')).toMatchObject([
      { local: true, within: { amount: 3, unit: 'months' } },
    ]);
    const [birth] = rulesOf('GA-CSDJ', 'date-window');
    // No severity override: late is the kind's warning, a date after today stays an error.
    expect(birth).toMatchObject({ within: { amount: 1, unit: 'months' } });
    expect(birth?.severity).toBeUndefined();
    expect(birth?.local).toBeFalsy();
    expect(birth?.source).toMatch(/户口登记条例.*第七条/);
  });

  it('公积金提取: leaving a job counts only with 完全丧失劳动能力 (条例 §24)', () => {
    const reason = item('GJJ-TQ').fields.find((f) => f.key === 'reason')!;
    const labels = reason.options!.map((o) => o.label);
    const leaving = labels.filter((l) => l.includes('终止劳动关系'));
    expect(leaving).toEqual(['完全丧失劳动能力，并与单位终止劳动关系']);
    expect(reason.options!.map((o) => o.value)).not.toContain('leave');
    const proof = item('GJJ-TQ').materials.find((m) => m.id === 'reason-proof')!;
    expect(proof.standard).toMatch(/劳动能力鉴定结论.*终止劳动关系证明/);
  });
});
