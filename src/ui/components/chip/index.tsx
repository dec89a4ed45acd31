import type { ComponentChildren } from 'preact';
import './chip.css';

/** A toggle chip (category filters): a real button with aria-pressed. */
export function Chip({
  pressed,
  onToggle,
  children,
}: {
  pressed: boolean;
  onToggle: () => void;
  children: ComponentChildren;
}) {
  return (
    <button type="button" class={`chip${pressed ? ' chip--on' : ''}`} aria-pressed={pressed} onClick={onToggle}>
      {pressed && <span aria-hidden="true">✓ </span>}
      {children}
    </button>
  );
}
