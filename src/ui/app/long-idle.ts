// A long idle period while the agent is not busy with the screen: one the browser gives only when
// no frame is due (up to 50 ms), never the few ms left between the frames of a scroll, and not
// within QUIET_MS of the agent's last touch, key or scroll. Background work of 50–80 ms at 4×
// slowdown (a screen chunk's parse and run) waits for one, so it shows neither as a frame gap in a
// fling nor as a delay to the filter tapped just after it (issue 13). No timeout: a busy page
// (the agent moving between screens) waits too.

/** Idle time that counts as long (Chromium gives at most 50 ms). */
export const LONG_IDLE_MS = 40;
/** How long after the agent's last touch, key or scroll the page counts as quiet. */
export const QUIET_MS = 1_000;
/** A page that never rests (an endless animation, a long reading session) takes any idle time after this. */
export const SHORT_IDLE_AFTER_MS = 10_000;

let lastActivity = Number.NEGATIVE_INFINITY;
let watching = false;

/** The agent touched, typed or scrolled at `at` (called by the listeners below; tests call it). */
export function noteActivity(at: number = performance.now()): void {
  lastActivity = at;
}

function watchActivity(): void {
  if (watching || typeof addEventListener !== 'function') return;
  watching = true;
  // Capture: scroll events do not bubble (the case list scrolls in its own element).
  for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'])
    addEventListener(type, () => noteActivity(), { passive: true, capture: true });
}

/** Resolves in a long, quiet idle period (or any after SHORT_IDLE_AFTER_MS; a timer without requestIdleCallback). */
export function longIdle(now: () => number = () => performance.now()): Promise<void> {
  watchActivity();
  return new Promise((resolve) => {
    if (typeof requestIdleCallback !== 'function') {
      setTimeout(resolve, 500);
      return;
    }
    const since = now();
    const wait = () =>
      requestIdleCallback((deadline) => {
        const t = now();
        const ready = deadline.timeRemaining() >= LONG_IDLE_MS && t - lastActivity >= QUIET_MS;
        if (ready || t - since > SHORT_IDLE_AFTER_MS) resolve();
        else wait();
      });
    wait();
  });
}
