// Recognised lines put back in reading order: the detector returns boxes in no promised order, and
// a label and its value ("姓名" … "张三") often come back as two boxes on one row. Rows are found
// along the card's slant (card-frame.ts), among the lines on the card only (card-region.ts).
import { placeLines, type PlacedLine } from './card-frame';
import { onCard, type CardLayout } from './card-region';
import type { OcrChar, OcrLine } from './ocr-types';
import { lineChars } from './ocr-text';

export interface TextRow {
  /** The row's text, boxes joined left to right, white space removed. */
  readonly text: string;
  /** One entry per character of `text`. */
  readonly chars: readonly OcrChar[];
  /** Extent in the frame of the card's slant. */
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
}

const centre = (p: { top: number; bottom: number }) => (p.top + p.bottom) / 2;

/** The card's lines grouped into rows (a line whose centre falls inside a row's extent joins it); rows top to bottom, boxes left to right. */
export function readingRows(lines: readonly OcrLine[], layout: CardLayout): TextRow[] {
  const placed = onCard(placeLines(lines), layout).sort((a, b) => centre(a) - centre(b));
  const groups: { top: number; bottom: number; items: PlacedLine[] }[] = [];
  for (const p of placed) {
    const c = centre(p);
    const g = groups.find((r) => c >= r.top && c <= r.bottom);
    if (g) {
      g.items.push(p);
      g.top = Math.min(g.top, p.top);
      g.bottom = Math.max(g.bottom, p.bottom);
    } else groups.push({ top: p.top, bottom: p.bottom, items: [p] });
  }
  return groups
    .sort((a, b) => centre(a) - centre(b))
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
