// Builds JPEG header bytes for tests (also used by the browser test page to tag a real JPEG with
// an EXIF orientation).

const u16 = (v: number, little = false) => (little ? [v & 0xff, v >> 8] : [v >> 8, v & 0xff]);
const u32 = (v: number, little = false) =>
  little
    ? [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24]
    : [v >>> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];

const segment = (marker: number, body: number[]) => [0xff, marker, ...u16(body.length + 2), ...body];

/** APP1 Exif segment whose IFD0 holds `extraTags` dummy entries and then the orientation tag. */
export function exifSegment(orientation: number, { little = true, extraTags = 1 } = {}): number[] {
  const entries: number[] = [];
  for (let i = 0; i < extraTags; i++)
    entries.push(...u16(0x010f + i, little), ...u16(2, little), ...u32(4, little), 0x41, 0x42, 0x43, 0);
  entries.push(...u16(0x0112, little), ...u16(3, little), ...u32(1, little), ...u16(orientation, little), 0, 0);
  const tiff = [
    ...(little ? [0x49, 0x49] : [0x4d, 0x4d]),
    ...u16(42, little),
    ...u32(8, little),
    ...u16(extraTags + 1, little),
    ...entries,
    ...u32(0, little),
  ];
  return segment(0xe1, [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff]);
}

export const jfifSegment = () => segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);

export const sofSegment = (width: number, height: number, marker = 0xc0) =>
  segment(marker, [8, ...u16(height), ...u16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);

const SOS_AND_EOI = [...segment(0xda, [1, 1, 0, 0, 63, 0]), 0x12, 0x34, 0xff, 0xd9];

export function jpegBytes(parts: number[][]): Uint8Array {
  return new Uint8Array([0xff, 0xd8, ...parts.flat(), ...SOS_AND_EOI]);
}

/** Inserts an Exif orientation segment right after SOI of a real JPEG (e.g. from canvas). */
export function withExifOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
  const app1 = exifSegment(orientation);
  const out = new Uint8Array(jpeg.length + app1.length);
  out.set(jpeg.subarray(0, 2));
  out.set(app1, 2);
  out.set(jpeg.subarray(2), 2 + app1.length);
  return out;
}
