// 容缺受理 due dates: each missing material gets a day by which it must be supplied. The day must
// fall after acceptance, within the item's tolerance window (≤ maxToleranceDays working days), and
// at least 2 working days before the promised time limit runs out, so the case can still finish.
// The reviewer's form and the server check the same window.
import { addWorkingDays, isWorkingDay } from '../calendar';
import type { ItemLimits } from './limit-label';
import { dueDateFor } from './time-limit';

export const TOLERANCE_MARGIN_DAYS = 2;
/** 容缺 due dates fall at most 20 working days after acceptance. */
export const MAX_TOLERANCE_DAYS = 20;

export interface ToleranceWindow {
  /** The case deadline if accepted today: acceptedOn + the promised limit in its unit. */
  caseDueOn: string;
  earliest: string;
  latest: string;
  /** False when the promised limit is too short for any tolerance. */
  possible: boolean;
}

export function toleranceWindow(
  acceptedOn: string,
  /** The item's limits, or a promised limit in working days. */
  limits: ItemLimits | number,
  maxToleranceDays: number,
): ToleranceWindow {
  const caseDueOn = typeof limits === 'number' ? addWorkingDays(acceptedOn, limits) : dueDateFor(limits, acceptedOn);
  const earliest = addWorkingDays(acceptedOn, 1);
  const byWindow = addWorkingDays(acceptedOn, Math.min(maxToleranceDays, MAX_TOLERANCE_DAYS));
  const byLimit = addWorkingDays(caseDueOn, -TOLERANCE_MARGIN_DAYS);
  const latest = byWindow < byLimit ? byWindow : byLimit;
  return { caseDueOn, earliest, latest, possible: latest >= earliest };
}

export interface DueProblem {
  code: string;
  message: string;
}

/** Checks one due date against the window; undefined when it is fine. */
export function checkToleranceDue(dueBy: string, w: ToleranceWindow): DueProblem | undefined {
  if (!w.possible)
    return { code: 'tolerance.limit_too_short', message: `承诺时限太短（${w.caseDueOn} 到期），无法容缺受理` };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueBy)) return { code: 'tolerance.no_date', message: '请填写补齐期限' };
  if (dueBy < w.earliest) return { code: 'tolerance.too_early', message: `补齐期限不能早于 ${w.earliest}` };
  if (dueBy > w.latest)
    return {
      code: 'tolerance.too_late',
      message: `补齐期限最晚为 ${w.latest}（须在承诺期限 ${w.caseDueOn} 前至少 ${TOLERANCE_MARGIN_DAYS} 个工作日）`,
    };
  if (!isWorkingDay(dueBy)) return { code: 'tolerance.day_off', message: `${dueBy} 是休息日，请选工作日` };
  return undefined;
}
