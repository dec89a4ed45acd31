// A year's holiday arrangement as it travels (admin form, server store, pull feed, device cache):
// checked so a typo cannot turn a working day into a holiday unnoticed.
import { z } from 'zod';
import { dayOfWeek, isIsoDate } from '../dates';
import type { HolidayYear } from './types';

const Day = z.string().refine(isIsoDate, '日期应为真实的 YYYY-MM-DD');
/** A holiday block is at most this long (the longest so far: 9 days of 春节 2026). */
export const MAX_HOLIDAY_DAYS = 15;

export const HolidayYearInput = z
  .object({
    year: z.number().int().min(2000, '年份应在 2000–2100 之间').max(2100, '年份应在 2000–2100 之间'),
    source: z.string().trim().min(1, '请填写通知名称（来源）').max(200, '来源过长'),
    holidays: z
      .array(z.object({ name: z.string().trim().min(1, '请填写节日名称').max(20, '节日名称过长'), from: Day, to: Day }))
      .min(1, '至少要有一个放假安排')
      .max(20, '放假安排过多'),
    workingWeekends: z
      .array(z.object({ date: Day, for: z.string().trim().min(1, '请填写调休所属节日').max(20, '节日名称过长') }))
      .max(20, '调休上班日过多'),
  })
  .superRefine((y, ctx) => {
    const inYear = (d: string) => d.startsWith(`${y.year}-`);
    const off = new Set<string>();
    y.holidays.forEach((h, i) => {
      const path = ['holidays', i];
      if (!inYear(h.from) || !inYear(h.to))
        return ctx.addIssue({ code: 'custom', path, message: `${h.name}的日期不在${y.year}年内` });
      if (h.to < h.from) return ctx.addIssue({ code: 'custom', path, message: `${h.name}的结束日期早于开始日期` });
      const days = (Date.parse(h.to) - Date.parse(h.from)) / 86_400_000 + 1;
      if (days > MAX_HOLIDAY_DAYS)
        return ctx.addIssue({
          code: 'custom',
          path,
          message: `${h.name}放假${days}天，超过${MAX_HOLIDAY_DAYS}天，请核对`,
        });
      for (let t = Date.parse(h.from); t <= Date.parse(h.to); t += 86_400_000) {
        const d = new Date(t).toISOString().slice(0, 10);
        if (off.has(d)) ctx.addIssue({ code: 'custom', path, message: `${d}重复出现在两个放假安排中` });
        off.add(d);
      }
    });
    y.workingWeekends.forEach((w, i) => {
      const path = ['workingWeekends', i];
      if (!inYear(w.date)) ctx.addIssue({ code: 'custom', path, message: `调休上班日${w.date}不在${y.year}年内` });
      else if (dayOfWeek(w.date) !== 0 && dayOfWeek(w.date) !== 6)
        ctx.addIssue({ code: 'custom', path, message: `${w.date}不是周末，不需要调休上班` });
      else if (off.has(w.date)) ctx.addIssue({ code: 'custom', path, message: `${w.date}既是放假日又是上班日` });
    });
  });
export type HolidayYearInput = z.infer<typeof HolidayYearInput>;

/** A stored arrangement: each save of a year is a new version. */
export const HolidayArrangement = HolidayYearInput.and(
  z.object({ version: z.number().int().positive(), updatedAt: z.number().int() }),
);
export type HolidayArrangement = z.infer<typeof HolidayArrangement>;

export const asHolidayYear = (a: HolidayYearInput): HolidayYear => ({
  year: a.year,
  source: a.source,
  holidays: a.holidays,
  workingWeekends: a.workingWeekends,
});

/** From 1 November, next year's arrangement is awaited (the notice usually comes in Nov/Dec). */
export function missingNextYear(today: string, covered: (year: number) => boolean): number | undefined {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= '11-01' && !covered(year + 1) ? year + 1 : undefined;
}
