// The ID number's 18 positions as the recogniser saw them: for each, the readings it allows
// (digits; `X` only in the last place), best first, with the recogniser's probability.
import type { OcrChar } from './ocr-types';
import { asDigit } from './ocr-text';

export interface DigitOption {
  readonly ch: string;
  readonly p: number;
}

/** Best first; empty when nothing the recogniser offered can stand in this position. */
export type IdPosition = readonly DigitOption[];

/** Alternatives below this probability are noise, not evidence. */
export const MIN_ALT_P = 0.02;

/** The options of one character at position `index` of the number. */
export function positionOptions(c: OcrChar, index: number): IdPosition {
  const best = new Map<string, number>();
  const add = (ch: string, p: number, top: boolean) => {
    const d = asDigit(ch);
    if (!d || (d === 'X' && index !== 17)) return;
    if (!top && p < MIN_ALT_P) return;
    best.set(d, Math.max(best.get(d) ?? 0, p));
  };
  add(c.ch, c.p, true);
  for (const a of c.alts) add(a.ch, a.p, false);
  return [...best].map(([ch, p]) => ({ ch, p })).sort((a, b) => b.p - a.p);
}

/**
 * The characters of the number in a row that holds it (the label 公民身份号码 may be on the same
 * row): from the first digit-like character to the end, white space and separators dropped. A
 * character read as something else (a Han character in the middle) keeps its place: its
 * alternatives may still hold the digit.
 */
export function idCharsIn(chars: readonly OcrChar[]): OcrChar[] {
  const start = chars.findIndex((c) => asDigit(c.ch) !== undefined);
  if (start < 0) return [];
  return chars.slice(start).filter((c) => !/^[\s\-_.,·:：]$/.test(c.ch));
}

/** The row with the most digit-like characters, when it has enough for an ID number. */
export const digitCount = (chars: readonly OcrChar[]) => chars.filter((c) => asDigit(c.ch) !== undefined).length;
