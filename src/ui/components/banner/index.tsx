import type { ComponentChildren } from 'preact';
import './banner.css';

export type Tone = 'info' | 'success' | 'warning' | 'danger';

/** A message strip. Dangerous news interrupts (role=alert); the rest is polite (role=status). */
export function Banner({
  tone = 'info',
  children,
  class: cls,
}: {
  tone?: Tone;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <div class={`banner banner--${tone}${cls ? ` ${cls}` : ''}`} role={tone === 'danger' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
