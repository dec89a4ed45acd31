// Pixel sizes read from crafted headers (and real encoder output), and the device-side guard
// that keeps a pixel bomb away from the decoder.
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import {
  DEFAULT_PIXEL_LIMITS,
  exceedsPixelLimits,
  pixelLimitMessage,
  readImageSize,
} from '../../../src/domain/image-size';
import { assertDecodable } from '../../../src/workers/image/pixel-guard';
import { encodePng } from '../../../scripts/png-encode';
import { jpegBytes, jfifSegment, exifSegment, sofSegment } from './jpeg-bytes';
import { jpegHeader, pngBomb, pngHeader, webpVp8, webpVp8l, webpVp8x } from './bombs';

describe('readImageSize', () => {
  it('reads a real PNG from the project encoder', () => {
    const png = encodePng(7, 3, new Uint8Array(7 * 3 * 3), 3);
    expect(readImageSize(png)).toEqual({ format: 'png', width: 7, height: 3 });
  });

  it('reads the 20000×20000 PNG bomb from its first 24 bytes, and the bomb is a real, small PNG', () => {
    const bomb = pngBomb(20_000, 20_000);
    expect(bomb.length).toBeLessThan(200_000);
    // The IDAT really inflates to 20000 rows of 2501 bytes (filter byte + 20000 bits).
    const idatLength = bomb.readUInt32BE(33);
    expect(inflateSync(bomb.subarray(41, 41 + idatLength)).length).toBe(20_000 * 2_501);
    expect(readImageSize(bomb.subarray(0, 24))).toEqual({ format: 'png', width: 20_000, height: 20_000 });
    expect(readImageSize(bomb.subarray(0, 23))).toBeUndefined();
  });

  it('needs the IHDR chunk first: a PNG signature before random bytes has no size', () => {
    expect(readImageSize(Buffer.concat([pngHeader(1, 1).subarray(0, 8), randomBytes(100)]))).toBeUndefined();
  });

  it('reads JPEG frame headers, past EXIF and fill bytes, for every SOF kind', () => {
    expect(readImageSize(jpegBytes([jfifSegment(), exifSegment(6), sofSegment(4000, 3000)]))).toEqual({
      format: 'jpeg',
      width: 4000,
      height: 3000,
    });
    expect(readImageSize(jpegBytes([sofSegment(640, 480, 0xc2)]))).toMatchObject({ width: 640, height: 480 });
    expect(readImageSize(jpegBytes([[0xff, 0xff], sofSegment(65_535, 65_535, 0xc1)]))).toMatchObject({
      width: 65_535,
      height: 65_535,
    });
    // A frame header behind 200 KB of APP segments is still found when the bytes are there.
    const deep = jpegHeader(30_000, 30_000, 200_000);
    expect(readImageSize(deep)).toEqual({ format: 'jpeg', width: 30_000, height: 30_000 });
    expect(readImageSize(deep.subarray(0, 100_000))).toBeUndefined();
  });

  it('skips garbage between JPEG segments as a resynchronising decoder does', () => {
    const sof = sofSegment(20_000, 20_000);
    const bytes = new Uint8Array([0xff, 0xd8, ...jfifSegment(), 0x00, 0x12, 0x34, 0xff, 0x00, ...sof]);
    expect(readImageSize(bytes)).toMatchObject({ width: 20_000, height: 20_000 });
  });

  it('stops at the scan when no frame header came first', () => {
    expect(readImageSize(jpegBytes([jfifSegment()]))).toBeUndefined();
    expect(readImageSize(new Uint8Array([0xff, 0xd8, 0xff]))).toBeUndefined();
  });

  it('reads the three WebP kinds', () => {
    expect(readImageSize(webpVp8x(16_384, 9_000))).toEqual({ format: 'webp', width: 16_384, height: 9_000 });
    expect(readImageSize(webpVp8l(16_384, 16_384))).toEqual({ format: 'webp', width: 16_384, height: 16_384 });
    expect(readImageSize(webpVp8(1600, 1200))).toEqual({ format: 'webp', width: 1600, height: 1200 });
  });

  it('reads GIF and BMP (a gallery may offer them to the tablet)', () => {
    const gif = Buffer.from('GIF89a\x20\x4e\x20\x4e\x00\x00\x00', 'latin1'); // 20000 = 0x4e20
    expect(readImageSize(gif)).toEqual({ format: 'gif', width: 20_000, height: 20_000 });
    const bmp = Buffer.alloc(54);
    bmp.write('BM', 0, 'ascii');
    bmp.writeUInt32LE(40, 14);
    bmp.writeInt32LE(30_000, 18);
    bmp.writeInt32LE(-20_000, 22); // top-down
    expect(readImageSize(bmp)).toEqual({ format: 'bmp', width: 30_000, height: 20_000 });
  });

  it('says nothing about PDFs and random bytes', () => {
    expect(readImageSize(Buffer.from('%PDF-1.7\n'))).toBeUndefined();
    expect(readImageSize(randomBytes(64))).toBeUndefined();
  });
});

describe('pixel limits', () => {
  it('allow 50 MP and a 12000 px side by default, not more', () => {
    expect(exceedsPixelLimits({ width: 8_000, height: 6_250 }, DEFAULT_PIXEL_LIMITS)).toBe(false); // exactly 50 MP
    expect(exceedsPixelLimits({ width: 8_001, height: 6_250 }, DEFAULT_PIXEL_LIMITS)).toBe(true);
    expect(exceedsPixelLimits({ width: 12_000, height: 100 }, DEFAULT_PIXEL_LIMITS)).toBe(false);
    expect(exceedsPixelLimits({ width: 12_001, height: 100 }, DEFAULT_PIXEL_LIMITS)).toBe(true);
    expect(exceedsPixelLimits({ width: 4_000, height: 3_000 }, { maxPixels: 10_000_000, maxSide: 5_000 })).toBe(true);
  });

  it('explain the refusal in Chinese with the sizes', () => {
    const message = pixelLimitMessage({ width: 20_000, height: 20_000 }, DEFAULT_PIXEL_LIMITS);
    expect(message).toContain('20000×20000');
    expect(message).toContain('50 百万像素');
    expect(message).toContain('12000');
  });
});

describe('device guard before decoding', () => {
  it('refuses the PNG bomb with a Chinese message, by the error name the worker bridge maps', async () => {
    const error = await assertDecodable(pngBomb(20_000, 20_000).subarray(0, 1024)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('image.too_large');
    expect((error as Error).message).toMatch(/像素太多/);
  });

  it('reads the whole file when a JPEG hides its frame header past the first bytes', async () => {
    const deep = jpegHeader(30_000, 30_000, 300_000);
    let read = 0;
    const whole = async () => {
      read++;
      return new Uint8Array(deep);
    };
    await expect(assertDecodable(deep.subarray(0, 256 * 1024), whole)).rejects.toMatchObject({
      name: 'image.too_large',
    });
    expect(read).toBe(1);
  });

  it('lets an ordinary photo through without reading more', async () => {
    let read = 0;
    const whole = async () => {
      read++;
      return new Uint8Array();
    };
    await expect(assertDecodable(jpegBytes([jfifSegment(), sofSegment(4000, 3000)]), whole)).resolves.toBeUndefined();
    await expect(assertDecodable(pngHeader(1600, 1200))).resolves.toBeUndefined();
    expect(read).toBe(0);
  });
});
