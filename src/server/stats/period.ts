// The statistics period: `from` and `to` are Beijing calendar days, both included. A case belongs
// to the period of the day it was first submitted.
import { chinaDate, chinaMidnight } from '../../domain';
import type { StatsQuery } from '../../domain/api';
import { badRequest } from '../http/errors';

export interface Period {
  from: string;
  to: string;
  /** [startMs, endMs): Beijing midnight of `from` to Beijing midnight after `to`. */
  startMs: number;
  endMs: number;
}

const DAY_MS = 86_400_000;

/** Defaults: from 1 January of this year to today (Beijing time). */
export function parsePeriod(q: StatsQuery, now: number): Period {
  const today = chinaDate(now);
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  if (from > to) throw badRequest('stats.bad_period', '开始日期不能晚于结束日期');
  return { from, to, startMs: chinaMidnight(from), endMs: chinaMidnight(to) + DAY_MS };
}
