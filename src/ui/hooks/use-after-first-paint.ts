import { useEffect, useState } from 'preact/hooks';

/**
 * False in the first render for `key`, true from the render after that one was painted. A screen
 * draws its first screenful at once and what lies below it just after: opening it costs one
 * shorter frame, and a tap made in between is handled before the rest is drawn (issue 13).
 * A new `key` (another case) starts over.
 */
export function useAfterFirstPaint(key: string | undefined): boolean {
  const [painted, setPainted] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (key === undefined || painted === key) return;
    if (typeof requestAnimationFrame !== 'function') {
      setPainted(key);
      return;
    }
    // Preact runs this effect after a frame, or after 35 ms when none came (a busy page): the
    // timer set in the next frame fires once that frame is painted.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(key), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [key]);
  return key !== undefined && painted === key;
}
