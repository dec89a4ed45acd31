// The workbench rehearsed (src/ui/app/rehearse.ts): once per page, in idle time, the list's first
// case (not a returned one) is read into a workbench of its own and drawn hidden, so the first case
// the agent opens draws close to a second one (≈ 220 → 150 ms at 4×; a second one ≈ 130 ms).
import type { AppState } from '../../../state';
import { createWorkbenchSlice } from '../../../state/workbench/slice';
import { readCase, showCase } from '../../../state/workbench/open';
import { rehearseHidden } from '../../app/rehearse';
import { WorkbenchBody, workbenchDrawn } from './workbench-screen';

/** Reads the list's first case, then draws it hidden: its first screenful in one idle period, the
 *  whole case in the next (two shorter tasks, ≈ 60 and 75–130 ms at 4×). */
export async function rehearseWorkbench(state: AppState, idle: () => Promise<void>): Promise<boolean> {
  // Not a returned case: its first read records what the reviewer flagged (return-scope.ts), a
  // write that belongs to the agent's own opening of it, in the workbench's write queue. The row
  // may be older than the stored case: the read itself leaves a returned case out too.
  const known = state.caseList.rows.value.find((r) => r !== undefined && r.case.status !== 'returned')?.case;
  const reader = state.session.value?.user.id;
  // A read that fails (the device locked meanwhile) only means no rehearsal.
  const read = known ? await readCase(known.id, known, { readOnly: true }).catch(() => undefined) : undefined;
  if (!read?.applicant) return false;
  const wb = createWorkbenchSlice(state.today, state.user);
  showCase(wb, read);
  const draw = async (drawRest: boolean) => {
    await idle();
    // Not once a case was opened in this page: that warmed it already.
    if (workbenchDrawn()) return false;
    return rehearseHidden(state, reader, <WorkbenchBody drawRest={drawRest} />, { ...state, workbench: wb });
  };
  return (await draw(false)) && draw(true);
}
