// A deadline on a date of the form (出生后一个月内申报, 出院后12个月内报销, 死亡后3个月内申领):
// the period runs from the day after the event (民法典 §201); months and years end on the same day
// of the month, or the month's last day (§202); a period ending on a day off ends on the next
// working day (§203), when the engine was given the calendar. Late is a warning by default: most
// late claims are still taken with an explanation, and the window is often local policy.
import { addDays, addMonths, addYears, daysBetween, parseIsoDate } from '../../dates';
import type { CalendarSpan } from '../../schemas/catalog';
import { finding } from '../findings';
import type { RuleEvaluator } from '../types';

const UNIT_TEXT: Record<CalendarSpan['unit'], string> = { days: '日', months: '个月', years: '年' };

export const spanText = (span: CalendarSpan) => `${span.amount}${UNIT_TEXT[span.unit]}`;

/** The last day of a period of `span` that starts after `event`. */
export function periodEnd(
  event: string,
  span: CalendarSpan,
  workingDaysBetween?: (from: string, to: string) => number,
): string {
  let end =
    span.unit === 'days'
      ? addDays(event, span.amount)
      : span.unit === 'months'
        ? addMonths(event, span.amount)
        : addYears(event, span.amount);
  // A day is a working day when exactly one working day lies after the day before it.
  if (workingDaysBetween)
    for (let i = 0; i < 40 && workingDaysBetween(addDays(end, -1), end) !== 1; i++) end = addDays(end, 1);
  return end;
}

export const dateWindow: RuleEvaluator<'date-window'> = {
  kind: 'date-window',
  evaluate(rule, ctx) {
    const ref = rule.fallback && ctx.value(rule.ref) === undefined ? rule.fallback : rule.ref;
    const event = ctx.value(ref);
    const until = rule.until ? ctx.value(rule.until) : ctx.today;
    // A missing or malformed date is reported by the field's own checks.
    if (!event || !until || !parseIsoDate(event) || !parseIsoDate(until)) return [];
    const label = ctx.label(ref),
      target = ctx.target(ref);
    const untilText = rule.until ? `「${ctx.label(rule.until)}」${until}` : `今天（${until}）`;
    if (event > until) {
      const message = `「${label}」${event} 晚于${untilText}，请核对日期`;
      return [finding('date.window_order', 'error', message, target, 'date-window')];
    }
    const last = periodEnd(event, rule.within, ctx.input.workingDaysBetween);
    if (until <= last) return [];
    const basis = rule.source ? `（依据：${rule.source}）` : '';
    const advice = rule.lateAdvice ?? '请向申请人说明逾期的后果，补充逾期原因说明，由经办机构决定是否受理';
    const message = `「${label}」${event} 后${spanText(rule.within)}内应办理（最后一天 ${last}），${untilText}已超过 ${daysBetween(last, until)} 天${basis}；${advice}`;
    return [finding('date.window_passed', 'warning', message, target, 'date-window')];
  },
  materials: (rule) =>
    [rule.ref, rule.fallback, rule.until].flatMap((r) => (r?.source === 'material' ? [r.material] : [])),
};
