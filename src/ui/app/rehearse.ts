// Issue 13: a screen drawn for the first time in a page pays for the page's first style and
// layout of its elements, the shaping of its text and the first runs of its code (a first case
// took ≈ 220 ms at 4×, a second one ≈ 130 ms). Drawn once hidden in idle time and taken down in
// the same task, its first real drawing comes close to a second one (a case ≈ 150 ms). Nothing is
// painted; passive effects never run (Preact skips them for a tree unmounted before they are due).
// What does run must write nothing: the render itself, state and memo initialisers, ref callbacks
// and layout effects (run and cleaned up in the same task), and any read that writes.
import { h, render, type ComponentChild } from 'preact';
import type { AppState } from '../../state';
import { AppStateContext } from './context';

/**
 * Draws `screen` hidden in the shell's main column under `value` (the app state, or a copy with a
 * slice of its own), lays it out and takes it down, all in this task. False, drawing nothing, when
 * the shell is not up, the device is locked, nobody or someone other than `reader` (who read the
 * data drawn) is signed in, or a screen that shows nothing else is up (a session ended by the
 * server, a password to change): no villager's data in the page then, not even hidden. A screen
 * drawn without data passes the user signed in now. Never throws: a screen that fails to draw is
 * only not rehearsed (false).
 */
export function rehearseHidden(
  state: AppState,
  reader: string | undefined,
  screen: ComponentChild,
  value: AppState = state,
): boolean {
  const main = document.querySelector('main.shell-main');
  const user = state.session.value?.user;
  const sameReader = reader !== undefined && user?.id === reader && !user.mustChangePassword;
  const screenFree = !state.sessionEnd.ended.value && !state.deviceLock.lock.value.locked;
  if (!main || !sameReader || !screenFree) return false;
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.inert = true;
  // In the main column, so it lays out at the width the screen has; no height and clipped, so the
  // page's scroll size does not change; hidden, so nothing is painted.
  host.style.cssText = 'position:relative;height:0;overflow:hidden;contain:strict;visibility:hidden';
  main.append(host);
  try {
    render(h(AppStateContext.Provider, { value }, screen), host);
    host.firstElementChild?.getBoundingClientRect(); // style, layout and text shaping, now
    return true;
  } catch {
    return false; // a rehearsal that fails is only no rehearsal
  } finally {
    // Taken out of the page even if the tree could not be taken down cleanly.
    try {
      render(null, host);
    } catch {
      // as above
    } finally {
      host.remove();
    }
  }
}
