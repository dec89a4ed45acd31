// Decodes a large JPEG at a reduced size with WebCodecs' ImageDecoder: asked for a smaller frame,
// Chromium's JPEG decoder scales in the DCT (1/2, 3/8…), about three times faster than a full
// decode of a 12 MP photo followed by a resize (measured in `npm run bench`, image). The frame
// carries the EXIF rotation, which createImageBitmap applies. Where ImageDecoder is missing
// (Safari, Firefox < 133) or fails, the caller decodes the usual way.
import { dctScaleFor, type Size } from './sizing';

/** The raw (stored, unrotated) frame decoded at a DCT scale that covers `rawTarget`, or undefined. */
export async function decodeScaledFrame(blob: Blob, raw: Size, rawTarget: Size): Promise<VideoFrame | undefined> {
  if (typeof ImageDecoder !== 'function') return undefined;
  const scaled = dctScaleFor(raw, rawTarget);
  if (!scaled) return undefined;
  let decoder: ImageDecoder | undefined;
  try {
    decoder = new ImageDecoder({
      data: blob.stream(),
      type: 'image/jpeg',
      desiredWidth: scaled.width,
      desiredHeight: scaled.height,
    });
    const { image } = await decoder.decode();
    // A decoder that scaled below the target (it rounds to its own steps) is not used: the
    // output would be enlarged.
    if (image.codedWidth < rawTarget.width || image.codedHeight < rawTarget.height) {
      image.close();
      return undefined;
    }
    return image;
  } catch {
    return undefined;
  } finally {
    decoder?.close();
  }
}
