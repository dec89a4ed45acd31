// The applicant's age (completed years, from the profile's birth date) must lie in min..max,
// both inclusive, at today or at the date a ValueRef names. A local limit names its source.
import { ageAt, parseIsoDate } from '../../dates';
import { finding } from '../findings';
import type { RuleEvaluator } from '../types';

export const ageRange: RuleEvaluator<'age-range'> = {
  kind: 'age-range',
  evaluate(rule, ctx) {
    const birthRef = { source: 'person', key: 'birthDate' } as const;
    const target = ctx.target(birthRef);
    const birthDate = ctx.input.applicant.birthDate;
    if (!parseIsoDate(birthDate)) {
      return [
        finding(
          'age.unknown',
          'warning',
          '申请人出生日期有误，无法核对年龄条件，请在群众档案中改正',
          target,
          'age-range',
        ),
      ];
    }
    const at = rule.at ? ctx.value(rule.at) : ctx.today;
    // A missing or malformed date is reported by the field's own checks.
    if (at === undefined || !parseIsoDate(at)) return [];
    const age = ageAt(birthDate, at);
    const when = rule.at ? `在「${ctx.label(rule.at)}」${at} 时` : '目前';
    // A local limit (county or province policy, not national law) names its source. It binds (an
    // error) unless the item makes it a warning, as where national law has no such limit: then the
    // agent checks with the agency instead of turning the villager away.
    if (rule.local) {
      const basis = rule.source ? `（依据：${rule.source}）` : '';
      const bound =
        rule.minAge !== undefined && age < rule.minAge
          ? { code: 'age.too_young', text: `未满本地规定的${rule.minAge}周岁` }
          : rule.maxAge !== undefined && age > rule.maxAge
            ? { code: 'age.too_old', text: `超过本地规定的${rule.maxAge}周岁` }
            : undefined;
      if (!bound) return [];
      const advice =
        rule.severity === 'warning' || rule.severity === 'info'
          ? '这是本地规定，请先向经办机构确认能否办理，再提交'
          : '不符合本地办理条件，请核对出生日期，确认无误请告知申请人暂不能办理';
      const message = `申请人${when}${age}周岁，${bound.text}${basis}；${advice}`;
      return [finding(bound.code, 'error', message, target, 'age-range')];
    }
    if (rule.minAge !== undefined && age < rule.minAge) {
      const message = `申请人${when}${age}周岁，未满${rule.minAge}周岁，不符合办理条件；请核对出生日期，确认无误请告知申请人暂不能办理`;
      return [finding('age.too_young', 'error', message, target, 'age-range')];
    }
    if (rule.maxAge !== undefined && age > rule.maxAge) {
      const message = `申请人${when}${age}周岁，超过${rule.maxAge}周岁，不符合办理条件；请核对出生日期，确认无误请告知申请人不能办理`;
      return [finding('age.too_old', 'error', message, target, 'age-range')];
    }
    return [];
  },
  materials: (rule) => (rule.at?.source === 'material' ? [rule.at.material] : []),
};
