import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A screen loaded on first use (its own chunk, precached by the service worker like every
 * other file, so it still opens offline). Keeps the tablet's first load small.
 */
export function Lazy<P extends object>({ load, props, label }: { load: () => Promise<ComponentType<P>>; props: P; label: string }) {
  const [Component, setComponent] = useState<ComponentType<P> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    load().then((c) => { if (live) setComponent(() => c); }, (e: unknown) => { if (live) setError(e instanceof Error ? e.message : String(e)); });
    return () => { live = false; };
  }, [load]);
  if (error) return <p class="error-text" role="alert">无法打开{label}：{error}。请刷新页面重试。</p>;
  if (!Component) return <p aria-busy="true">正在打开{label}……</p>;
  return <Component {...props} />;
}
