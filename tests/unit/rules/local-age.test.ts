// A local age limit (county or province policy) names its source; it binds (an error) unless the
// item makes it a warning; a national one keeps the kind's wording.
import { describe, expect, it } from 'vitest';
import { applicant, makeItem, only, run } from './fixtures';

// The fixture applicant was born 1970-03-15: 55 on TODAY (2025-06-02).
const rule = { kind: 'age-range' as const, maxAge: 50, source: '本县规定（测试文件）' };

describe('local age limits', () => {
  it('a local cap made a warning names the age, the cap and the source', () => {
    const f = only(run(makeItem({ rules: [{ ...rule, local: true, severity: 'warning' }] })), 'age.too_old');
    expect(f.severity).toBe('warning');
    expect(f.message).toBe(
      '申请人目前55周岁，超过本地规定的50周岁（依据：本县规定（测试文件））；这是本地规定，请先向经办机构确认能否办理，再提交',
    );
  });

  it('a local minimum binds by default: an error that says the villager cannot apply yet', () => {
    const item = makeItem({ rules: [{ kind: 'age-range', minAge: 60, local: true, source: '省文件' }] });
    const f = only(run(item), 'age.too_young');
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(/^申请人目前55周岁，未满本地规定的60周岁（依据：省文件）；不符合本地办理条件/);
  });

  it('a national limit keeps the error and its wording; a source alone changes nothing', () => {
    const plain = only(run(makeItem({ rules: [{ kind: 'age-range', maxAge: 50 }] })), 'age.too_old');
    const sourced = only(run(makeItem({ rules: [rule] })), 'age.too_old');
    expect(sourced).toEqual(plain);
    expect(plain.severity).toBe('error');
  });

  it('inside the limits: nothing', () => {
    const young = applicant({ birthDate: '1980-01-01' });
    const report = run(makeItem({ rules: [{ ...rule, local: true }] }), { applicant: young });
    expect(report.findings.filter((f) => f.rule === 'age-range')).toEqual([]);
  });
});
