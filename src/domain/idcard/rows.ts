// Recognised lines put back in reading order: the detector returns boxes in no promised order, and
// a label and its value ("姓名" … "张三") often come back as two boxes on one row.
import type { OcrChar, OcrLine } from './ocr-types';
import { lineChars } from './ocr-text';

export interface TextRow {
  /** The row's text, boxes joined left to right, white space removed. */
  readonly text: string;
  /** One entry per character of `text`. */
  readonly chars: readonly OcrChar[];
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
}

const bounds = (l: OcrLine) => {
  const xs = l.box.map((p) => p[0]);
  const ys = l.box.map((p) => p[1]);
  return { left: Math.min(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
};

/** Groups lines whose vertical centre falls inside a row's extent; rows top to bottom, boxes left to right. */
export function readingRows(lines: readonly OcrLine[]): TextRow[] {
  const placed = lines
    .filter((l) => l.box.length > 0 && l.text.trim() !== '')
    .map((l) => ({ line: l, ...bounds(l) }))
    .sort((a, b) => a.top + a.bottom - (b.top + b.bottom));
  const groups: { top: number; bottom: number; items: typeof placed }[] = [];
  for (const p of placed) {
    const centre = (p.top + p.bottom) / 2;
    const g = groups.find((r) => centre >= r.top && centre <= r.bottom);
    if (g) {
      g.items.push(p);
      g.top = Math.min(g.top, p.top);
      g.bottom = Math.max(g.bottom, p.bottom);
    } else groups.push({ top: p.top, bottom: p.bottom, items: [p] });
  }
  return groups
    .sort((a, b) => a.top + a.bottom - (b.top + b.bottom))
    .map((g) => {
      const items = g.items.sort((a, b) => a.left - b.left);
      const chars = items.flatMap((i) => lineChars(i.line)).filter((c) => c.ch.trim() !== '');
      return {
        text: chars.map((c) => c.ch).join(''),
        chars,
        top: g.top,
        bottom: g.bottom,
        left: items[0]?.left ?? 0,
      };
    });
}

/** The row with its first `n` characters (a label) cut off. */
export const dropPrefix = (row: TextRow, n: number): TextRow => ({
  ...row,
  text: row.chars
    .slice(n)
    .map((c) => c.ch)
    .join(''),
  chars: row.chars.slice(n),
});
