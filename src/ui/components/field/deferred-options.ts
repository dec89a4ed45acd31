// A select's long list of options, drawn when first needed (issue 13): on the case list's first
// render the browser styled and measured the two filters' 50 options (PIN → list 407 against
// 455 ms at 4× CPU, 21 runs alternating) for fields nobody had touched yet. Until then the select
// holds its placeholder and its chosen option; it gets the rest at the first touch or focus on it
// — in the same task, before the browser opens its picker or a key moves its choice — or at the
// first idle time once its screen is painted. (A long idle time came too late: on a busy page it
// fell into the agent's next screen changes, 1.2–1.7× slower in the bench.) A screen reader that
// opens the picker without focusing it can find it short only until that first idle time.
import { useEffect, useState } from 'preact/hooks';

/** Whether every option is drawn yet, and the call that draws them now (undefined once they are). */
export function useDeferredOptions(defer: boolean): [all: boolean, drawAll: (() => void) | undefined] {
  const [all, setAll] = useState(!defer);
  useEffect(() => {
    if (all) return;
    const fill = () => setAll(true);
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(fill, 200);
      return () => clearTimeout(timer);
    }
    const id = requestIdleCallback(fill, { timeout: 1_000 });
    return () => cancelIdleCallback(id);
  }, [all]);
  return [all, all ? undefined : () => setAll(true)];
}
