// A reload or a closed tab while a signature, a photo or typing is still on its way to storage
// would lose it (the write is cut off with the page). While anything is unsaved, the browser asks
// before leaving; the listener exists only then, so an idle page keeps its back-forward cache.
import { effect, type ReadonlySignal } from '@preact/signals';

const guarded = new WeakSet<ReadonlySignal<boolean>>();

/** Asks before the page unloads while `unsaved` is true; once per signal, for the page's life. */
export function guardUnsaved(unsaved: ReadonlySignal<boolean>, win: Window = window): void {
  if (guarded.has(unsaved)) return;
  guarded.add(unsaved);
  const ask = (e: BeforeUnloadEvent) => {
    e.preventDefault();
    e.returnValue = ''; // older Chromium (tablets that no longer update) needs this set
  };
  effect(() => {
    if (unsaved.value) win.addEventListener('beforeunload', ask);
    else win.removeEventListener('beforeunload', ask);
  });
}
