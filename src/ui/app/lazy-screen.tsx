import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Button } from '../components/button';
import { chunkOnce, type Chunk } from './chunk-once';

type Loader<P> = () => Promise<ComponentType<P>>;

/**
 * A screen fetched on first use: its own chunk, so the tablet's first screen downloads less. The
 * service worker precaches every chunk, so it still opens offline; if a chunk cannot be fetched
 * (e.g. the app was updated while offline) the screen says so and offers a retry. Given a Chunk
 * the idle preload also loads (screen-chunks.ts), a preloaded screen draws in its first render.
 */
export function lazyScreen<P extends object>(
  source: Loader<P> | Chunk<ComponentType<P>>,
  label: string,
): ComponentType<P> {
  const chunk = typeof source === 'function' ? chunkOnce(source) : source;

  function LazyScreen(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(chunk.ready);
    const [error, setError] = useState<string | null>(null);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (Component) return;
      let live = true;
      chunk.load().then(
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
