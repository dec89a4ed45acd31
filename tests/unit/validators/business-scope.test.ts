// Issue 15, defect 5: 经营范围 wording against a subset of the 经营范围规范表述目录.
import { describe, expect, it } from 'vitest';
import { closestScopeEntry, scopeEntries, validateBusinessScope } from '../../../src/domain/validators';
import { BUSINESS_SCOPE_STANDARD } from '../../../src/domain/validators/business-scope-data';
import { warningCodes } from './helpers';

describe('validateBusinessScope', () => {
  it('accepts standard entries, however they are separated', () => {
    expect(warningCodes(validateBusinessScope('日用百货销售；食品销售（仅销售预包装食品）'))).toEqual([]);
    expect(warningCodes(validateBusinessScope('一般项目：日用百货销售、理发服务,日用电器修理\n餐饮服务'))).toEqual([]);
    expect(warningCodes(validateBusinessScope('食品销售(仅销售预包装食品)'))).toEqual([]);
    expect(
      warningCodes(
        validateBusinessScope(
          '一般项目：初级农产品收购；农副产品销售（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）',
        ),
      ),
    ).toEqual([]);
  });

  it.each([
    ['小卖部', '日用百货销售'],
    ['便利店零售', '日用百货销售'],
    ['餐饮', '餐饮服务'],
    ['农产品收购', '初级农产品收购'],
    ['农产品销售', '农副产品销售'],
    ['理发', '理发服务'],
    ['家电维修', '日用电器修理'],
    ['农机维修', '农业机械服务'],
    ['快递代收', '邮政快递驿站服务'],
    ['五金产品零售批发', '五金产品零售'],
  ])('warns about “%s” and names “%s”', (entry, standard) => {
    const v = validateBusinessScope(`日用百货销售；${entry}`);
    expect(warningCodes(v)).toEqual(['scope.nonstandard']);
    if (!v.ok) throw new Error('expected valid');
    expect(v.warnings[0]!.message).toContain(`“${entry}”建议写作“${standard}”`);
    expect(closestScopeEntry(entry)).toBe(standard);
  });

  it('names every non-standard entry in one warning', () => {
    const v = validateBusinessScope('小卖部、理发');
    if (!v.ok) throw new Error('expected valid');
    expect(v.warnings).toHaveLength(1);
    expect(v.warnings[0]!.message).toContain('“小卖部”建议写作“日用百货销售”');
    expect(v.warnings[0]!.message).toContain('“理发”建议写作“理发服务”');
  });

  it('splits entries and drops the licence boilerplate', () => {
    expect(scopeEntries('许可项目：餐饮服务；一般项目：理发服务。')).toEqual(['餐饮服务', '理发服务']);
  });

  it('ships standard entries without duplicates, each with 3+ characters', () => {
    expect(new Set(BUSINESS_SCOPE_STANDARD).size).toBe(BUSINESS_SCOPE_STANDARD.length);
    for (const s of BUSINESS_SCOPE_STANDARD) expect([...s].length).toBeGreaterThanOrEqual(3);
  });
});
