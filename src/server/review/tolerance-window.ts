// 容缺受理 due dates, checked on the server with the same window the reviewer's form shows
// (src/state/reviewer/tolerance.ts): after acceptance, within the item's tolerance window
// (≤ maxToleranceDays working days, at most 20) and ≥ 2 working days before the promised limit.
import { addWorkingDays, isWorkingDay } from '../../domain/calendar';

export const TOLERANCE_MARGIN_DAYS = 2;

export interface ToleranceWindow { caseDueOn: string; earliest: string; latest: string; possible: boolean }

export function toleranceWindow(acceptedOn: string, promisedLimitDays: number, maxToleranceDays: number): ToleranceWindow {
  const caseDueOn = addWorkingDays(acceptedOn, promisedLimitDays);
  const earliest = addWorkingDays(acceptedOn, 1);
  const byWindow = addWorkingDays(acceptedOn, Math.min(maxToleranceDays, 20));
  const byLimit = addWorkingDays(caseDueOn, -TOLERANCE_MARGIN_DAYS);
  const latest = byWindow < byLimit ? byWindow : byLimit;
  return { caseDueOn, earliest, latest, possible: latest >= earliest };
}

/** A Chinese reason the due date is refused, or undefined when it is fine. */
export function toleranceDueProblem(dueBy: string, w: ToleranceWindow): string | undefined {
  if (!w.possible) return `承诺时限太短（${w.caseDueOn} 到期），不能容缺受理`;
  if (dueBy < w.earliest) return `补齐期限 ${dueBy} 不能早于 ${w.earliest}`;
  if (dueBy > w.latest) return `补齐期限 ${dueBy} 最晚为 ${w.latest}（须在承诺期限 ${w.caseDueOn} 前至少 ${TOLERANCE_MARGIN_DAYS} 个工作日，且不超过 20 个工作日）`;
  if (!isWorkingDay(dueBy)) return `${dueBy} 是休息日，请选工作日`;
  return undefined;
}
