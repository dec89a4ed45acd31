// Deadlines that need attention, on both sides: each case's promised limit (承诺时限) and each
// tolerated material's due date (容缺补齐期限), counted in working days.
import { deadlineStatus, type DeadlineStatus } from '../../domain/calendar';
import type { Case } from '../../domain/schemas/case';

export interface DueEntry {
  caseId: string;
  caseNumber: string;
  itemCode: string;
  kind: 'case' | 'tolerance';
  /** Requirement id for a tolerance entry. */
  requirementId?: string;
  dueOn: string;
  status: DeadlineStatus;
}

/** Statuses in which the promised limit still runs. */
const RUNNING = new Set(['accepted', 'accepted_tolerance', 'in_review', 'submitted', 'resubmitted']);

export function deadlinesOf(
  c: Pick<Case, 'id' | 'number' | 'itemCode' | 'status' | 'dueOn' | 'tolerance'>,
  today: string,
): DueEntry[] {
  const entries: DueEntry[] = [];
  if (c.dueOn && RUNNING.has(c.status))
    entries.push({
      caseId: c.id,
      caseNumber: c.number,
      itemCode: c.itemCode,
      kind: 'case',
      dueOn: c.dueOn,
      status: deadlineStatus(c.dueOn, today),
    });
  if (c.status === 'accepted_tolerance') {
    for (const t of c.tolerance) {
      const due = t.dueBy ?? t.promisedBy;
      if (!t.suppliedAt)
        entries.push({
          caseId: c.id,
          caseNumber: c.number,
          itemCode: c.itemCode,
          kind: 'tolerance',
          requirementId: t.requirementId,
          dueOn: due,
          status: deadlineStatus(due, today),
        });
    }
  }
  return entries;
}

/** Overdue and due-soon entries, most urgent first. */
export function dueSoon(
  cases: readonly Pick<Case, 'id' | 'number' | 'itemCode' | 'status' | 'dueOn' | 'tolerance'>[],
  today: string,
): DueEntry[] {
  return cases
    .flatMap((c) => deadlinesOf(c, today))
    .filter((e) => e.status.overdue || e.status.dueSoon)
    .sort(
      (a, b) =>
        a.status.remaining - b.status.remaining ||
        a.dueOn.localeCompare(b.dueOn) ||
        a.caseNumber.localeCompare(b.caseNumber),
    );
}
