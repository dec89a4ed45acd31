import { describe, expect, it } from 'vitest';
import {
  clippedShare,
  colourMetrics,
  greyMetrics,
  isotropy,
  laplacianVariance,
  meanGrey,
  toGrey,
} from '../../../src/workers/image/metrics';
import { fitArea, fitLongEdge } from '../../../src/workers/image/sizing';

const W = 64,
  H = 48;
const image = (f: (x: number, y: number) => number) => {
  const g = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) g[y * W + x] = f(x, y);
  return g;
};
/** A document-like pattern: black strokes on white. */
const sharp = image((x, y) => ((x % 8 < 2 && y % 6 < 4) || y % 12 === 0 ? 0 : 255));
/** Box blur of a grey image (radius r), to simulate camera shake / focus blur. */
function blur(g: Uint8Array, r: number): Uint8Array {
  return image((x, y) => {
    let s = 0,
      n = 0;
    for (let dy = -r; dy <= r; dy++)
      for (let dx = -r; dx <= r; dx++) {
        const xx = Math.min(W - 1, Math.max(0, x + dx)),
          yy = Math.min(H - 1, Math.max(0, y + dy));
        s += g[yy * W + xx]!;
        n++;
      }
    return Math.round(s / n);
  });
}

describe('laplacianVariance', () => {
  it('is zero on flat and linear-gradient images (no second derivative)', () => {
    expect(
      laplacianVariance(
        image(() => 128),
        W,
        H,
      ),
    ).toBe(0);
    expect(
      laplacianVariance(
        image((x) => x * 3),
        W,
        H,
      ),
    ).toBe(0);
  });

  it('matches a hand-computed value on a single bright pixel', () => {
    const g = new Uint8Array(9); // 3×3, only the centre lit: one interior pixel, L = −4·10
    g[4] = 10;
    expect(laplacianVariance(g, 3, 3)).toBe(0); // one sample: variance 0
    const g5 = new Uint8Array(25); // 5×5, centre lit: interior 3×3 responses: centre −40, 4 neighbours +10, 4 corners 0
    g5[12] = 10;
    const values = [-40, 10, 10, 10, 10, 0, 0, 0, 0];
    const mean = values.reduce((a, b) => a + b) / 9;
    const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / 9;
    expect(laplacianVariance(g5, 5, 5)).toBeCloseTo(variance, 9);
  });

  it('ranks a sharp document far above its blurred copies, decreasing with blur', () => {
    const s0 = laplacianVariance(sharp, W, H);
    const s1 = laplacianVariance(blur(sharp, 1), W, H);
    const s3 = laplacianVariance(blur(sharp, 3), W, H);
    expect(s0).toBeGreaterThan(5 * s1);
    expect(s1).toBeGreaterThan(s3);
    expect(s0).toBeGreaterThan(20 * s3);
  });

  it('returns 0 for images too small to have an interior', () => {
    expect(laplacianVariance(new Uint8Array([0, 255, 0, 255]), 2, 2)).toBe(0);
  });
});

describe('exposure', () => {
  it('measures mean grey and the clipped share', () => {
    expect(meanGrey(image(() => 30))).toBe(30);
    expect(meanGrey(new Uint8Array(0))).toBe(0);
    expect(clippedShare(new Uint8Array([0, 4, 5, 128, 250, 251, 255, 100]))).toBe(4 / 8);
    const dark = greyMetrics(
      image((x) => (x < 32 ? 2 : 40)),
      W,
      H,
    );
    expect(dark.mean).toBe(21);
    expect(dark.clipped).toBe(0.5);
  });
});

describe('toGrey', () => {
  it('uses BT.601 weights and rounds', () => {
    const rgba = new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255]);
    expect(Array.from(toGrey(rgba, 4, 1))).toEqual([77, 149, 29, 255]);
    expect(() => toGrey(rgba, 5, 1)).toThrow(RangeError);
  });
});

