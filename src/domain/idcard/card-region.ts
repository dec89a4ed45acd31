// The card's own text, without what the photo shows around it (a newspaper under the card, a form
// beside it). The labels of a 居民身份证 are printed at fixed places in a left column, so the lines
// that carry them locate the card's text block; a line outside that block, or running at another
// angle than the card's rows, is not the card's.
import type { PlacedLine } from './card-frame';

export interface CardLayout {
  /** The labels printed one under the other in the card's left column, with how far below the first row's top each starts. */
  readonly column: readonly { readonly label: RegExp; readonly below: number }[];
  /** From the first row's top to the last row's bottom. */
  readonly height: number;
  /** How far right of the label column the farthest line of the card starts. */
  readonly maxStart: number;
}

// Measures in label heights (a label's box is ≈ 33 px on the card's 856 × 540 px, rows 60 px apart).
// Beyond the text block the card still has ≈ 2 label heights of margin above, below and left, and
// ≥ 12 right of the farthest start: text further out lies around the card, not on it.

/** 人像面: 姓名, 性别, 出生, 住址 and 公民身份号码 down the left; values start up to ≈ 10 to their right (民族's). */
export const CARD_FRONT: CardLayout = {
  column: [
    { label: /^[姓娃]名/, below: 0 },
    { label: /^性[别剐]/, below: 1.8 },
    { label: /^出生/, below: 3.6 },
    { label: /^[住往佳][址扯趾]/, below: 5.4 },
    { label: /^公民身份|^身份号码/, below: 11.2 },
  ],
  height: 12.3,
  maxStart: 12,
};

/** 国徽面 below the emblem and title: 签发机关 and 有效期限, values ≈ 4 to their right. */
export const CARD_BACK: CardLayout = {
  column: [
    { label: /^签发/, below: 0 },
    { label: /^有效期/, below: 1.9 },
  ],
  height: 3,
  maxStart: 8,
};

/**
 * A card's rows run within a degree or two of one another (a few more near the edges of a photo
 * taken at an angle); a line tilted further lies loose on or beside the card.
 */
const MAX_TILT = (8 * Math.PI) / 180;
/** Slack around the text block, in label heights: half the card's margin, for perspective and the detector's boxes. */
const SLACK = 1;
const LEFT_SLACK = 1.2;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The lines on the card, by its labels; every aligned line when no label was read (nothing to place the card by). */
export function onCard(placed: readonly PlacedLine[], layout: CardLayout): PlacedLine[] {
  const aligned = placed.filter((p) => p.tilt === undefined || Math.abs(p.tilt) <= MAX_TILT);
  const anchors = aligned.flatMap((p) => {
    const text = p.line.text.replace(/\s+/g, '');
    const at = layout.column.find((c) => c.label.test(text));
    return at ? [{ p, below: at.below }] : [];
  });
  if (anchors.length === 0) return aligned;
  // Medians: one stray line that happens to start like a label does not move the card.
  const h = median(anchors.map((a) => a.p.bottom - a.p.top));
  const column = median(anchors.map((a) => a.p.left));
  const top = median(anchors.map((a) => a.p.top - a.below * h));
  return aligned.filter((p) => {
    const centre = (p.top + p.bottom) / 2;
    return (
      p.left >= column - LEFT_SLACK * h &&
      p.left <= column + layout.maxStart * h &&
      centre >= top - SLACK * h &&
      centre <= top + (layout.height + SLACK) * h
    );
  });
}
