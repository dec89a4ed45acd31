// The statistics input: the store's read model for a period (Repositories['stats']), turned into
// the domain's plain records with Beijing calendar days.
import { chinaDate } from '../../domain';
import type { StatsCase, StatsDecision, StatsInput, StatsRating, StatsRectification } from '../../domain/stats';
import type { Repositories, Visibility } from '../store';
import type { Period } from './period';

/** Every record the statistics need for cases submitted in the period that the caller may see. */
export async function loadStatsInput(
  store: Pick<Repositories, 'stats'>,
  visibility: Visibility,
  period: Period,
): Promise<StatsInput> {
  const records = await store.stats.records(visibility, period);
  const decisions: StatsDecision[] = records.decisions.map((d) => ({
    caseId: d.caseId,
    kind: d.kind,
    reasonCodes: d.reasonCodes,
    decidedOn: chinaDate(d.createdAt),
    ...(d.followUp && { followUp: d.followUp }),
  }));
  // 办结 day: the last complete decision (server time, not the reviewer's clock).
  const completedOn = new Map<string, string>();
  for (const d of decisions) if (d.kind === 'complete') completedOn.set(d.caseId, d.decidedOn);

  const cases: StatsCase[] = records.cases.map((r) => {
    const c: StatsCase = {
      id: r.id,
      status: r.status,
      itemCode: r.itemCode,
      villageCode: r.villageCode,
      submittedOn: chinaDate(r.submittedAt),
    };
    if (r.acceptedOn) c.acceptedOn = r.acceptedOn;
    if (r.dueOn) c.dueOn = r.dueOn;
    const done = completedOn.get(r.id);
    if (done) c.completedOn = done;
    return c;
  });
  const ratings: StatsRating[] = records.ratings.map((r) => ({ caseId: r.caseId, level: r.level }));
  const rectifications: StatsRectification[] = records.rectifications.map((x) => {
    const out: StatsRectification = { id: x.id, caseId: x.caseId, status: x.status, dueBy: x.dueBy };
    if (x.closedAt !== undefined) out.closedOn = chinaDate(x.closedAt);
    return out;
  });
  return { cases, decisions, ratings, rectifications };
}
