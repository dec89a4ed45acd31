// Refuses a picture whose header declares more pixels than a tablet can decode: a 20000×20000
// PNG is a few kilobytes in the gallery and 1.6 GB once decoded (a frozen or killed tab).
// Checked on the header bytes before any decoder sees the file.
import { DEFAULT_PIXEL_LIMITS, exceedsPixelLimits, readImageSize, type PixelLimits } from '../../domain/image-size';
import { IMAGE_ERROR_MESSAGES } from './types';

/**
 * Rejects with an error named `image.too_large` (the code crosses the worker boundary by name).
 * `whole` reads the entire file, for a header not found in `head`.
 */
export async function assertDecodable(
  head: Uint8Array,
  whole?: () => Promise<Uint8Array>,
  limits: PixelLimits = DEFAULT_PIXEL_LIMITS,
): Promise<void> {
  const size = readImageSize(head) ?? (whole ? readImageSize(await whole()) : undefined);
  if (!size || !exceedsPixelLimits(size, limits)) return;
  const error = new Error(IMAGE_ERROR_MESSAGES['image.too_large']);
  error.name = 'image.too_large';
  throw error;
}
