// An image's pixel size read from its header, without decoding it: a 20000×20000 PNG is a few
// kilobytes on the wire and gigabytes once decoded. The server refuses such files before storing
// them and the tablet before handing them to a decoder. Pure: bytes in, numbers out.

/** The server stores PNG, JPEG and WebP; a tablet's gallery may also offer GIF and BMP. */
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'bmp';

export interface ImageSize {
  format: ImageFormat;
  width: number;
  height: number;
}

export interface PixelLimits {
  /** Largest width × height. */
  maxPixels: number;
  /** Longest allowed side. */
  maxSide: number;
}

/** 50 MP covers every phone camera; 12000 px covers panoramas of a document, not a bomb. */
export const DEFAULT_PIXEL_LIMITS: PixelLimits = { maxPixels: 50_000_000, maxSide: 12_000 };

const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u24le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const u32be = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const ascii = (b: Uint8Array, at: number, text: string) =>
  b.length >= at + text.length && [...text].every((c, i) => b[at + i] === c.charCodeAt(0));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG: the IHDR chunk must come first (bytes 8–32). */
function png(b: Uint8Array): ImageSize | undefined {
  if (b.length < 24 || !PNG_SIGNATURE.every((v, i) => b[i] === v) || !ascii(b, 12, 'IHDR')) return undefined;
  return { format: 'png', width: u32be(b, 16), height: u32be(b, 20) };
}

/** WebP: the first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended: the canvas size). */
function webp(b: Uint8Array): ImageSize | undefined {
  if (!ascii(b, 0, 'RIFF') || !ascii(b, 8, 'WEBP')) return undefined;
  if (ascii(b, 12, 'VP8X') && b.length >= 30)
    return { format: 'webp', width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  if (ascii(b, 12, 'VP8L') && b.length >= 25) {
    if (b[20] !== 0x2f) return undefined;
    const bits = (b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24)) >>> 0;
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (ascii(b, 12, 'VP8 ') && b.length >= 30) {
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return undefined; // key frame start code
    return { format: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  return undefined;
}

/** GIF: the logical screen size (every frame is drawn on it). */
function gif(b: Uint8Array): ImageSize | undefined {
  if (b.length < 10 || !(ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a'))) return undefined;
  return { format: 'gif', width: u16le(b, 6), height: u16le(b, 8) };
}

/** BMP: BITMAPINFOHEADER and later (a negative height means top-down rows). */
function bmp(b: Uint8Array): ImageSize | undefined {
  if (b.length < 26 || !ascii(b, 0, 'BM')) return undefined;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (view.getUint32(14, true) < 40) return undefined; // an old OS/2 core header: 16-bit sizes
  return { format: 'bmp', width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
}

const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/**
 * JPEG: walks the segments to the first SOFn. Like libjpeg, bytes between segments that are not
 * a marker are skipped rather than trusted to end the file: a decoder that resynchronises would
 * otherwise find a frame size this parser never saw.
 */
function jpeg(b: Uint8Array): ImageSize | undefined {
  if (b.length < 3 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let pos = 2;
  while (pos + 1 < b.length) {
    if (b[pos] !== 0xff) {
      pos++;
      continue;
    }
    const marker = b[pos + 1]!;
    if (marker === 0xff || marker === 0x00) {
      pos++; // fill byte, or a stuffed 0xff that is not a marker
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      pos += 2; // standalone markers carry no length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image / scan data before a frame header
    if (pos + 4 > b.length) return undefined;
    const length = u16be(b, pos + 2);
    if (SOF.has(marker)) {
      if (pos + 9 > b.length) return undefined;
      const height = u16be(b, pos + 5);
      const width = u16be(b, pos + 7);
      return height === 0 ? undefined : { format: 'jpeg', width, height };
    }
    pos += 2 + Math.max(length, 2);
  }
  return undefined;
}

/**
 * The size an image header declares, or undefined when `bytes` is not a PNG, JPEG, WebP, GIF or BMP or its
 * header is not (yet) within `bytes` — a file a decoder cannot size cannot be decoded either.
 */
export function readImageSize(bytes: Uint8Array): ImageSize | undefined {
  return png(bytes) ?? webp(bytes) ?? jpeg(bytes) ?? gif(bytes) ?? bmp(bytes);
}

export function exceedsPixelLimits(size: Pick<ImageSize, 'width' | 'height'>, limits: PixelLimits): boolean {
  return size.width * size.height > limits.maxPixels || Math.max(size.width, size.height) > limits.maxSide;
}

/** The Chinese reason a too-large image is refused (server answer and tablet message alike). */
export function pixelLimitMessage(size: Pick<ImageSize, 'width' | 'height'>, limits: PixelLimits): string {
  const mp = Math.floor(limits.maxPixels / 1_000_000);
  return `图片尺寸过大（${size.width}×${size.height} 像素），最多 ${mp} 百万像素、边长不超过 ${limits.maxSide} 像素，请换一张或重新拍摄`;
}
