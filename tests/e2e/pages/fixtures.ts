// Synthetic photos drawn in the browser: a document-like page, a blurred copy, a dark copy.
import { withExifOrientation } from '../../unit/image/jpeg-bytes';

/** Black-on-white "document": a frame, a table grid, and lines of word-like blocks. */
export function drawDocument(width: number, height: number): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#111';
  const u = Math.max(1, Math.round(width / 400)); // stroke unit scales with the page
  ctx.fillRect(0, 0, width, 4 * u); ctx.fillRect(0, height - 4 * u, width, 4 * u);
  ctx.fillRect(0, 0, 4 * u, height); ctx.fillRect(width - 4 * u, 0, 4 * u, height);
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let y = 20 * u; y < height * 0.6; y += 12 * u) {
    for (let x = 16 * u; x < width - 40 * u;) {
      const w = (6 + rand() * 30) * u;
      ctx.fillRect(x, y, w, 6 * u);
      x += w + 5 * u;
    }
  }
  for (let y = height * 0.65; y < height - 10 * u; y += 20 * u) ctx.fillRect(16 * u, y, width - 32 * u, u);
  for (let x = 16 * u; x < width - 16 * u; x += width / 6) ctx.fillRect(x, height * 0.65, u, height * 0.33);
  return canvas;
}

/** Blur by shrinking 8× and enlarging again (what a shaky hand or missed focus does to edges). */
export function blurred(source: OffscreenCanvas): OffscreenCanvas {
  const small = new OffscreenCanvas(Math.ceil(source.width / 8), Math.ceil(source.height / 8));
  const sctx = small.getContext('2d')!;
  sctx.imageSmoothingQuality = 'high';
  sctx.drawImage(source, 0, 0, small.width, small.height);
  const out = new OffscreenCanvas(source.width, source.height);
  const octx = out.getContext('2d')!;
  octx.imageSmoothingQuality = 'high';
  octx.drawImage(small, 0, 0, out.width, out.height);
  return out;
}

/** Under-exposed: an 85 % black veil. */
export function dark(source: OffscreenCanvas): OffscreenCanvas {
  const out = new OffscreenCanvas(source.width, source.height);
  const ctx = out.getContext('2d')!;
  ctx.drawImage(source, 0, 0);
  ctx.fillStyle = 'rgba(0,0,0,0.85)';
  ctx.fillRect(0, 0, out.width, out.height);
  return out;
}

export const toJpeg = (c: OffscreenCanvas, quality = 0.92) => c.convertToBlob({ type: 'image/jpeg', quality });

/** A JPEG tagged with EXIF orientation (camera held sideways). */
export async function orientedJpeg(width: number, height: number, orientation: number): Promise<Blob> {
  const plain = new Uint8Array(await (await toJpeg(drawDocument(width, height))).arrayBuffer());
  return new Blob([withExifOrientation(plain, orientation) as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' });
}
