// Photo-quality metrics on a grey copy (≤ 1 MP). Pure functions over typed arrays, so they are
// unit-tested in Node on synthetic images and run unchanged in the image worker.
//   sharpness: variance of the 4-neighbour Laplacian — edges give large responses, blur kills them
//   mean:      average grey 0–255 — too dark / too bright
//   clipped:   share of pixels at ≤ 4 or ≥ 251 — burnt-out or crushed areas (glare on a card)
//   isotropy:  weakest direction's detail over the strongest's — camera shake smears one direction
//              only, which the Laplacian (it sums both axes) does not see

export const CLIP_LOW = 4;
export const CLIP_HIGH = 251;

/** RGBA (canvas ImageData) to 8-bit grey, ITU-R BT.601 luma with integer weights. */
export function toGrey(rgba: ArrayLike<number>, width: number, height: number): Uint8Array {
  const n = width * height;
  if (rgba.length < n * 4) throw new RangeError('rgba buffer smaller than width × height × 4');
  const grey = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    grey[i] = (77 * rgba[j]! + 150 * rgba[j + 1]! + 29 * rgba[j + 2]! + 128) >> 8;
  }
  return grey;
}

/** Variance of the Laplacian (kernel 0 1 0 / 1 −4 1 / 0 1 0) over interior pixels. */
export function laplacianVariance(grey: ArrayLike<number>, width: number, height: number): number {
  if (width < 3 || height < 3) return 0;
  let sum = 0;
  let sumSq = 0;
  for (let y = 1; y < height - 1; y++) {
    const row = y * width;
    for (let x = 1; x < width - 1; x++) {
      const i = row + x;
      const l = grey[i - width]! + grey[i + width]! + grey[i - 1]! + grey[i + 1]! - 4 * grey[i]!;
      sum += l;
      sumSq += l * l;
    }
  }
  const n = (width - 2) * (height - 2);
  const mean = sum / n;
  return Math.max(0, sumSq / n - mean * mean);
}

export function meanGrey(grey: ArrayLike<number>): number {
  if (grey.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < grey.length; i++) sum += grey[i]!;
  return sum / grey.length;
}

export function clippedShare(grey: ArrayLike<number>): number {
  if (grey.length === 0) return 0;
  let clipped = 0;
  for (let i = 0; i < grey.length; i++) {
    const v = grey[i]!;
    if (v <= CLIP_LOW || v >= CLIP_HIGH) clipped++;
  }
  return clipped / grey.length;
}

/**
 * Second differences along the four directions (─ │ ╲ ╱); the ratio of the smallest mean square to
 * the largest. Text has strokes every way (≈ 0.3–1); a shaken photo keeps its detail across the
 * shake and loses it along it (→ 0). 1 for a flat image: nothing is smeared.
 */
export function isotropy(grey: ArrayLike<number>, width: number, height: number): number {
  if (width < 3 || height < 3) return 1;
  const e = [0, 0, 0, 0];
  for (let y = 1; y < height - 1; y++) {
    const row = y * width;
    for (let x = 1; x < width - 1; x++) {
      const i = row + x;
      const c = 2 * grey[i]!;
      const h = grey[i - 1]! + grey[i + 1]! - c;
      const v = grey[i - width]! + grey[i + width]! - c;
      const d1 = grey[i - width - 1]! + grey[i + width + 1]! - c;
      const d2 = grey[i - width + 1]! + grey[i + width - 1]! - c;
      e[0]! += h * h;
      e[1]! += v * v;
      e[2]! += d1 * d1;
      e[3]! += d2 * d2;
    }
  }
  const max = Math.max(...e);
  return max === 0 ? 1 : Math.min(...e) / max;
}

export interface GreyMetrics {
  sharpness: number;
  mean: number;
  clipped: number;
  isotropy: number;
}

export function greyMetrics(grey: ArrayLike<number>, width: number, height: number): GreyMetrics {
  return {
    sharpness: laplacianVariance(grey, width, height),
    mean: meanGrey(grey),
    clipped: clippedShare(grey),
    isotropy: isotropy(grey, width, height),
  };
}

export interface ColourMetrics {
  /** Mean of max − min channel (0–255); ≈ 0 for a black-and-white photo. */
  chroma: number;
  /** The two top corners' mean colour and grey-level standard deviation (a portrait's background). */
  backdrop: { r: number; g: number; b: number; spread: number };
}

/** Share of the width, and of the height from the top, that each top corner block covers: on an
 *  ID-style portrait (head centred, up to ≈ 75 % of the width at the hair) only background. */
export const CORNER_WIDTH = 0.12;
export const CORNER_HEIGHT = 0.25;

/** Colourfulness (every second pixel each way) and the top corners' colour, from RGBA. */
export function colourMetrics(rgba: ArrayLike<number>, width: number, height: number): ColourMetrics {
  if (rgba.length < width * height * 4) throw new RangeError('rgba buffer smaller than width × height × 4');
  let chromaSum = 0;
  let sampled = 0;
  for (let y = 0; y < height; y += 2) {
    for (let x = 0, j = y * width * 4; x < width; x += 2, j += 8) {
      const r = rgba[j]!,
        g = rgba[j + 1]!,
        b = rgba[j + 2]!;
      chromaSum += Math.max(r, g, b) - Math.min(r, g, b);
      sampled++;
    }
  }
  const cw = Math.max(1, Math.round(width * CORNER_WIDTH));
  const ch = Math.max(1, Math.round(height * CORNER_HEIGHT));
  let r = 0,
    g = 0,
    b = 0,
    grey = 0,
    greySq = 0,
    n = 0;
  for (let y = 0; y < ch; y++) {
    for (const x0 of [0, width - cw]) {
      for (let x = x0, j = (y * width + x0) * 4; x < x0 + cw; x++, j += 4) {
        const pr = rgba[j]!,
          pg = rgba[j + 1]!,
          pb = rgba[j + 2]!;
        const v = (77 * pr + 150 * pg + 29 * pb + 128) >> 8;
        r += pr;
        g += pg;
        b += pb;
        grey += v;
        greySq += v * v;
        n++;
      }
    }
  }
  const mean = grey / n;
  return {
    chroma: sampled === 0 ? 0 : chromaSum / sampled,
    backdrop: { r: r / n, g: g / n, b: b / n, spread: Math.sqrt(Math.max(0, greySq / n - mean * mean)) },
  };
}
