// A long idle period: one the browser gives only when no frame is due (up to 50 ms), never the
// few ms left between the frames of a scroll. Background work of 50–80 ms at 4× slowdown (a
// screen chunk's parse and run) waits for one, so it does not show as a frame gap in a fling
// (issue 13). No timeout: a busy page (the agent moving between screens) waits too.

/** Idle time that counts as long (Chromium gives at most 50 ms). */
export const LONG_IDLE_MS = 40;
/** A page that never rests this long (an endless animation) takes any idle time after this. */
export const SHORT_IDLE_AFTER_MS = 10_000;

/** Resolves in a long idle period (or any after SHORT_IDLE_AFTER_MS; a timer without requestIdleCallback). */
export function longIdle(now: () => number = () => performance.now()): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback !== 'function') {
      setTimeout(resolve, 500);
      return;
    }
    const since = now();
    const wait = () =>
      requestIdleCallback((deadline) => {
        if (deadline.timeRemaining() >= LONG_IDLE_MS || now() - since > SHORT_IDLE_AFTER_MS) resolve();
        else wait();
      });
    wait();
  });
}
