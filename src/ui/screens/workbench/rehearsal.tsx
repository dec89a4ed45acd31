// Issue 13: the first case opened in a page took ≈ 200 ms at 4× to its first screenful, a second
// one 120–140 ms. The difference is the page's first time through the workbench: its first style
// and layout, the shaping of its text, the first runs of its code and of the case's read. Once
// per page, in idle time, the workbench draws the list's first case (not a returned one) hidden and
// takes it down again
// in the same task: nothing is painted, no passive effect runs (layout effects run and are cleaned
// up in the same task), nothing is written, the screen never shows it.
import { render } from 'preact';
import type { AppState } from '../../../state';
import { createWorkbenchSlice, type WorkbenchSlice } from '../../../state/workbench/slice';
import { readCase, showCase } from '../../../state/workbench/open';
import { AppStateContext } from '../../app/context';
import { WorkbenchBody, workbenchDrawn } from './workbench-screen';

/** Reads the list's first case, then draws and removes it hidden: its first screenful in one
 *  idle period, the whole case in the next (two shorter tasks, ≈ 60 and 80–130 ms at 4×). */
export async function rehearseWorkbench(state: AppState, idle: () => Promise<void>): Promise<boolean> {
  // Not a returned case: its first read records what the reviewer flagged (return-scope.ts), a
  // write that belongs to the agent's own opening of it, in the workbench's write queue.
  const id = state.caseList.rows.value.find((r) => r !== undefined && r.case.status !== 'returned')?.case.id;
  const reader = state.session.value?.user.id;
  // A read that fails (the device locked meanwhile) only means no rehearsal.
  const read = id ? await readCase(id).catch(() => undefined) : undefined;
  if (!read?.applicant) return false;
  const wb = createWorkbenchSlice(state.today, state.user);
  showCase(wb, read);
  return (await drawHidden(state, wb, reader, false, idle)) && drawHidden(state, wb, reader, true, idle);
}

async function drawHidden(
  state: AppState,
  wb: WorkbenchSlice,
  reader: string | undefined,
  drawRest: boolean,
  idle: () => Promise<void>,
): Promise<boolean> {
  await idle();
  // Not once a case was opened in this page (that warmed it already), and never while the device
  // is locked or another user signed in since the read: no villager's data in the page then, not
  // even hidden.
  // Nor under the screens that show nothing else (a session ended by the server, a password to change).
  const main = document.querySelector('main.shell-main');
  const user = state.session.value?.user;
  const sameReader = reader !== undefined && user?.id === reader && !user.mustChangePassword;
  const screenFree = !state.sessionEnd.ended.value && !state.deviceLock.lock.value.locked;
  if (!main || workbenchDrawn() || !sameReader || !screenFree) return false;
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.inert = true;
  // In the main column, so it lays out at the width a case has; no height and clipped, so the
  // page's scroll size does not change; hidden, so nothing is painted.
  host.style.cssText = 'position:relative;height:0;overflow:hidden;contain:strict;visibility:hidden';
  main.append(host);
  try {
    render(
      <AppStateContext.Provider value={{ ...state, workbench: wb }}>
        <WorkbenchBody drawRest={drawRest} />
      </AppStateContext.Provider>,
      host,
    );
    host.firstElementChild?.getBoundingClientRect(); // style, layout and text shaping, now
  } finally {
    // Taken out of the page even if the tree could not be taken down cleanly.
    try {
      render(null, host);
    } finally {
      host.remove();
    }
  }
  return true;
}
