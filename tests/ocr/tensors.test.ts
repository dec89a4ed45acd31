import { describe, expect, it } from 'vitest';
import { detInputFrom, detSize, type Rgba } from '../../src/ocr/tensors';

function image(width: number, height: number, rgb: (x: number, y: number) => [number, number, number]): Rgba {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r, g, b] = rgb(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  return { data, width, height };
}

// PaddleOCR's detector normalisation, written out: (v / 255 − mean) / std per channel.
const norm = (v: number, c: 0 | 1 | 2) => (v / 255 - [0.485, 0.456, 0.406][c]!) / [0.229, 0.224, 0.225][c]!;

describe('detSize', () => {
  it('fits the longest side and rounds both to multiples of 32', () => {
    expect(detSize(1280, 960, 640)).toEqual({ width: 640, height: 480 });
    expect(detSize(4000, 3000, 640)).toEqual({ width: 640, height: 480 });
    expect(detSize(1000, 700, 640)).toEqual({ width: 640, height: 448 });
  });

  it('never enlarges a small photo', () => {
    expect(detSize(300, 200, 640)).toEqual({ width: 288, height: 192 });
  });
});

describe('detInputFrom', () => {
  it('normalises a plain colour into BGR planes', () => {
    const out = detInputFrom(
      image(64, 32, () => [200, 100, 50]),
      32,
      16,
    );
    const n = 32 * 16;
    expect(out).toHaveLength(3 * n);
    for (const i of [0, 17, n - 1]) {
      expect(out[i]).toBeCloseTo(norm(50, 2), 5);
      expect(out[n + i]).toBeCloseTo(norm(100, 1), 5);
      expect(out[2 * n + i]).toBeCloseTo(norm(200, 0), 5);
    }
  });

  it('averages the pixels under each output pixel when halving (no aliasing of thin strokes)', () => {
    // One-pixel black and white columns: every output pixel covers one of each.
    const out = detInputFrom(
      image(64, 64, (x) => (x % 2 ? [255, 255, 255] : [0, 0, 0])),
      32,
      32,
    );
    for (const i of [0, 5, 31 * 32 + 30]) expect(out[2 * 32 * 32 + i]).toBeCloseTo(norm(128, 0), 1);
  });

  it('keeps a left-to-right ramp in order and writes into a reused buffer', () => {
    const buffer = new Float32Array(3 * 32 * 8 + 100);
    const out = detInputFrom(
      image(128, 32, (x) => [x * 2, x * 2, x * 2]),
      32,
      8,
      buffer,
    );
    expect(out.buffer).toBe(buffer.buffer);
    expect(out).toHaveLength(3 * 32 * 8);
    for (let x = 1; x < 32; x++) expect(out[x]!).toBeGreaterThan(out[x - 1]!);
  });
});
