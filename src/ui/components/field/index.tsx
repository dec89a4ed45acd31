import type { ComponentChildren, JSX } from 'preact';
import { useId } from 'preact/hooks';
import type { Signal } from '@preact/signals';
import { useDeferredOptions } from './deferred-options';
import './field.css';

export interface FieldMessages {
  hint?: string | undefined;
  /** Blocks saving: shown in red with role="alert"-like emphasis. */
  error?: string | undefined;
  /** Worth reading, does not block. */
  warnings?: readonly string[] | undefined;
  /** Derived value shown under the input (e.g. birth date from the ID number). */
  derived?: string | undefined;
}

interface FieldProps extends FieldMessages {
  label: string;
  required?: boolean | undefined;
  /** Receives the ids the input must use. */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ComponentChildren;
}

/** Label + input + hint/error/derived lines, wired with ids so screen readers read them together. */
export function Field({ label, required, hint, error, warnings, derived, children }: FieldProps) {
  const id = useId();
  const parts = [
    hint && `${id}-hint`,
    derived && `${id}-derived`,
    error && `${id}-error`,
    warnings?.length && `${id}-warn`,
  ].filter(Boolean);
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label class="field__label" for={id}>
        {label}
        {required && <span class="field__required"> （必填）</span>}
      </label>
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children({ id, describedBy: parts.length ? parts.join(' ') : undefined, invalid: Boolean(error) })}
      {derived && (
        <p class="field__derived" id={`${id}-derived`}>
          {derived}
        </p>
      )}
      {error && (
        <p class="field__error" id={`${id}-error`}>
          × {error}
        </p>
      )}
      {warnings?.length ? (
        <ul class="field__warnings" id={`${id}-warn`}>
          {warnings.map((w) => (
            <li key={w}>⚠ {w}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onInput' | 'label'> &
  FieldMessages & { label: string; value: string; onValue: (v: string) => void };

export function TextField({ label, hint, error, warnings, derived, required, value, onValue, ...rest }: InputProps) {
  return (
    <Field label={label} hint={hint} error={error} warnings={warnings} derived={derived} required={Boolean(required)}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          class="field__input"
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          aria-required={required ? true : undefined}
          onInput={(e) => onValue(e.currentTarget.value)}
          {...rest}
        />
      )}
    </Field>
  );
}

/** A required password input bound to a signal (login, unlock, password change). */
export function PasswordField({
  label,
  hint,
  value,
  autoComplete,
}: {
  label: string;
  hint?: string;
  value: Signal<string>;
  autoComplete: 'current-password' | 'new-password';
}) {
  return (
    <TextField
      label={label}
      hint={hint}
      type="password"
      value={value.value}
      onValue={(v) => {
        value.value = v;
      }}
      autoComplete={autoComplete}
      required
    />
  );
}

type AreaProps = Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onInput' | 'label'> &
  FieldMessages & { label: string; value: string; onValue: (v: string) => void };

export function TextArea({ label, hint, error, warnings, derived, required, value, onValue, ...rest }: AreaProps) {
  return (
    <Field label={label} hint={hint} error={error} warnings={warnings} derived={derived} required={Boolean(required)}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          class="field__input field__input--area"
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          aria-required={required ? true : undefined}
          onInput={(e) => onValue(e.currentTarget.value)}
          {...rest}
        />
      )}
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
}

type SelectProps = FieldMessages & {
  label: string;
  value: string;
  onValue: (v: string) => void;
  options: readonly Option[];
  required?: boolean;
  placeholder?: string;
  disabled?: boolean;
  /** A long list on a screen's first render: the placeholder and the chosen option until needed (deferred-options.ts). */
  deferOptions?: boolean;
};

export function SelectField({
  label,
  hint,
  error,
  warnings,
  derived,
  required,
  value,
  onValue,
  options,
  placeholder,
  disabled,
  deferOptions = false,
}: SelectProps) {
  const [allOptions, drawAll] = useDeferredOptions(deferOptions);
  const drawn = allOptions ? options : options.filter((o) => o.value === value);
  return (
    <Field label={label} hint={hint} error={error} warnings={warnings} derived={derived} required={Boolean(required)}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          class="field__input"
          value={value}
          disabled={disabled}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          aria-required={required ? true : undefined}
          onChange={(e) => onValue(e.currentTarget.value)}
          onPointerDown={drawAll}
          onFocus={drawAll}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {drawn.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A ≥ 48 px checkbox with its label as the touch target. */
export function Checkbox({
  label,
  checked,
  onChecked,
  disabled,
  describedBy,
}: {
  label: ComponentChildren;
  checked: boolean;
  onChecked: (v: boolean) => void;
  disabled?: boolean;
  describedBy?: string;
}) {
  return (
    <label class="checkbox">
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(e) => onChecked(e.currentTarget.checked)}
      />
      <span>{label}</span>
    </label>
  );
}
