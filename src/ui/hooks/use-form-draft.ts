// A form's input kept on the device as it is typed (src/state/form-draft.ts), for the signed-in
// user: restored when the form opens again after an update, a reload or a crash.
import { useEffect, useRef, useState } from 'preact/hooks';
import { onBeforeReload } from '../../state/before-reload';
import { createDraftKeeper, type DraftKeeper, type DraftKeeperOptions } from '../../state/form-draft';
import { useAppState } from '../app/context';

export interface FormDraft {
  /** A draft was put back into the form (show DraftNote). */
  restored: boolean;
  /** Throw the draft away: the form shows what it had before. */
  discard: () => void;
  /** The form was saved or cancelled. */
  clear: () => Promise<void>;
}

/**
 * `form` names the form and its record (`person:<id>`), or null when there is nothing to keep yet.
 * `value` is the form's whole input; `apply` puts a value back into the form.
 */
export function useFormDraft<T>(
  form: string | null,
  value: T,
  apply: (value: T) => void,
  parse?: DraftKeeperOptions<T>['parse'],
): FormDraft {
  const { session } = useAppState();
  const userId = session.value?.user.id;
  const keeper = useRef<DraftKeeper<T> | null>(null);
  const [restored, setRestored] = useState(false);
  const latest = useRef({ value, apply });
  latest.current = { value, apply };

  useEffect(() => {
    if (!userId || !form) return;
    const k = createDraftKeeper<T>({
      userId,
      form,
      baseline: latest.current.value,
      apply: (v) => latest.current.apply(v),
      ...(parse && { parse }),
      onError: (e) => console.warn('form draft not kept', form, e),
    });
    keeper.current = k;
    setRestored(false);
    void k.start().then((r) => {
      if (keeper.current === k) setRestored(r);
    });
    // The newest render's input: a change whose effect has not run yet (Preact runs effects after
    // paint, and never for a component that unmounts first) must not be lost.
    const catchUp = () => k.update(latest.current.value);
    // Written at once when the tablet hides the page (app switch, screen off) or closes it.
    const flush = () => {
      catchUp();
      void k.flush();
    };
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHide);
    const unregister = onBeforeReload(() => {
      catchUp();
      return k.flush();
    });
    return () => {
      unregister();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHide);
      if (keeper.current === k) keeper.current = null;
      // Leaving the form keeps what it shows; signing out (no user any more) keeps nothing.
      if (session.peek()?.user.id === userId) catchUp();
      void k.dispose();
    };
  }, [userId, form]);

  const json = JSON.stringify(value);
  useEffect(() => {
    keeper.current?.update(latest.current.value);
  }, [json]);

  return {
    restored,
    discard: () => {
      setRestored(false);
      void keeper.current?.discard();
    },
    clear: async () => {
      setRestored(false);
      await keeper.current?.clear();
    },
  };
}
