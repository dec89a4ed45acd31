// Hand-written recogniser output: lines with boxes where the card layout puts them, and per-char
// candidates where a test needs the recogniser to hesitate.
import type { OcrChar, OcrLine, OcrResult } from '../../../src/domain/idcard/ocr-types';

const CHAR_W = 28;
const LINE_H = 32;

/** A line of text whose box starts at (x, y). */
export function line(text: string, x: number, y: number, score = 0.97): OcrLine {
  const w = [...text].length * CHAR_W;
  return {
    text,
    score,
    box: [
      [x, y],
      [x + w, y],
      [x + w, y + LINE_H],
      [x, y + LINE_H],
    ],
  };
}

/**
 * A line with per-char detail: every char gets probability `p`, except the indexes listed in
 * `doubts`, whose first entry is the top reading and the rest its alternatives.
 */
export function lineWithChars(
  text: string,
  x: number,
  y: number,
  doubts: Record<number, [string, number][]> = {},
  p = 0.99,
): OcrLine {
  const chars: OcrChar[] = [...text].map((ch, i) => {
    const d = doubts[i];
    if (!d) return { ch, p, alts: [] };
    const [[top, topP], ...alts] = d as [[string, number], ...[string, number][]];
    return { ch: top, p: topP, alts: alts.map(([c, q]) => ({ ch: c, p: q })) };
  });
  const l = line(chars.map((c) => c.ch).join(''), x, y);
  return { ...l, chars };
}

export const result = (lines: OcrLine[]): OcrResult => ({ lines, width: 856, height: 540, ms: 800 });
