import type { JSX } from 'preact';
import './button.css';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

type Props = JSX.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; block?: boolean };

/** A ≥ 48 px button. `type="button"` by default so it never submits a form by accident. */
export function Button({ variant = 'secondary', block, class: cls, type = 'button', ...rest }: Props) {
  return (
    <button type={type} class={`btn btn--${variant}${block ? ' btn--block' : ''}${cls ? ` ${cls}` : ''}`} {...rest} />
  );
}

type LinkProps = JSX.AnchorHTMLAttributes<HTMLAnchorElement> & { variant?: ButtonVariant; block?: boolean };

/** A link that looks like a button (navigation, not an action). */
export function LinkButton({ variant = 'secondary', block, class: cls, ...rest }: LinkProps) {
  return <a class={`btn btn--${variant}${block ? ' btn--block' : ''}${cls ? ` ${cls}` : ''}`} {...rest} />;
}
