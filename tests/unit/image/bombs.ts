// Crafted image bytes for the pixel-limit tests: real, well-formed headers (PNG chunks with their
// CRC, JPEG segments, WebP RIFF chunks) that claim a given size, and one complete decodable PNG
// bomb. Used by the domain, device and server tests.
import { deflateSync } from 'node:zlib';
import { PNG_SIGNATURE, pngChunk } from '../../../scripts/png-encode';

/**
 * A complete 1-bit grey PNG of `width`×`height` black pixels: every row is a filter
 * byte and zeros, which deflate squeezes ~1000:1 — 20000×20000 is 400 MP in ~50 KB.
 */
export function pngBomb(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, grey, deflate, no filter, no interlace
  const raw = Buffer.alloc((1 + Math.ceil(width / 8)) * height);
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Signature and IHDR of an 8-bit RGB PNG of the given size, then `tail` (e.g. random bytes). */
export function pngHeader(width: number, height: number, tail = Buffer.alloc(0)): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), tail]);
}

const segment = (marker: number, body: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
};

/**
 * A JPEG start: SOI, `padding` bytes of APP segments (e.g. a big EXIF block that pushes the frame
 * header past the first chunk), then a baseline SOF0 of the given size; `tail` follows.
 */
export function jpegHeader(width: number, height: number, padding = 0, tail = Buffer.alloc(0)): Buffer {
  const apps: Buffer[] = [];
  for (let left = padding; left > 0;) {
    const body = Math.min(left, 65_000);
    apps.push(segment(0xe1, Buffer.alloc(body, 0x41)));
    left -= body;
  }
  const sof = Buffer.from([8, 0, 0, 0, 0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  sof.writeUInt16BE(height, 1);
  sof.writeUInt16BE(width, 3);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), ...apps, segment(0xc0, sof), tail]);
}

function riff(chunk: string, body: Buffer): Buffer {
  const head = Buffer.alloc(20);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(12 + body.length, 4);
  head.write('WEBP', 8, 'ascii');
  head.write(chunk, 12, 'ascii');
  head.writeUInt32LE(body.length, 16);
  return Buffer.concat([head, body]);
}

/** Extended WebP (VP8X): the canvas size, stored minus one in 24 bits. */
export function webpVp8x(width: number, height: number): Buffer {
  const body = Buffer.alloc(10);
  body.writeUIntLE(width - 1, 4, 3);
  body.writeUIntLE(height - 1, 7, 3);
  return riff('VP8X', body);
}

/** Lossless WebP (VP8L): signature 0x2f, then 14 bits width − 1 and 14 bits height − 1. */
export function webpVp8l(width: number, height: number): Buffer {
  const body = Buffer.alloc(5);
  body[0] = 0x2f;
  body.writeUInt32LE(((width - 1) | ((height - 1) << 14)) >>> 0, 1);
  return riff('VP8L', body);
}

/** Lossy WebP (VP8): a key-frame tag, the start code 9d 01 2a, then 14-bit width and height. */
export function webpVp8(width: number, height: number): Buffer {
  const body = Buffer.alloc(10);
  body.set([0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a], 0);
  body.writeUInt16LE(width, 6);
  body.writeUInt16LE(height, 8);
  return riff('VP8 ', body);
}
