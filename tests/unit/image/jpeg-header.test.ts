import { describe, expect, it } from 'vitest';
import { orientedSize, readJpegHeader } from '../../../src/workers/image/jpeg-header';
import { exifSegment, jfifSegment, jpegBytes, sofSegment, withExifOrientation } from './jpeg-bytes';

describe('readJpegHeader', () => {
  it('reads the size from a baseline SOF0 and defaults orientation to 1', () => {
    expect(readJpegHeader(jpegBytes([jfifSegment(), sofSegment(4000, 3000)]))).toEqual({
      width: 4000,
      height: 3000,
      orientation: 1,
      progressive: false,
    });
  });

  it('reads a progressive SOF2', () => {
    expect(readJpegHeader(jpegBytes([sofSegment(1600, 1200, 0xc2)]))).toMatchObject({
      width: 1600,
      height: 1200,
      progressive: true,
    });
  });

  it('reads the EXIF orientation in little- and big-endian TIFF, after other tags', () => {
    for (const little of [true, false]) {
      for (const o of [1, 3, 6, 8]) {
        const h = readJpegHeader(jpegBytes([exifSegment(o, { little, extraTags: 3 }), sofSegment(4032, 3024)]));
        expect(h, `orientation ${o} little=${little}`).toMatchObject({ width: 4032, height: 3024, orientation: o });
      }
    }
  });

  it('ignores an out-of-range orientation and skips fill bytes between segments', () => {
    const bytes = jpegBytes([exifSegment(9), [0xff, 0xff], sofSegment(10, 20)]);
    expect(readJpegHeader(bytes)).toMatchObject({ width: 10, height: 20, orientation: 1 });
  });

  it('returns undefined for non-JPEG data, a truncated header or a scan before any SOF', () => {
    expect(readJpegHeader(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined();
    const full = jpegBytes([exifSegment(6), sofSegment(4000, 3000)]);
    expect(readJpegHeader(full.subarray(0, 30))).toBeUndefined();
    expect(readJpegHeader(jpegBytes([jfifSegment()]))).toBeUndefined();
    expect(readJpegHeader(jpegBytes([sofSegment(0, 100)]))).toBeUndefined();
  });

  it('finds the orientation inserted into an existing JPEG', () => {
    const plain = jpegBytes([jfifSegment(), sofSegment(400, 300)]);
    expect(readJpegHeader(withExifOrientation(plain, 6))).toMatchObject({ width: 400, height: 300, orientation: 6 });
  });
});

describe('orientedSize', () => {
  it('swaps width and height for orientations 5–8 only', () => {
    expect(orientedSize({ width: 4000, height: 3000, orientation: 6 })).toEqual({ width: 3000, height: 4000 });
    expect(orientedSize({ width: 4000, height: 3000, orientation: 8 })).toEqual({ width: 3000, height: 4000 });
    expect(orientedSize({ width: 4000, height: 3000, orientation: 3 })).toEqual({ width: 4000, height: 3000 });
  });
});
