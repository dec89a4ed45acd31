import { describe, expect, it } from 'vitest';
import { convexHull, findBoxes, minAreaRect, readingOrder, type Quad } from '../../src/ocr/boxes';

const W = 120,
  H = 80;

function map(fill: (x: number, y: number) => number): Float32Array {
  const m = new Float32Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) m[y * W + x] = fill(x, y);
  return m;
}

const inRect = (x: number, y: number, x0: number, y0: number, x1: number, y1: number) =>
  x >= x0 && x < x1 && y >= y0 && y < y1;
const xs = (q: Quad) => q.map((p) => p[0]);
const ys = (q: Quad) => q.map((p) => p[1]);

describe('findBoxes', () => {
  it('finds each text region as one box, grown by the DB unclip distance, corners clockwise from top-left', () => {
    // Two "lines": 40×6 at (10,10) and 60×8 at (20,50).
    const m = map((x, y) => (inRect(x, y, 10, 10, 50, 16) || inRect(x, y, 20, 50, 80, 58) ? 0.9 : 0.05));
    const boxes = findBoxes(m, W, H).sort((a, b) => a[0][1] - b[0][1]);
    expect(boxes).toHaveLength(2);
    // unclip distance = area × 1.5 / perimeter = 40·6·1.5 / 92 ≈ 3.91 on each side.
    const [a] = boxes;
    expect(Math.min(...xs(a!))).toBeCloseTo(10 - 3.913, 2);
    expect(Math.max(...xs(a!))).toBeCloseTo(50 + 3.913, 2);
    expect(Math.min(...ys(a!))).toBeCloseTo(10 - 3.913, 2);
    expect(Math.max(...ys(a!))).toBeCloseTo(16 + 3.913, 2);
    const [tl, tr, br, bl] = a!;
    expect(tl[0]).toBeLessThan(tr[0]);
    expect(tr[1]).toBeLessThan(br[1]);
    expect(bl[0]).toBeLessThan(br[0]);
  });

  it('drops faint regions (mean below the box threshold) and specks', () => {
    const m = map((x, y) => (inRect(x, y, 10, 10, 50, 16) ? 0.4 : inRect(x, y, 70, 70, 71, 71) ? 0.99 : 0));
    expect(findBoxes(m, W, H)).toEqual([]);
  });

  it('follows a slanted line: the box runs along it', () => {
    // A band 50 px long, 6 px thick, rising 10° to the right.
    const a = (-10 * Math.PI) / 180;
    const m = map((x, y) => {
      const u = (x - 60) * Math.cos(a) + (y - 40) * Math.sin(a);
      const v = -(x - 60) * Math.sin(a) + (y - 40) * Math.cos(a);
      return Math.abs(u) < 25 && Math.abs(v) < 3 ? 0.9 : 0;
    });
    const [box] = findBoxes(m, W, H);
    const [tl, tr] = box!;
    expect((Math.atan2(tr[1] - tl[1], tr[0] - tl[0]) * 180) / Math.PI).toBeCloseTo(-10, 0);
  });
});

describe('minAreaRect', () => {
  it('of a square turned 30° is that square', () => {
    const c = Math.cos(Math.PI / 6),
      s = Math.sin(Math.PI / 6);
    const pts = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [5, 5],
    ].map(([x, y]) => [x! * c - y! * s, x! * s + y! * c] as const);
    const r = minAreaRect(convexHull(pts));
    expect(r.w).toBeCloseTo(10, 6);
    expect(r.h).toBeCloseTo(10, 6);
    // The side nearer horizontal (30°, not 120°) is the text direction.
    expect((Math.atan2(r.uy, r.ux) * 180) / Math.PI).toBeCloseTo(30, 6);
    expect(r.cx).toBeCloseTo(5 * c - 5 * s, 6);
  });
});

describe('findBoxes on a one-character box', () => {
  it('keeps the text direction horizontal even when the box is taller than wide', () => {
    const m = map((x, y) => (inRect(x, y, 30, 20, 38, 30) ? 0.9 : 0));
    const [[tl, tr, , bl]] = findBoxes(m, W, H) as [Quad];
    expect(tr[1]).toBeCloseTo(tl[1], 6);
    expect(tr[0]).toBeGreaterThan(tl[0]);
    expect(bl[1]).toBeGreaterThan(tl[1]);
  });
});

describe('readingOrder', () => {
  const box = (x: number, y: number): Quad => [
    [x, y],
    [x + 20, y],
    [x + 20, y + 10],
    [x, y + 10],
  ];
  it('reads rows top to bottom and a row left to right, tolerating a small slope', () => {
    const items = [
      { id: 'value', box: box(60, 2) },
      { id: 'second', box: box(0, 30) },
      { id: 'label', box: box(0, 0) },
    ];
    expect(readingOrder(items).map((i) => i.id)).toEqual(['label', 'value', 'second']);
  });

  it('follows a photo turned by 12°: a row whose right end sits higher than the next row’s left end stays one row', () => {
    const a = (-12 * Math.PI) / 180;
    const turn = (x: number, y: number) =>
      [x * Math.cos(a) - y * Math.sin(a), x * Math.sin(a) + y * Math.cos(a)] as const;
    const line = (x: number, y: number, w: number): Quad => [
      turn(x, y),
      turn(x + w, y),
      turn(x + w, y + 20),
      turn(x, y + 20),
    ];
    const items = [
      { id: 'address', box: line(0, 100, 60) },
      { id: 'birth-value', box: line(100, 60, 260) },
      { id: 'birth-label', box: line(0, 60, 60) },
      { id: 'address-value', box: line(100, 100, 400) },
      { id: 'address-2', box: line(100, 135, 300) },
    ];
    expect(readingOrder(items).map((i) => i.id)).toEqual([
      'birth-label',
      'birth-value',
      'address',
      'address-value',
      'address-2',
    ]);
  });
});
