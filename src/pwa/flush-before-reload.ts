// Before the app reloads into an update, the open forms write what they hold (issue 14): the
// registration (register.ts) announces the reload; src/state/before-reload.ts is the forms' side.
/** = BEFORE_RELOAD_EVENT of src/state/before-reload.ts (not imported: it stays off the first screen). */
const BEFORE_RELOAD_EVENT = 'daiban-before-reload';

/**
 * Asks the open forms to write what they hold (src/state/before-reload.ts) and waits for them, at
 * most `timeoutMs`: an update must not hang on a write.
 */
export async function flushBeforeReload(target: EventTarget = window, timeoutMs = 3_000): Promise<void> {
  const work: Array<Promise<unknown>> = [];
  target.dispatchEvent(
    new CustomEvent(BEFORE_RELOAD_EVENT, { detail: { waitUntil: (p: Promise<unknown>) => work.push(p) } }),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([Promise.allSettled(work), new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
  clearTimeout(timer);
}
