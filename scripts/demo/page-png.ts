// Demo pictures (a pale "document" with ruled lines and a coloured header), so demo cases show
// real images without shipping binary files.
import { encodePng } from '../png-encode';

/** An RGB PNG of a sheet of paper; `hue` (RGB) colours the header band so pages differ. */
export function demoPagePng(width: number, height: number, hue: [number, number, number], seed: number): Buffer {
  const BORDER = Buffer.from([90, 90, 90]);
  const PAPER = Buffer.from([246, 244, 238]);
  const INK = Buffer.from([60, 60, 70]);
  const HEADER = Buffer.from(hue);
  const px = (x: number) => x * 3;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(width * 3);
    if (y < 4 || y >= height - 4) {
      row.fill(BORDER);
    } else {
      row.fill(y < height / 6 ? HEADER : PAPER);
      if (y > height / 4 && (y + seed) % 24 < 2) {
        const from = Math.floor(width / 10);
        const to = Math.floor(width - width / 10 - ((Math.floor(y / 24) * 37 + seed * 13) % Math.floor(width / 3)));
        row.fill(INK, px(from), px(to));
      }
      row.fill(BORDER, px(0), px(4));
      row.fill(BORDER, px(width - 4));
    }
    rows.push(row);
  }
  return encodePng(width, height, Buffer.concat(rows), 3);
}
