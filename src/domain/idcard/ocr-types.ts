/**
 * The contract between the on-device recogniser (src/ocr/, a Comlink worker running
 * PP-OCRv4 through onnxruntime-web) and the pure ID-card reader (src/domain/idcard/).
 * Pure types only: shared by the worker, the page and the tests.
 */

/** One alternative for one recognised character, from the recogniser's CTC output. */
export interface CharCandidate {
  readonly ch: string;
  /** Softmax probability, 0..1. */
  readonly p: number;
}

/** One recognised character with the recogniser's runner-up readings (best first, ≤ 5). */
export interface OcrChar {
  readonly ch: string;
  readonly p: number;
  readonly alts: readonly CharCandidate[];
}

/** One detected text line, in image pixels (corners clockwise from top-left). */
export interface OcrLine {
  readonly text: string;
  /** Mean character probability, 0..1. */
  readonly score: number;
  readonly box: readonly (readonly [number, number])[];
  /** Per-character detail when the recogniser gives it (the same length as `text`). */
  readonly chars?: readonly OcrChar[];
}

export interface OcrResult {
  readonly lines: readonly OcrLine[];
  readonly width: number;
  readonly height: number;
  /** Wall time in the worker, for the bench and the UI. */
  readonly ms: number;
}

export type CardSide = 'front' | 'back';
