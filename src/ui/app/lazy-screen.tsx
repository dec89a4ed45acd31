import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Button } from '../components/button';

type Loader<P> = () => Promise<ComponentType<P>>;

/**
 * A screen fetched on first use: its own chunk, so the tablet's first screen downloads less. The
 * service worker precaches every chunk, so it still opens offline; if a chunk cannot be fetched
 * (e.g. the app was updated while offline) the screen says so and offers a retry.
 */
export function lazyScreen<P extends object>(load: Loader<P>, label: string): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const fetchOnce = () => {
    pending ??= load().then(
      (c) => {
        loaded = c;
        return c;
      },
      (e: unknown) => {
        pending = null;
        throw e;
      },
    );
    return pending;
  };

  function LazyScreen(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [error, setError] = useState<string | null>(null);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (Component) return;
      let live = true;
      fetchOnce().then(
        (c) => {
          if (live) setComponent(() => c);
        },
        (e: unknown) => {
          if (live) setError(e instanceof Error ? e.message : String(e));
        },
      );
      return () => {
        live = false;
      };
    }, [attempt]);
    if (Component) return <Component {...props} />;
    if (error) {
      return (
        <div role="alert">
          <p class="error-text">
            无法打开{label}：{error}。请检查网络后重试。
          </p>
          <Button
            variant="primary"
            onClick={() => {
              setError(null);
              setAttempt((n) => n + 1);
            }}
          >
            重试
          </Button>
        </div>
      );
    }
    return <p aria-busy="true">正在打开{label}……</p>;
  }
  LazyScreen.displayName = `Lazy(${label})`;
  return LazyScreen;
}
