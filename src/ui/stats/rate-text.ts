// A share as text: "12.5%（3/24）", or a plain word when there is nothing to divide by — never
// a "0%" that would read as a bad result.
import { percent, type Share } from '../../domain/stats';

export const rateText = (s: Share, none = '暂无数据') =>
  s.rate === null ? none : `${percent(s)}%（${s.count}/${s.total}）`;

export const rateValue = (s: Share, none = '暂无数据') => (s.rate === null ? none : `${percent(s)}%`);
