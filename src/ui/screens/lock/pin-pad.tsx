// A big-button PIN pad (6 digits): thumbs on a shared tablet, elders' eyes. Keyboard digits work too.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';

const LENGTH = 6;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

export function PinPad({
  label,
  disabled,
  onComplete,
}: {
  label: string;
  disabled?: boolean;
  onComplete: (pin: string) => void;
}) {
  const digits = useSignal('');
  const press = (key: (typeof KEYS)[number]) => {
    if (disabled) return;
    if (key === 'clear') digits.value = '';
    else if (key === 'back') digits.value = digits.value.slice(0, -1);
    else if (digits.value.length < LENGTH) {
      digits.value += key;
      if (digits.value.length === LENGTH) {
        const pin = digits.value;
        digits.value = '';
        onComplete(pin);
      }
    }
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (/^\d$/.test(e.key)) press(e.key as (typeof KEYS)[number]);
      else if (e.key === 'Backspace') press('back');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  return (
    <div class="pin-pad" role="group" aria-label={label}>
      <p class="pin-pad__label">{label}</p>
      {/* A status (a polite live region) may carry a name; a plain div may not (axe aria-prohibited-attr). */}
      <div class="pin-pad__dots" role="status" aria-label={`已输入 ${digits.value.length} 位，共 ${LENGTH} 位`}>
        {Array.from({ length: LENGTH }, (_, i) => (
          <span class={`pin-pad__dot${i < digits.value.length ? ' pin-pad__dot--on' : ''}`} aria-hidden="true" />
        ))}
      </div>
      <div class="pin-pad__keys">
        {KEYS.map((k) => (
          <button
            type="button"
            class={`pin-pad__key${k.length > 1 ? ' pin-pad__key--fn' : ''}`}
            disabled={disabled}
            aria-label={k === 'clear' ? '清空' : k === 'back' ? '删除一位' : k}
            onClick={() => press(k)}
          >
            {k === 'clear' ? '清空' : k === 'back' ? '删除' : k}
          </button>
        ))}
      </div>
    </div>
  );
}
