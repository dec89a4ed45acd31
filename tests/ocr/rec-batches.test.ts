import { describe, expect, it } from 'vitest';
import { recBatches, type RecBatchOptions } from '../../src/ocr/rec-batches';

const opts: RecBatchOptions = { minWidth: 96, maxLines: 4, runCost: 64 };

/** What a plan costs: its runs plus every line padded to its batch's width. */
const cost = (plan: ReturnType<typeof recBatches>) =>
  plan.reduce((sum, b) => sum + opts.runCost + b.lines.length * b.width, 0);

describe('recBatches', () => {
  it('reads every line exactly once, each batch at its widest line rounded up to the stride of 8', () => {
    const widths = [530, 83, 90, 355, 48, 385, 124, 160, 286, 87];
    const plan = recBatches(widths, opts);
    expect(plan.flatMap((b) => b.lines).sort((a, b) => a - b)).toEqual(widths.map((_, i) => i));
    for (const b of plan) {
      expect(b.lines.length).toBeLessThanOrEqual(opts.maxLines);
      expect(b.width % 8).toBe(0);
      expect(b.width).toBeGreaterThanOrEqual(Math.max(opts.minWidth, ...b.lines.map((i) => widths[i]!)));
      expect(b.width - Math.max(opts.minWidth, ...b.lines.map((i) => widths[i]!))).toBeLessThan(8);
    }
  });

  it('never pads a short label to the width of a long line', () => {
    const plan = recBatches([90, 530], opts);
    expect(plan).toEqual([
      { lines: [0], width: 96 },
      { lines: [1], width: 536 },
    ]);
  });

  it('puts lines of nearly the same width in one run', () => {
    expect(recBatches([300, 296, 304], opts)).toEqual([{ lines: [1, 0, 2], width: 304 }]);
  });

  it('costs no more than any other split into runs of neighbours by width (brute force)', () => {
    const widths = [41, 83, 87, 89, 124, 158, 192, 286, 355, 385, 529];
    const sorted = widths.map((w) => Math.ceil(Math.max(opts.minWidth, w) / 8) * 8);
    let least = Infinity;
    // Every way to cut the sorted list into runs: one bit per gap.
    for (let cuts = 0; cuts < 2 ** (sorted.length - 1); cuts++) {
      let total = 0,
        start = 0,
        ok = true;
      for (let i = 1; i <= sorted.length; i++) {
        if (i === sorted.length || cuts & (1 << (i - 1))) {
          if (i - start > opts.maxLines) ok = false;
          total += opts.runCost + (i - start) * sorted[i - 1]!;
          start = i;
        }
      }
      if (ok) least = Math.min(least, total);
    }
    expect(cost(recBatches(widths, opts))).toBe(least);
  });

  it('has nothing to do for no lines', () => {
    expect(recBatches([], opts)).toEqual([]);
  });
});
