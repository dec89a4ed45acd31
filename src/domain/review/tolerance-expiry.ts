// 容缺受理 promises kept or not: a tolerated material not supplied by its due day, plus a grace
// period in working days, ends the case (终止) with a written notice (终止告知) to the applicant.
import { addWorkingDays } from '../calendar';
import type { TolerancePromise } from '../schemas/case';

export interface OverduePromise {
  requirementId: string;
  dueBy: string;
  /** The last day of grace: the case is terminated on the working day after it. */
  graceEnds: string;
}

/** Unsupplied promises whose due day plus `graceDays` working days is before `today`. */
export function overduePromises(
  tolerance: readonly TolerancePromise[],
  graceDays: number,
  today: string,
): OverduePromise[] {
  const out: OverduePromise[] = [];
  for (const t of tolerance) {
    if (t.suppliedAt !== undefined) continue;
    const dueBy = t.dueBy ?? t.promisedBy;
    const graceEnds = addWorkingDays(dueBy, graceDays);
    if (today > graceEnds) out.push({ requirementId: t.requirementId, dueBy, graceEnds });
  }
  return out;
}

export interface TerminationNoticeInput {
  caseNumber: string;
  itemName: string;
  acceptedOn: string | null;
  overdue: readonly (OverduePromise & { name: string })[];
  graceDays: number;
  today: string;
}

/** The 终止告知 text: what was promised, when, and what the applicant can do now. */
export function terminationNotice(n: TerminationNoticeInput): string {
  const items = n.overdue.map((o) => `“${o.name}”（承诺 ${o.dueBy} 前补齐）`).join('、');
  return (
    `终止告知：办件 ${n.caseNumber}（${n.itemName}）于 ${n.acceptedOn ?? '受理当日'} 容缺受理，` +
    `申请人承诺补齐的 ${items} 在期限届满后 ${n.graceDays} 个工作日内仍未补交，` +
    `依据容缺受理承诺，本办件自 ${n.today} 起终止办理。材料备齐后可重新申请。`
  ).slice(0, 1000);
}
