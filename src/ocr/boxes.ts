// Text boxes from the PP-OCR (DB) detector's probability map, without OpenCV (10 MB of WASM for
// three functions): threshold, 8-connected components, minimum-area rectangle of each component
// (convex hull + rotating calipers), DB's "unclip" expansion, then reading order.
import { slantOf } from '../domain/idcard/card-frame';

export type Point = readonly [number, number];
/** Corners clockwise from top-left, the text running from the first corner to the second. */
export type Quad = readonly [Point, Point, Point, Point];

export interface DetOptions {
  /** Pixel is text when its probability exceeds this (PaddleOCR det_db_thresh). */
  readonly thresh: number;
  /** A component is kept when its mean probability reaches this (det_db_box_thresh). */
  readonly boxThresh: number;
  /** DB unclip ratio (det_db_unclip_ratio). */
  readonly unclipRatio: number;
  /** Shortest side kept, in map pixels. */
  readonly minSize: number;
}

export const DET_DEFAULTS: DetOptions = { thresh: 0.3, boxThresh: 0.6, unclipRatio: 1.5, minSize: 3 };

interface Rect {
  cx: number;
  cy: number;
  /** Unit vector along the text: the side nearer horizontal, pointing right. */
  ux: number;
  uy: number;
  /** Length along the text and across it. */
  w: number;
  h: number;
}

/** Boxes in map coordinates, in no particular order. */
export function findBoxes(
  map: ArrayLike<number>,
  width: number,
  height: number,
  opts: DetOptions = DET_DEFAULTS,
): Quad[] {
  const seen = new Uint8Array(width * height);
  const stack = new Int32Array(width * height);
  const boxes: Quad[] = [];
  // Per component: the leftmost and rightmost pixel of each row is all the hull needs.
  const rowMin = new Int32Array(height);
  const rowMax = new Int32Array(height);
  for (let start = 0; start < width * height; start++) {
    if (seen[start] || !(map[start]! > opts.thresh)) continue;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    let y0 = height,
      y1 = -1,
      count = 0,
      sum = 0;
    while (top > 0) {
      const i = stack[--top]!;
      const x = i % width,
        y = (i - x) / width;
      if (y < y0 || y > y1) {
        for (let r = y < y0 ? y : y1 + 1; r <= (y > y1 ? y : y0 - 1); r++) {
          rowMin[r] = width;
          rowMax[r] = -1;
        }
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
      if (x < rowMin[y]!) rowMin[y] = x;
      if (x > rowMax[y]!) rowMax[y] = x;
      count++;
      sum += map[i]!;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const j = ny * width + nx;
          if (!seen[j] && map[j]! > opts.thresh) {
            seen[j] = 1;
            stack[top++] = j;
          }
        }
      }
    }
    if (count < 4 || sum / count < opts.boxThresh) continue;
    const pts: Point[] = [];
    for (let r = y0; r <= y1; r++) {
      if (rowMax[r]! < 0) continue;
      pts.push([rowMin[r]!, r], [rowMin[r]!, r + 1], [rowMax[r]! + 1, r], [rowMax[r]! + 1, r + 1]);
    }
    const rect = minAreaRect(convexHull(pts));
    if (Math.min(rect.w, rect.h) < opts.minSize) continue;
    const d = (rect.w * rect.h * opts.unclipRatio) / (2 * (rect.w + rect.h));
    const grown = { ...rect, w: rect.w + 2 * d, h: rect.h + 2 * d };
    if (Math.min(grown.w, grown.h) < opts.minSize + 2) continue;
    boxes.push(rectCorners(grown));
  }
  return boxes;
}

