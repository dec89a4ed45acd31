// Output and analysis sizes. Pure.

export interface Size {
  width: number;
  height: number;
}

/** Scales so the long edge is at most `longEdge`; never enlarges. Keeps the aspect ratio. */
export function fitLongEdge({ width, height }: Size, longEdge: number): Size {
  const scale = Math.min(1, longEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Scales so the area is at most `maxPixels` (the grey copy for metrics: ≤ 1 MP); never enlarges. */
export function fitArea({ width, height }: Size, maxPixels: number): Size {
  const scale = Math.min(1, Math.sqrt(maxPixels / (width * height)));
  // floor, so rounding never pushes the area over the limit
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}

/**
 * The JPEG decoder's DCT scaling (libjpeg-turbo): a frame can be decoded at n/8 of its size for
 * a fraction of the cost. The smallest n whose output still covers `target` (both sides), or
 * undefined when only the full size does (n = 8: nothing to gain).
 */
export function dctScaleFor(frame: Size, target: Size): Size | undefined {
  for (let n = 1; n < 8; n++) {
    const width = Math.ceil((frame.width * n) / 8);
    const height = Math.ceil((frame.height * n) / 8);
    if (width >= target.width && height >= target.height) return { width, height };
  }
  return undefined;
}
