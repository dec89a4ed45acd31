// On-time rate: completed cases finished on or before their promised deadline.
import { share, type Share, type StatsCase } from './types';

/** Among completed cases with a deadline; ISO dates compare correctly as strings. */
export function onTimeRate(cases: readonly StatsCase[]): Share {
  const judged = cases.filter((c) => c.completedOn && c.dueOn);
  const onTime = judged.filter((c) => c.completedOn! <= c.dueOn!).length;
  return share(onTime, judged.length);
}
