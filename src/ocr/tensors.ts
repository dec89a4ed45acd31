// Pixels → model inputs, in PaddleOCR's conventions (BGR channel order, CHW planes).
import type { Quad } from './boxes';

export interface Rgba {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

const DET_MEAN = [0.485, 0.456, 0.406];
const DET_STD = [0.229, 0.224, 0.225];

/** Detector input: RGBA already resized to multiples of 32, ImageNet-normalised, BGR planes. */
export function detInput(img: Rgba): Float32Array {
  const n = img.width * img.height;
  const out = new Float32Array(3 * n);
  const d = img.data;
  for (let i = 0; i < n; i++) {
    out[i] = (d[i * 4 + 2]! / 255 - DET_MEAN[0]!) / DET_STD[0]!;
    out[n + i] = (d[i * 4 + 1]! / 255 - DET_MEAN[1]!) / DET_STD[1]!;
    out[2 * n + i] = (d[i * 4]! / 255 - DET_MEAN[2]!) / DET_STD[2]!;
  }
  return out;
}

export const REC_HEIGHT = 48;
/** PP-OCRv4 recognises lines padded to at least 320 px wide (its training shape). */
const REC_MIN_WIDTH = 320;
const REC_MAX_WIDTH = 2000;

/** Width of a quad's line scaled to 48 px high (≤ 2000 px). */
export function recTextWidth(q: Quad): number {
  const [tl, tr, , bl] = q;
  const boxW = Math.hypot(tr[0] - tl[0], tr[1] - tl[1]);
  const boxH = Math.max(1, Math.hypot(bl[0] - tl[0], bl[1] - tl[1]));
  return Math.max(1, Math.min(REC_MAX_WIDTH, Math.ceil((REC_HEIGHT * boxW) / boxH)));
}

/** Batch width for lines of these widths: the widest, and at least 320 (PP-OCRv4's training shape). */
export const recBatchWidth = (textWidths: readonly number[]): number => Math.max(REC_MIN_WIDTH, ...textWidths);

/**
 * Writes one recogniser input into `out` at image `slot` of a [n, 3, 48, width] batch: the quad
 * cut out of `img` (bilinear, through the affine map of its top-left, top-right and bottom-left
 * corners), scaled to 48 px high, normalised to −1..1, BGR planes, zero-padded on the right.
 */
export function fillRecInput(img: Rgba, q: Quad, out: Float32Array, slot: number, width: number): void {
  const [tl, tr, , bl] = q;
  const textW = Math.min(width, recTextWidth(q));
  const plane = REC_HEIGHT * width;
  const base = slot * 3 * plane;
  const { data, width: W, height: H } = img;
  for (let y = 0; y < REC_HEIGHT; y++) {
    const fy = (y + 0.5) / REC_HEIGHT;
    for (let x = 0; x < textW; x++) {
      const fx = (x + 0.5) / textW;
      const sx = Math.min(W - 1, Math.max(0, tl[0] + fx * (tr[0] - tl[0]) + fy * (bl[0] - tl[0]) - 0.5));
      const sy = Math.min(H - 1, Math.max(0, tl[1] + fx * (tr[1] - tl[1]) + fy * (bl[1] - tl[1]) - 0.5));
      const x0 = Math.floor(sx),
        y0 = Math.floor(sy);
      const x1 = Math.min(W - 1, x0 + 1),
        y1 = Math.min(H - 1, y0 + 1);
      const ax = sx - x0,
        ay = sy - y0;
      const o = base + y * width + x;
      for (let c = 0; c < 3; c++) {
        const v =
          (1 - ay) * ((1 - ax) * data[(y0 * W + x0) * 4 + c]! + ax * data[(y0 * W + x1) * 4 + c]!) +
          ay * ((1 - ax) * data[(y1 * W + x0) * 4 + c]! + ax * data[(y1 * W + x1) * 4 + c]!);
        out[o + (2 - c) * plane] = v / 127.5 - 1;
      }
    }
  }
}
