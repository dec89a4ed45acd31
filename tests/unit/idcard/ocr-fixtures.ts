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

/** The lines of a photo turned by `degrees` (clockwise on screen, y down) about `about`: boxes turned, texts unchanged. */
export function turned(lines: OcrLine[], degrees: number, about: readonly [number, number] = [400, 270]): OcrLine[] {
  const a = (degrees * Math.PI) / 180;
  const [cx, cy] = about;
  const turn = ([x, y]: readonly [number, number]) =>
    [
      cx + (x - cx) * Math.cos(a) - (y - cy) * Math.sin(a),
      cy + (x - cx) * Math.sin(a) + (y - cy) * Math.cos(a),
    ] as const;
  return lines.map((l) => ({ ...l, box: l.box.map(turn) }));
}

/** One line turned by `degrees` about its own top-left corner (a slip of paper lying askew). */
export const askew = (l: OcrLine, degrees: number): OcrLine => turned([l], degrees, l.box[0])[0]!;

/** The person on the fixture fronts (read-front.test.ts, card-region.test.ts), as the reader must read them. */
export const WANG_JIANGUO = {
  name: '王建国',
  sex: 'M',
  ethnicity: '汉族',
  birthDate: '1990-03-07',
  address: '北京市东城区景山前街4号院2排18号',
  idNumber: '110101199003071233',
} as const;
