import type { Validation } from '../../../src/domain/result';

/** The error code, or 'ok' — makes table tests read like the rules they check. */
export const outcome = (v: Validation<unknown>) => (v.ok ? 'ok' : v.error.code);
export const warningCodes = (v: Validation<unknown>) => (v.ok ? v.warnings.map((w) => w.code) : []);

/** Unwraps a valid result or fails the test with the error. */
export function value<T>(v: Validation<T>): T {
  if (!v.ok) throw new Error(`expected valid, got ${v.error.code}: ${v.error.message}`);
  return v.value;
}

/** Every message a person reads is Chinese. */
export const HAS_CHINESE = /\p{Script=Han}/u;