describe('sizing', () => {
  it('fits the long edge without enlarging', () => {
    expect(fitLongEdge({ width: 4000, height: 3000 }, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fitLongEdge({ width: 3024, height: 4032 }, 1600)).toEqual({ width: 1200, height: 1600 });
    expect(fitLongEdge({ width: 800, height: 600 }, 1600)).toEqual({ width: 800, height: 600 });
  });
  it('fits an area of at most 1 MP', () => {
    const s = fitArea({ width: 1600, height: 1200 }, 1_000_000);
    expect(s.width * s.height).toBeLessThanOrEqual(1_000_000);
    expect(s.width * s.height).toBeGreaterThan(990_000);
    expect(s.width / s.height).toBeCloseTo(4 / 3, 2);
    expect(fitArea({ width: 640, height: 480 }, 1_000_000)).toEqual({ width: 640, height: 480 });
  });
});

describe('isotropy', () => {
  /** Horizontal smear: each pixel the mean of `len` pixels to its left (camera shake sideways). */
  const smearX = (g: Uint8Array, len: number) =>
    image((x, y) => {
      let s = 0;
      for (let k = 0; k < len; k++) s += g[y * W + Math.max(0, x - k)]!;
      return Math.round(s / len);
    });
  /** Black and white 2 × 2 cells in a fixed pseudo-random order: detail along every direction. */
  const cells = image((x, y) => (((Math.floor(x / 2) * 73 + Math.floor(y / 2) * 151) * 2654435761) >>> 31 ? 255 : 0));

  it('is 1 for a flat image and high for detail in every direction', () => {
    expect(
      isotropy(
        image(() => 90),
        W,
        H,
      ),
    ).toBe(1);
    expect(isotropy(cells, W, H)).toBeGreaterThan(0.2); // well above the shake threshold (0.1)
  });

  it('is 0 for vertical stripes only (no change down a column)', () => {
    // Second differences down a column are all 0; across a row they are not.
    expect(
      isotropy(
        image((x) => (x % 4 < 2 ? 0 : 255)),
        W,
        H,
      ),
    ).toBe(0);
  });

  it('falls when the same image is smeared sideways, while the Laplacian still sees edges', () => {
    const shaken = smearX(cells, 9);
    expect(isotropy(shaken, W, H)).toBeLessThan(0.1);
    expect(laplacianVariance(shaken, W, H)).toBeGreaterThan(1000);
  });
});

describe('colourMetrics', () => {
  // A 1寸-shaped portrait (300 × 420): a background colour, a skin-toned head and shoulders.
  const PW = 300,
    PH = 420;
  type RGB = [number, number, number];
  const SKIN: RGB = [224, 172, 140];
  const SHIRT: RGB = [40, 60, 110];
  function portrait(background: (x: number, y: number) => RGB, grey = false): Uint8ClampedArray {
    const px = new Uint8ClampedArray(PW * PH * 4);
    for (let y = 0; y < PH; y++)
      for (let x = 0; x < PW; x++) {
        const head = ((x - 150) / 100) ** 2 + ((y - 170) / 130) ** 2 <= 1;
        const shoulders = y > 310 && Math.abs(x - 150) < 140;
        let [r, g, b] = head ? SKIN : shoulders ? SHIRT : background(x, y);
        if (grey) r = g = b = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
        px.set([r, g, b, 255], (y * PW + x) * 4);
      }
    return px;
  }

  it('reads the top corners as the background: their colour, and no spread on a plain one', () => {
    const { backdrop } = colourMetrics(
      portrait(() => [67, 142, 219]),
      PW,
      PH,
    );
    expect(backdrop).toEqual({ r: 67, g: 142, b: 219, spread: 0 });
  });

  it('sees a door in one corner as spread', () => {
    // A dark door frame down the left edge of a white wall.
    const { backdrop } = colourMetrics(
      portrait((x) => (x < 20 ? [90, 60, 40] : [240, 240, 240])),
      PW,
      PH,
    );
    expect(backdrop.spread).toBeGreaterThan(40);
  });

  it('tells a colour photo from a black-and-white one', () => {
    const colour = colourMetrics(
      portrait(() => [240, 240, 240]),
      PW,
      PH,
    ).chroma;
    const grey = colourMetrics(
      portrait(() => [240, 240, 240], true),
      PW,
      PH,
    ).chroma;
    expect(grey).toBe(0);
    // The head (≈ 33 % of the photo, chroma 84) and the shirt (chroma 70) alone give more than 20.
    expect(colour).toBeGreaterThan(20);
  });

  it('refuses a buffer smaller than its size', () => {
    expect(() => colourMetrics(new Uint8ClampedArray(10), 10, 10)).toThrow(RangeError);
  });
});
