// How an item's time limit reads on screens and slips: "即办", "20 个工作日", "60 个自然日".
// Kept apart from the due-date arithmetic so screens can show it without the holiday calendar.
import type { LimitUnit } from '../schemas/catalog';

export interface ItemLimits {
  legalLimitDays: number;
  promisedLimitDays: number;
  /** Missing on items stored before limits carried a unit: working days. */
  limitUnit?: LimitUnit | undefined;
}

export type WhichLimit = 'promised' | 'legal';

export const UNIT_TEXT: Record<LimitUnit, string> = { 'working-days': '个工作日', 'calendar-days': '个自然日' };

export const limitDays = (item: ItemLimits, which: WhichLimit = 'promised') =>
  which === 'legal' ? item.legalLimitDays : item.promisedLimitDays;

/** "即办" for 0, else the number with its unit. */
export function limitLabel(item: ItemLimits, which: WhichLimit = 'promised'): string {
  const days = limitDays(item, which);
  return days === 0 ? '即办' : `${days} ${UNIT_TEXT[item.limitUnit ?? 'working-days']}`;
}
