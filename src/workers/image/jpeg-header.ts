// Reads a JPEG's pixel size and EXIF orientation from its header, without decoding it: the
// pipeline needs the original size to choose the decode size (a 12 MP photo must never be
// decoded at full size) and to report resolution. Pure: bytes in, numbers out.

export interface JpegHeader {
  /** Stored (unrotated) size from the SOF segment. */
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1 when absent or unreadable). */
  orientation: number;
  progressive: boolean;
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const PROGRESSIVE = new Set([0xc2, 0xc6, 0xca, 0xce]);
const STANDALONE = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd8);
const ORIENTATION_TAG = 0x0112;

export const isJpeg = (b: Uint8Array) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

/** Parses the header; undefined when not a JPEG or the SOF segment is not within `bytes`. */
export function readJpegHeader(bytes: Uint8Array): JpegHeader | undefined {
  if (!isJpeg(bytes)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let orientation = 1;
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return undefined; // lost sync: not a well-formed header
    const marker = bytes[pos + 1]!;
    if (marker === 0xff) {
      pos++;
      continue;
    } // fill byte
    if (STANDALONE(marker)) {
      pos += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // EOI / start of scan before any SOF
    const length = view.getUint16(pos + 2);
    if (length < 2) return undefined;
    const start = pos + 4;
    const end = pos + 2 + length;
    if (SOF_MARKERS.has(marker)) {
      if (start + 5 > bytes.length) return undefined;
      const height = view.getUint16(start + 1);
      const width = view.getUint16(start + 3);
      if (width === 0 || height === 0) return undefined;
      return { width, height, orientation, progressive: PROGRESSIVE.has(marker) };
    }
    if (marker === 0xe1 && end <= bytes.length) orientation = readExifOrientation(view, start, end) ?? orientation;
    pos = end;
  }
  return undefined;
}

/** Orientation from an APP1 Exif segment spanning [start, end), or undefined. */
export function readExifOrientation(view: DataView, start: number, end: number): number | undefined {
  // "Exif\0\0" then a TIFF header.
  if (end - start < 14 || view.getUint32(start) !== 0x45786966 || view.getUint16(start + 4) !== 0) return undefined;
  const tiff = start + 6;
  const order = view.getUint16(tiff);
  if (order !== 0x4949 && order !== 0x4d4d) return undefined;
  const little = order === 0x4949;
  if (view.getUint16(tiff + 2, little) !== 42) return undefined;
  const ifd = tiff + view.getUint32(tiff + 4, little);
  if (ifd + 2 > end) return undefined;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return undefined;
    if (view.getUint16(entry, little) === ORIENTATION_TAG) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/** Size as displayed: orientations 5–8 rotate by 90°, swapping width and height. */
export function orientedSize(header: Pick<JpegHeader, 'width' | 'height' | 'orientation'>): {
  width: number;
  height: number;
} {
  return header.orientation >= 5
    ? { width: header.height, height: header.width }
    : { width: header.width, height: header.height };
}
