// The wiring every profile text field repeats (value, input, blur, messages), written once.
import type { ReadonlySignal, Signal } from '@preact/signals';
import type { PersonDraft, PersonDraftKey, PersonFormCheck } from '../../state/person-form';

/** What `bind(key)` returns: spread onto a TextField (`<TextField label="…" {...bind('name')} />`). */
export interface FieldBinding {
  value: string;
  onValue: (v: string) => void;
  onBlur: () => void;
  error: string | undefined;
  warnings: string[] | undefined;
}

/** `'*'` in `touched` marks every field (after a save attempt). */
export const ALL_TOUCHED = '*';

/**
 * Binds draft keys to field props. Errors show once a field was left, or on save; never while the
 * agent is still typing. Warnings show at once: they never block.
 */
export function fieldBinder(
  draft: Signal<PersonDraft>,
  touched: Signal<ReadonlySet<string>>,
  check: ReadonlySignal<PersonFormCheck>,
) {
  return (k: PersonDraftKey): FieldBinding => ({
    value: draft.value[k],
    onValue: (v) => {
      draft.value = { ...draft.value, [k]: v };
    },
    onBlur: () => {
      if (!touched.value.has(k)) touched.value = new Set([...touched.value, k]);
    },
    error: touched.value.has(k) || touched.value.has(ALL_TOUCHED) ? check.value.errors[k] : undefined,
    warnings: check.value.warnings[k],
  });
}
