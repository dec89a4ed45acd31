// Which lines the recogniser reads together. A batch costs one run (fixed overhead) plus its
// lines × its width (every line is padded to the widest), so lines of similar width go together
// and a short label is never padded to the width of the ID number. PaddleOCR instead pads every
// line to at least 320 px, its training width: on a card most lines are labels of 2–4
// characters (~90 px), and reading them at their own width loses nothing on the test set.

export interface RecBatch {
  /** Indices into the widths, ascending width. */
  readonly lines: readonly number[];
  /** The batch's input width: its widest line, rounded up to the model's stride (8). */
  readonly width: number;
}

export interface RecBatchOptions {
  /** Narrowest input width: shorter lines are padded to it. */
  readonly minWidth: number;
  /** Most lines in one run (bounds the input tensor's memory). */
  readonly maxLines: number;
  /** One run's overhead, in pixel columns of one line (measured: ~40 ms ≈ 64 columns). */
  readonly runCost: number;
}

export const REC_BATCH_DEFAULTS: RecBatchOptions = { minWidth: 96, maxLines: 8, runCost: 64 };

const STRIDE = 8;
const inputWidth = (w: number, min: number) => Math.ceil(Math.max(min, w) / STRIDE) * STRIDE;

/**
 * Splits lines into batches at the least total cost (runs × runCost + Σ lines × width): an exact
 * dynamic programme over the lines sorted by width, where every batch is a run of neighbours.
 */
export function recBatches(widths: readonly number[], opts: RecBatchOptions = REC_BATCH_DEFAULTS): RecBatch[] {
  const order = widths.map((w, i) => ({ w: inputWidth(w, opts.minWidth), i })).sort((a, b) => a.w - b.w);
  const n = order.length;
  // best[j]: least cost of the first j lines; from[j]: where the last batch of that split starts.
  const best = new Float64Array(n + 1).fill(Infinity);
  const from = new Int32Array(n + 1);
  best[0] = 0;
  for (let j = 1; j <= n; j++) {
    for (let i = Math.max(0, j - opts.maxLines); i < j; i++) {
      const cost = best[i]! + opts.runCost + (j - i) * order[j - 1]!.w;
      if (cost < best[j]!) {
        best[j] = cost;
        from[j] = i;
      }
    }
  }
  const batches: RecBatch[] = [];
  for (let j = n; j > 0; j = from[j]!) {
    const slice = order.slice(from[j]!, j);
    batches.unshift({ lines: slice.map((o) => o.i), width: slice.at(-1)!.w });
  }
  return batches;
}
