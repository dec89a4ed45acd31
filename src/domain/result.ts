// The shape every check in the domain returns: a stable code for programs, a Chinese message for people.

export type Severity = 'error' | 'warning' | 'info';

export interface Issue {
  /** Stable, programmatic: e.g. `id.checksum`. Never reworded once shipped. */
  code: string;
  severity: Severity;
  /** Chinese, for the agent: what is wrong and what to do. */
  message: string;
}

/** A validator's answer: the normalised value (with any warnings), or the error that blocks it. */
export type Validation<T> = { ok: true; value: T; warnings: Issue[] } | { ok: false; error: Issue };

export const valid = <T>(value: T, warnings: Issue[] = []): Validation<T> => ({ ok: true, value, warnings });
export const invalid = <T = never>(code: string, message: string): Validation<T> => ({
  ok: false,
  error: { code, severity: 'error', message },
});
export const warning = (code: string, message: string): Issue => ({ code, severity: 'warning', message });
