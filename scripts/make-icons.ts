// Draws the app icons (public/icons/*.png) from the same shapes as icon.svg, with the project's
// PNG encoder: no image library, no browser. Run `node --import tsx scripts/make-icons.ts` after
// changing the design, and commit the PNGs.
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { encodePng } from './png-encode';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
const BLUE = [0x0b, 0x4f, 0x9c] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

// --- Geometry (in the SVG's 512-unit space) -----------------------------------------------
type Point = readonly [number, number];
const CHECK: readonly [Point, Point, Point] = [
  [136, 250],
  [216, 330],
  [376, 160],
];
const STROKE_HALF = 24;

function distToSegment(px: number, py: number, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
const inCheck = (x: number, y: number) =>
  distToSegment(x, y, CHECK[0], CHECK[1]) <= STROKE_HALF || distToSegment(x, y, CHECK[1], CHECK[2]) <= STROKE_HALF;

function inRoundedRect(x: number, y: number, size: number, r: number): boolean {
  if (x < 0 || y < 0 || x > size || y > size) return false;
  const cx = Math.min(Math.max(x, r), size - r),
    cy = Math.min(Math.max(y, r), size - r);
  return Math.hypot(x - cx, y - cy) <= r;
}

/**
 * Renders one icon with 4×4 supersampling. `maskable` fills the whole square (the launcher
 * applies its own mask) and shrinks the check into the central 80% safe zone.
 */
function render(size: number, maskable: boolean): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const S = 4,
    unit = 512 / size;
  const checkScale = maskable ? 0.72 : 1; // keeps the check well inside the safe circle
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let bg = 0,
        fg = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const ux = (x + (sx + 0.5) / S) * unit,
            uy = (y + (sy + 0.5) / S) * unit;
          if (!(maskable || inRoundedRect(ux, uy, 512, 96))) continue;
          bg++;
          const cx = 256 + (ux - 256) / checkScale,
            cy = 256 + (uy - 256) / checkScale;
          if (inCheck(cx, cy)) fg++;
        }
      }
      const i = (y * size + x) * 4,
        n = S * S;
      const a = bg / n,
        f = bg ? fg / bg : 0;
      for (let c = 0; c < 3; c++) px[i + c] = Math.round(BLUE[c]! * (1 - f) + WHITE[c]! * f);
      px[i + 3] = Math.round(a * 255);
    }
  }
  return px;
}

const ICONS = [
  // The page's favicon: small, because Chromium decodes it on the page's main thread while the
  // first screen is still being drawn (a 192 px one: ≈ 15 ms at 4× CPU, issue 13).
  { file: 'icon-48.png', size: 48, maskable: false },
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-192.png', size: 192, maskable: true },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(OUT, { recursive: true });
  for (const { file, size, maskable } of ICONS) {
    const png = encodePng(size, size, render(size, maskable), 4);
    writeFileSync(join(OUT, file), png);
    console.log(`${file}: ${size}×${size}, ${png.length} bytes`);
  }
}
