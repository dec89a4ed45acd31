// Pixels → model inputs, in PaddleOCR's conventions (BGR channel order, CHW planes).
import type { Quad } from './boxes';

export interface Rgba {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

const DET_MEAN = [0.485, 0.456, 0.406];
const DET_STD = [0.229, 0.224, 0.225];

/** Byte → normalised detector input, one table per RGB channel (a lookup, not 3 divisions a pixel). */
const DET_LUT = DET_MEAN.map((mean, c) => Float32Array.from({ length: 256 }, (_, v) => (v / 255 - mean) / DET_STD[c]!));

/** Detector input size for an image: longest side at most `maxSide`, both sides multiples of 32. */
export function detSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const s = Math.min(1, maxSide / Math.max(width, height));
  const to32 = (n: number) => Math.max(32, Math.round((n * s) / 32) * 32);
  return { width: to32(width), height: to32(height) };
}

/**
 * Detector input straight from the source pixels (no second canvas, no second getImageData):
 * resized to `width` × `height` by averaging 2 × 2 bilinear taps across each output pixel's
 * footprint (a smooth downscale, like drawImage's), ImageNet-normalised, BGR planes. Writes
 * into `out` when it has room (the buffer is reused from photo to photo).
 */
export function detInputFrom(img: Rgba, width: number, height: number, out?: Float32Array): Float32Array {
  const n = width * height;
  const buf = out && out.length >= 3 * n ? out.subarray(0, 3 * n) : new Float32Array(3 * n);
  const { data, width: W, height: H } = img;
  const sx = W / width,
    sy = H / height;
  const [lr, lg, lb] = DET_LUT as [Float32Array, Float32Array, Float32Array];
  const xs = [-0.25 * sx, 0.25 * sx],
    ys = [-0.25 * sy, 0.25 * sy];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0,
        g = 0,
        b = 0;
      for (const oy of ys) {
        const fy = Math.min(H - 1, Math.max(0, (y + 0.5) * sy + oy - 0.5));
        const y0 = Math.floor(fy),
          y1 = Math.min(H - 1, y0 + 1),
          ay = fy - y0;
        for (const ox of xs) {
          const fx = Math.min(W - 1, Math.max(0, (x + 0.5) * sx + ox - 0.5));
          const x0 = Math.floor(fx),
            x1 = Math.min(W - 1, x0 + 1),
            ax = fx - x0;
          const i00 = (y0 * W + x0) * 4,
            i01 = (y0 * W + x1) * 4,
            i10 = (y1 * W + x0) * 4,
            i11 = (y1 * W + x1) * 4;
          const w00 = (1 - ax) * (1 - ay),
            w01 = ax * (1 - ay),
            w10 = (1 - ax) * ay,
            w11 = ax * ay;
          r += w00 * data[i00]! + w01 * data[i01]! + w10 * data[i10]! + w11 * data[i11]!;
          g += w00 * data[i00 + 1]! + w01 * data[i01 + 1]! + w10 * data[i10 + 1]! + w11 * data[i11 + 1]!;
          b += w00 * data[i00 + 2]! + w01 * data[i01 + 2]! + w10 * data[i10 + 2]! + w11 * data[i11 + 2]!;
        }
      }
      const i = y * width + x;
      buf[i] = lb[Math.round(b / 4)]!;
      buf[n + i] = lg[Math.round(g / 4)]!;
      buf[2 * n + i] = lr[Math.round(r / 4)]!;
    }
  }
  return buf;
}

export const REC_HEIGHT = 48;
const REC_MAX_WIDTH = 2000;

/** Width of a quad's line scaled to 48 px high (≤ 2000 px). */
export function recTextWidth(q: Quad): number {
  const [tl, tr, , bl] = q;
  const boxW = Math.hypot(tr[0] - tl[0], tr[1] - tl[1]);
  const boxH = Math.max(1, Math.hypot(bl[0] - tl[0], bl[1] - tl[1]));
  return Math.max(1, Math.min(REC_MAX_WIDTH, Math.ceil((REC_HEIGHT * boxW) / boxH)));
}

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
