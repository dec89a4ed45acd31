// 好差评 shares by level, and how the rectifications that bad ratings opened are going.
import { RATING_LEVELS, isBadRating } from '../schemas/decision';
import { share, type Share, type StatsRating, type StatsRectification } from './types';

export interface LevelShare extends Share {
  level: number;
  label: string;
}

export interface RatingStats {
  /** Levels 5 (非常满意) down to 1 (非常不满意), every level present even when 0. */
  byLevel: LevelShare[];
  /** 不满意 + 非常不满意. */
  bad: Share;
}

export function ratingStats(ratings: readonly StatsRating[]): RatingStats {
  const byLevel = RATING_LEVELS.map(({ level, label }) => ({
    level,
    label,
    ...share(ratings.filter((r) => r.level === level).length, ratings.length),
  }));
  return { byLevel, bad: share(ratings.filter(isBadRating).length, ratings.length) };
}

export interface RectificationStats {
  total: number;
  open: number;
  /** Still open after the due date (as of `today`). */
  overdue: number;
  closed: number;
  /** Closed on or before the due date, among the closed ones. */
  closedOnTime: Share;
}

export function rectificationStats(rows: readonly StatsRectification[], today: string): RectificationStats {
  const open = rows.filter((r) => r.status === 'open');
  const closed = rows.filter((r) => r.status === 'closed');
  return {
    total: rows.length,
    open: open.length,
    overdue: open.filter((r) => r.dueBy < today).length,
    closed: closed.length,
    closedOnTime: share(closed.filter((r) => r.closedOn !== undefined && r.closedOn <= r.dueBy).length, closed.length),
  };
}
