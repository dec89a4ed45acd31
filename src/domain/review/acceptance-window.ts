// 行政许可法 §32: an office must accept, refuse or return (一次性告知补正) an application within
// five days of receiving it; if it does not tell the applicant what to correct in time, the
// application counts as accepted from the day the materials arrived (自收到申请材料之日起即为受理).
// Counted in working days (行政许可法 §82: 期限以工作日计算, 不含法定节假日).
import { addWorkingDays, workingDaysBetween } from '../calendar';

export const ACCEPTANCE_DECISION_DAYS = 5;

export interface AcceptanceWindow {
  /** Day the current revision's materials arrived (Beijing time). */
  receivedOn: string;
  /** Last day to accept, refuse or return. */
  decideBy: string;
  /** Working days left after today (0 on the last day); negative = working days overdue. */
  remaining: number;
  /** Past `decideBy`: by law the application already counts as accepted. */
  overdue: boolean;
}

export function acceptanceWindow(receivedOn: string, today: string): AcceptanceWindow {
  const decideBy = addWorkingDays(receivedOn, ACCEPTANCE_DECISION_DAYS);
  const remaining = today <= decideBy ? workingDaysBetween(today, decideBy) : -workingDaysBetween(decideBy, today);
  return { receivedOn, decideBy, remaining, overdue: today > decideBy };
}

export const acceptanceWindowLabel = (w: AcceptanceWindow): string =>
  w.overdue
    ? `已超过 5 个工作日（${w.decideBy} 到期），依法自收到材料之日（${w.receivedOn}）起视为受理`
    : w.remaining === 0
      ? '今日须作出受理、退回或不予受理决定'
      : `受理决定剩余 ${w.remaining} 个工作日（${w.decideBy} 前）`;
