// What the recogniser prints where the card holds a digit: full-width digits and the letters a
// Chinese PP-OCR model confuses with digits (O/0, l/1, B/8, Z/2, S/5…). Used only inside number
// fields (ID number, dates), never on names or addresses.
import { toHalfWidth } from '../validators/normalise';
import type { OcrChar, OcrLine } from './ocr-types';

const LOOK_ALIKES: Readonly<Record<string, string>> = {
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  〇: '0',
  l: '1',
  I: '1',
  i: '1',
  '|': '1',
  '!': '1',
  Z: '2',
  z: '2',
  S: '5',
  s: '5',
  B: '8',
  b: '6',
  G: '6',
  q: '9',
  g: '9',
  x: 'X',
  '×': 'X',
  χ: 'X',
  Ⅹ: 'X',
};

/** The digit (or `X`) a character stands for inside a number field, or undefined. */
export function asDigit(ch: string): string | undefined {
  const c = toHalfWidth(ch);
  if (/^[0-9X]$/.test(c)) return c;
  return LOOK_ALIKES[c];
}

/** Digits and look-alikes mapped to digits; every other character left as it is. */
export const digitsIn = (text: string) => [...text].map((c) => asDigit(c) ?? c).join('');

/** The line's characters with their candidates; a recogniser without detail gives each the line score. */
export function lineChars(line: OcrLine): OcrChar[] {
  const text = [...line.text];
  if (line.chars && line.chars.length === text.length) return [...line.chars];
  return text.map((ch) => ({ ch, p: line.score, alts: [] }));
}
