// A tiny PNG encoder for demo pictures (a pale "document" with ruled lines and a coloured
// header), so demo cases show real images without shipping binary files.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGB PNG of a sheet of paper; `hue` (RGB) colours the header band so pages differ. */
export function demoPagePng(width: number, height: number, hue: [number, number, number], seed: number): Buffer {
  const BORDER = Buffer.from([90, 90, 90]);
  const PAPER = Buffer.from([246, 244, 238]);
  const INK = Buffer.from([60, 60, 70]);
  const HEADER = Buffer.from(hue);
  const px = (x: number) => 1 + x * 3; // filter byte 0 (none) first
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    if (y < 4 || y >= height - 4) {
      row.fill(BORDER, 1);
    } else {
      row.fill(y < height / 6 ? HEADER : PAPER, 1);
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
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
