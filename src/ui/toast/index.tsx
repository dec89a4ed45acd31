import { useEffect } from 'preact/hooks';
import { useAppState } from '../app/context';
import './toast.css';

const TOAST_MS = 5000;

/** Short confirmations ("已保存"); errors stay until the agent closes them. */
export function Toast() {
  const state = useAppState();
  const t = state.toast.value;
  useEffect(() => {
    if (!t || t.tone === 'danger') return;
    const timer = setTimeout(() => {
      if (state.toast.value === t) state.toast.value = null;
    }, TOAST_MS);
    return () => clearTimeout(timer);
  }, [t]);
  return (
    <div class="toast-region no-print" role="status" aria-live="polite">
      {t && (
        <div class={`toast toast--${t.tone}`}>
          <span>{t.text}</span>
          <button
            type="button"
            class="toast__close"
            onClick={() => {
              state.toast.value = null;
            }}
            aria-label="关闭提示"
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
