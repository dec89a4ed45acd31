// Writes that must land before the app reloads itself into an update (issue 14: tapping 更新
// wiped half-typed forms). A form registers its flush here; src/pwa/flush-before-reload.ts announces the
// reload (BEFORE_RELOAD_EVENT) and waits for the flushes, briefly. An event, not a shared list:
// this module then stays out of the first screen's code.

/** Page event before the app reloads into an update. pwa/flush-before-reload.ts spells it out too (no shared
 *  chunk on the first screen); tests/unit/state/before-reload.test.ts goes through both. */
export const BEFORE_RELOAD_EVENT = 'daiban-before-reload';

export interface BeforeReloadDetail {
  waitUntil: (work: Promise<unknown>) => void;
}

/** Registers a flush run before an update reloads the page; returns its removal. */
export function onBeforeReload(flush: () => Promise<unknown>, target: EventTarget = window): () => void {
  const listener = (e: Event) => (e as CustomEvent<BeforeReloadDetail>).detail.waitUntil(flush());
  target.addEventListener(BEFORE_RELOAD_EVENT, listener);
  return () => target.removeEventListener(BEFORE_RELOAD_EVENT, listener);
}
