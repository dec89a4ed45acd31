// A select's long list of options, drawn when first needed (issue 13): on the case list's first
// render the browser styled and measured the two filters' 50 options (≈ 37 ms at 4× CPU, from the
// PIN to the list, 15 runs alternating) for fields nobody had touched yet. Until then the select
// holds its chosen option only; it gets the rest at the first touch, focus or key on it — before
// the browser opens its picker or moves its choice — or in the page's next long, quiet idle time.
import { useEffect, useState } from 'preact/hooks';
import { longIdle } from '../../app/long-idle';

/** Whether every option is drawn yet, and the call that draws them now. */
export function useDeferredOptions(defer: boolean): [all: boolean, drawAll: () => void] {
  const [all, setAll] = useState(!defer);
  useEffect(() => {
    if (all) return;
    let mounted = true;
    void longIdle().then(() => {
      if (mounted) setAll(true);
    });
    return () => {
      mounted = false;
    };
  }, [all]);
  return [
    all,
    () => {
      if (!all) setAll(true);
    },
  ];
}
