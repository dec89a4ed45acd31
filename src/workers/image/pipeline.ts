// The image pipeline, run inside the image worker: header → decode at the target size →
// analyse a ≤ 1 MP grey copy → encode JPEG → SHA-256. A 12 MP photo is never decoded at full
// size: the target size is computed from the JPEG header first and handed to createImageBitmap.
import { sha256Hex } from '../hash';
import { isJpeg, readJpegHeader, orientedSize, type JpegHeader } from './jpeg-header';
import { decodeScaledFrame } from './scaled-decode';
import { assertDecodable } from './pixel-guard';
import { colourMetrics, greyMetrics, toGrey } from './metrics';
import { fitArea, fitLongEdge, type Size } from './sizing';
import {
  DEFAULT_LONG_EDGE,
  DEFAULT_QUALITY,
  GREY_MAX_PIXELS,
  IMAGE_ERROR_MESSAGES,
  type ImageErrorCode,
  type ProcessedImage,
  type ProcessOptions,
} from './types';

/** Enough bytes for APP0/APP1 (EXIF ≤ 64 KB), ICC profiles and the SOF segment of camera JPEGs. */
const HEADER_BYTES = 256 * 1024;

/** Errors cross the Comlink boundary by name and message: the name carries our stable code. */
export function imageError(code: ImageErrorCode, cause?: unknown): Error {
  const error = new Error(IMAGE_ERROR_MESSAGES[code], { cause });
  error.name = code;
  return error;
}

// Browsers differ on whether resizeWidth/Height apply before or after EXIF rotation (whatwg/html
// #7210). We ask for the displayed size; if a rotated photo comes back transposed, we retry with
// the sides swapped and remember the answer for the rest of this worker's life (per kind of
// source: a file, or a decoded frame carrying its rotation).
const resizeBeforeRotation = { blob: false, frame: false };

async function decodeAt(source: Blob | VideoFrame, target: Size, rotated: boolean): Promise<ImageBitmap> {
  const kind = source instanceof Blob ? 'blob' : 'frame';
  const decode = (s: Size) =>
    createImageBitmap(source, {
      resizeWidth: s.width,
      resizeHeight: s.height,
      resizeQuality: 'high',
      imageOrientation: 'from-image',
    });
  const swap = (s: Size): Size => ({ width: s.height, height: s.width });
  let bitmap = await decode(rotated && resizeBeforeRotation[kind] ? swap(target) : target);
  const transposed = bitmap.width === target.height && bitmap.height === target.width && target.width !== target.height;
  if (rotated && transposed) {
    bitmap.close();
    resizeBeforeRotation[kind] = !resizeBeforeRotation[kind];
    bitmap = await decode(resizeBeforeRotation[kind] ? swap(target) : target);
  }
  return bitmap;
}

/** A large JPEG decoded at a DCT scale first (scaled-decode.ts), then resized; else undefined. */
async function decodeScaled(blob: Blob, header: JpegHeader, target: Size): Promise<ImageBitmap | undefined> {
  const rotated = header.orientation >= 5;
  const rawTarget = rotated ? { width: target.height, height: target.width } : target;
  const frame = await decodeScaledFrame(blob, header, rawTarget);
  if (!frame) return undefined;
  try {
    return await decodeAt(frame, target, rotated);
  } finally {
    frame.close();
  }
}

/** Decodes to at most `longEdge`; returns the bitmap and the original displayed size. */
async function decode(
  blob: Blob,
  head: Uint8Array,
  longEdge: number,
): Promise<{ bitmap: ImageBitmap; original: Size }> {
  const header = readJpegHeader(head);
  if (header) {
    const original = orientedSize(header);
    const target = fitLongEdge(original, longEdge);
    const bitmap =
      (await decodeScaled(blob, header, target)) ?? (await decodeAt(blob, target, header.orientation >= 5));
    return { bitmap, original };
  }
  // PNG/WebP from the gallery, or a JPEG whose header we cannot read: decode once to learn the size.
  const full = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  const original = { width: full.width, height: full.height };
  const target = fitLongEdge(original, longEdge);
  if (target.width === original.width && target.height === original.height) return { bitmap: full, original };
  const bitmap = await createImageBitmap(full, {
    resizeWidth: target.width,
    resizeHeight: target.height,
    resizeQuality: 'high',
  });
  full.close();
  return { bitmap, original };
}

function context2d(canvas: OffscreenCanvas, readBack: boolean): OffscreenCanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: readBack, alpha: false });
  if (!ctx) throw imageError('image.failed');
  // Documents: transparent areas (PNG) become white paper, not black.
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  return ctx;
}

export async function runPipeline(
  input: ArrayBuffer | Blob,
  options: ProcessOptions = {},
  progress: (p: number) => void = () => {},
): Promise<ProcessedImage> {
  const longEdge = options.longEdge ?? DEFAULT_LONG_EDGE;
  const quality = options.quality ?? DEFAULT_QUALITY;
  const blob = input instanceof Blob ? input : new Blob([input]);
  const t0 = performance.now();

  const head = new Uint8Array(await blob.slice(0, HEADER_BYTES).arrayBuffer());
  // A pixel bomb never reaches a decoder (a JPEG can push its frame header past HEADER_BYTES).
  await assertDecodable(
    head,
    blob.size > head.length && isJpeg(head) ? async () => new Uint8Array(await blob.arrayBuffer()) : undefined,
  );
  let decoded: { bitmap: ImageBitmap; original: Size };
  try {
    decoded = await decode(blob, head, longEdge);
  } catch (error) {
    throw imageError('image.decode', error);
  }
  const { bitmap, original } = decoded;
  const t1 = performance.now();
  progress(0.4);

  const greySize = fitArea({ width: bitmap.width, height: bitmap.height }, GREY_MAX_PIXELS);
  const greyCanvas = new OffscreenCanvas(greySize.width, greySize.height);
  const greyCtx = context2d(greyCanvas, true);
  greyCtx.drawImage(bitmap, 0, 0, greySize.width, greySize.height);
  const rgba = greyCtx.getImageData(0, 0, greySize.width, greySize.height).data;
  const measured = {
    ...greyMetrics(toGrey(rgba, greySize.width, greySize.height), greySize.width, greySize.height),
    ...colourMetrics(rgba, greySize.width, greySize.height),
  };
  const t2 = performance.now();
  progress(0.6);

  const out = new OffscreenCanvas(bitmap.width, bitmap.height);
  context2d(out, false).drawImage(bitmap, 0, 0);
  const { width, height } = bitmap;
  bitmap.close();
  let data: ArrayBuffer;
  try {
    data = await (await out.convertToBlob({ type: 'image/jpeg', quality })).arrayBuffer();
  } catch (error) {
    throw imageError('image.encode', error);
  }
  const t3 = performance.now();
  progress(0.9);

  const sha256 = await sha256Hex(data);
  const t4 = performance.now();
  progress(1);

  return {
    data,
    mime: 'image/jpeg',
    width,
    height,
    bytes: data.byteLength,
    sha256,
    metrics: { width: original.width, height: original.height, ...measured },
    original: { bytes: blob.size, mime: blob.type },
    timings: {
      decodeMs: t1 - t0,
      analyseMs: t2 - t1,
      encodeMs: t3 - t2,
      hashMs: t4 - t3,
      totalMs: t4 - t0,
    },
  };
}
