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
  ctx.fillRect(0, 0, width, 4 * u);
  ctx.fillRect(0, height - 4 * u, width, 4 * u);
  ctx.fillRect(0, 0, 4 * u, height);
  ctx.fillRect(width - 4 * u, 0, 4 * u, height);
  let seed = 7;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
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

/**
 * A camera-like photo of a document: the page slightly rotated on a shaded table, with sensor
 * noise, so the JPEG weighs what a phone's does (several MB at 12 MP), unlike a flat drawing.
 */
export function drawPhoto(width: number, height: number, seed = 1): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  const table = ctx.createLinearGradient(0, 0, width, height);
  table.addColorStop(0, '#8a6a4a');
  table.addColorStop(1, '#4a3525');
  ctx.fillStyle = table;
  ctx.fillRect(0, 0, width, height);
  ctx.save();
  ctx.translate(width / 2, height / 2);
  ctx.rotate(-0.04);
  ctx.drawImage(drawDocument(Math.round(width * 0.8), Math.round(height * 0.85)), -width * 0.4, -height * 0.425);
  ctx.restore();
  const image = ctx.getImageData(0, 0, width, height);
  const d = image.data;
  let s = seed;
  for (let i = 0; i < d.length; i += 4) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const n = ((s >> 16) & 31) - 16; // ±16 grey levels of noise
    d[i] = d[i]! + n;
    d[i + 1] = d[i + 1]! + n;
    d[i + 2] = d[i + 2]! + n;
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

/**
 * A 1寸-style portrait (head and shoulders, centred) in front of `background` — a CSS colour, or
 * `cluttered` (a room: a dark door frame on the left, a shelf on the right) — lit from one side
 * and with sensor noise; `greyscale` draws it black and white.
 */
export function drawPortrait(
  width: number,
  height: number,
  background: string | 'cluttered',
  greyscale = false,
): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  if (background === 'cluttered') {
    ctx.fillStyle = '#d8d2c4';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#5a3a22';
    ctx.fillRect(0, 0, width * 0.08, height); // a door frame
    ctx.fillStyle = '#2a2a2a';
    ctx.fillRect(width * 0.9, height * 0.1, width * 0.1, height * 0.05); // a shelf
  } else {
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, width, height);
  }
  const light = ctx.createLinearGradient(0, 0, width, 0); // a window on the left
  light.addColorStop(0, 'rgba(255,255,255,0.06)');
  light.addColorStop(1, 'rgba(0,0,0,0.06)');
  ctx.fillStyle = light;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#1f2a48'; // a jacket
  ctx.beginPath();
  ctx.ellipse(width / 2, height * 1.05, width * 0.48, height * 0.3, 0, 0, 2 * Math.PI);
  ctx.fill();
  ctx.fillStyle = '#222'; // hair
  ctx.beginPath();
  ctx.ellipse(width / 2, height * 0.36, width * 0.3, height * 0.26, 0, 0, 2 * Math.PI);
  ctx.fill();
  ctx.fillStyle = '#e0ac8c'; // the face
  ctx.beginPath();
  ctx.ellipse(width / 2, height * 0.42, width * 0.24, height * 0.22, 0, 0, 2 * Math.PI);
  ctx.fill();
  const image = ctx.getImageData(0, 0, width, height);
  const d = image.data;
  let s = 7;
  for (let i = 0; i < d.length; i += 4) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const n = ((s >> 16) & 7) - 4; // ±4 levels of noise
    if (greyscale) d[i] = d[i + 1] = d[i + 2] = Math.round(0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!) + n;
    else for (let c = 0; c < 3; c++) d[i + c] = d[i + c]! + n;
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}
