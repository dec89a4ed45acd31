// Where each recognised line sits on the card. A photo is rarely square to the card: a card turned
// by 12° puts the right end of one row level with the next row's left end. In the frame of the
// card's text slant the card's rows are level again, so rows and columns are measured there.
import type { OcrLine } from './ocr-types';

export interface PlacedLine {
  readonly line: OcrLine;
  /** Extent along the card's rows (left, right) and across them (top, bottom), in image pixels. */
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  /** The line's own angle less the card's slant, radians; undefined when the box is too short to tell. */
  readonly tilt?: number;
}

type Box = OcrLine['box'];

const dist = (a: readonly [number, number], b: readonly [number, number]) => Math.hypot(b[0] - a[0], b[1] - a[1]);

/** The angle of a line's top edge, when its box is a quadrilateral long enough for it to mean something. */
function angleOf(box: Box): number | undefined {
  if (box.length !== 4) return undefined;
  const [tl, tr, , bl] = box as readonly [Box[number], Box[number], Box[number], Box[number]];
  // A box about as wide as high (one character) says nothing about the direction of its row.
  if (dist(tl, tr) < 2 * dist(tl, bl)) return undefined;
  return Math.atan2(tr[1] - tl[1], tr[0] - tl[0]);
}

/** The slant of a page of text boxes: the median angle of the long ones, 0 without any. */
export function slantOf(boxes: readonly Box[]): number {
  const angles = boxes
    .map(angleOf)
    .filter((a) => a !== undefined)
    .sort((a, b) => a - b);
  return angles.length ? angles[Math.floor(angles.length / 2)]! : 0;
}

/** Lines with a box and some text, measured in the frame of the card's slant. */
export function placeLines(lines: readonly OcrLine[]): PlacedLine[] {
  const kept = lines.filter((l) => l.box.length > 0 && l.text.trim() !== '');
  const slant = slantOf(kept.map((l) => l.box));
  const cos = Math.cos(slant),
    sin = Math.sin(slant);
  return kept.map((line) => {
    const us = line.box.map(([x, y]) => x * cos + y * sin);
    const vs = line.box.map(([x, y]) => -x * sin + y * cos);
    const angle = angleOf(line.box);
    return {
      line,
      left: Math.min(...us),
      right: Math.max(...us),
      top: Math.min(...vs),
      bottom: Math.max(...vs),
      tilt: angle === undefined ? undefined : angle - slant,
    };
  });
}