/** Andrew's monotone chain; counter-clockwise in y-down coordinates does not matter here. */
export function convexHull(points: readonly Point[]): Point[] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower.at(-2)!, lower.at(-1)!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!;
    while (upper.length >= 2 && cross(upper.at(-2)!, upper.at(-1)!, p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** The smallest rectangle around a convex polygon has a side on one of its edges. */
export function minAreaRect(hull: readonly Point[]): Rect {
  let best: Rect | undefined;
  let bestArea = Infinity;
  const n = hull.length;
  for (let i = 0; i < n; i++) {
    const a = hull[i]!,
      b = hull[(i + 1) % n]!;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (len === 0) continue;
    const ux = (b[0] - a[0]) / len,
      uy = (b[1] - a[1]) / len;
    let minU = Infinity,
      maxU = -Infinity,
      minV = Infinity,
      maxV = -Infinity;
    for (const p of hull) {
      const u = p[0] * ux + p[1] * uy;
      const v = -p[0] * uy + p[1] * ux;
      minU = Math.min(minU, u);
      maxU = Math.max(maxU, u);
      minV = Math.min(minV, v);
      maxV = Math.max(maxV, v);
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea) {
      bestArea = area;
      const cu = (minU + maxU) / 2,
        cv = (minV + maxV) / 2;
      best = orient({ cx: cu * ux - cv * uy, cy: cu * uy + cv * ux, ux, uy, w: maxU - minU, h: maxV - minV });
    }
  }
  return best ?? { cx: hull[0]?.[0] ?? 0, cy: hull[0]?.[1] ?? 0, ux: 1, uy: 0, w: 0, h: 0 };
}

/**
 * Text runs along the side nearer horizontal, left to right (as PaddleOCR assumes: an upright
 * card turned by less than 45°). Choosing the longer side instead would turn a one-character box
 * ("女") on its side whenever it is a little taller than wide.
 */
function orient(r: Rect): Rect {
  let { ux, uy, w, h } = r;
  if (Math.abs(uy) > Math.abs(ux)) {
    [ux, uy] = [-uy, ux];
    [w, h] = [h, w];
  }
  if (ux < 0) {
    ux = -ux;
    uy = -uy;
  }
  return { cx: r.cx, cy: r.cy, ux, uy, w, h };
}

function rectCorners(r: Rect): Quad {
  // v = u turned +90° (y down): points to the text's bottom.
  const vx = -r.uy,
    vy = r.ux;
  const hl = r.w / 2,
    hs = r.h / 2;
  const at = (a: number, b: number): Point => [r.cx + a * hl * r.ux + b * hs * vx, r.cy + a * hl * r.uy + b * hs * vy];
  return [at(-1, -1), at(1, -1), at(1, 1), at(-1, 1)];
}

export const scaleQuad = (q: Quad, sx: number, sy: number): Quad =>
  q.map(([x, y]) => [x * sx, y * sy] as const) as unknown as Quad;

const centre = (q: Quad): Point => [
  (q[0][0] + q[1][0] + q[2][0] + q[3][0]) / 4,
  (q[0][1] + q[1][1] + q[2][1] + q[3][1]) / 4,
];
const heightOf = (q: Quad) => Math.hypot(q[3][0] - q[0][0], q[3][1] - q[0][1]);

/**
 * Reading order on a photo turned by up to ~20°: in the frame of the page's slant, boxes whose
 * centres lie within half a line height of a row's first box form a row; rows top to bottom,
 * boxes in a row left to right.
 */
export function readingOrder<T extends { box: Quad }>(items: readonly T[]): T[] {
  const a = slantOf(items.map((i) => i.box));
  const cos = Math.cos(a),
    sin = Math.sin(a);
  const placed = items.map((item) => {
    const [x, y] = centre(item.box);
    return { item, x: x * cos + y * sin, y: -x * sin + y * cos, h: heightOf(item.box) };
  });
  placed.sort((p, q) => p.y - q.y);
  const rows: (typeof placed)[] = [];
  for (const p of placed) {
    const row = rows.find((r) => Math.abs(r[0]!.y - p.y) < r[0]!.h / 2);
    if (row) row.push(p);
    else rows.push([p]);
  }
  return rows.flatMap((r) => r.sort((p, q) => p.x - q.x).map((p) => p.item));
}
