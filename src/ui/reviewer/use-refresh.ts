// Keeps a desk page current without a manual reload: loads on entry (and on every re-entry,
// `visit`), when the window regains focus or the network returns, and every minute.
import { useEffect } from 'preact/hooks';

export const REFRESH_MS = 60_000;

export function useRefresh(load: () => unknown, visit: number, deps: readonly unknown[] = []): void {
  useEffect(() => {
    void load();
    const again = () => {
      if (document.visibilityState === 'visible') void load();
    };
    addEventListener('focus', again);
    addEventListener('online', again);
    document.addEventListener('visibilitychange', again);
    const timer = setInterval(again, REFRESH_MS);
    return () => {
      removeEventListener('focus', again);
      removeEventListener('online', again);
      document.removeEventListener('visibilitychange', again);
      clearInterval(timer);
    };
  }, [visit, ...deps]);
}
