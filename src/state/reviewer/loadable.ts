// A value fetched from the server, as three signals the UI reads: the last good data (kept while
// reloading, so a short outage does not blank the page), the loading flag, and the error to show.
import { signal, type Signal } from '@preact/signals';
import { errorMessage } from '../../net';

export interface Loadable<T> {
  data: Signal<T | undefined>;
  loading: Signal<boolean>;
  error: Signal<string | null>;
  /** Runs `load`; a newer call wins over an older one still in flight. */
  run: (load: () => Promise<T>) => Promise<void>;
  reset: () => void;
}

export function loadable<T>(): Loadable<T> {
  const data = signal<T | undefined>(undefined);
  const loading = signal(false);
  const error = signal<string | null>(null);
  let generation = 0;
  return {
    data,
    loading,
    error,
    async run(load) {
      const mine = ++generation;
      loading.value = true;
      error.value = null;
      try {
        const value = await load();
        if (mine === generation) data.value = value;
      } catch (err) {
        if (mine === generation) error.value = errorMessage(err);
      } finally {
        if (mine === generation) loading.value = false;
      }
    },
    reset() {
      generation++;
      data.value = undefined;
      loading.value = false;
      error.value = null;
    },
  };
}
