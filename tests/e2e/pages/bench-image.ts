// Bench page for tests/bench/image.bench.ts: our worker pipeline vs browser-image-compression,
// same input, same long edge (1600 px), both off the main thread.
import imageCompression from 'browser-image-compression';
import { processImage } from '../../../src/workers/image/bridge';
import { drawPhoto, toJpeg } from './fixtures';

const LONG_EDGE = 1600;

async function fixture(url: string): Promise<File> {
  const blob = await (await fetch(url)).blob();
  return new File([blob], 'photo.jpg', { type: 'image/jpeg' });
}

async function size(blob: Blob) {
  const b = await createImageBitmap(blob);
  const s = { width: b.width, height: b.height };
  b.close();
  return s;
}

/** Lanczos-3 weights for each output index of a 1-D resample from `src` to `dst` samples. */
function lanczosTaps(src: number, dst: number) {
  const scale = src / dst;
  const support = 3 * Math.max(1, scale);
  const sinc = (x: number) => (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x));
  return Array.from({ length: dst }, (_, i) => {
    const centre = (i + 0.5) * scale - 0.5;
    const first = Math.max(0, Math.ceil(centre - support));
    const last = Math.min(src - 1, Math.floor(centre + support));
    const weights: number[] = [];
    for (let j = first; j <= last; j++) {
      const x = (j - centre) / Math.max(1, scale);
      weights.push(Math.abs(x) < 3 ? sinc(x) * sinc(x / 3) : 0);
    }
    const sum = weights.reduce((a, b) => a + b, 0);
    return { first, weights: weights.map((w) => w / sum) };
  });
}

/** The reference picture: the photo decoded at full size and resampled with Lanczos-3 (RGB). */
async function lanczosReference(blob: Blob, width: number, height: number): Promise<Float32Array> {
  const full = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  const ctx = new OffscreenCanvas(full.width, full.height).getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(full, 0, 0);
  const src = ctx.getImageData(0, 0, full.width, full.height).data;
  const [sw, sh] = [full.width, full.height];
  full.close();
  const across = lanczosTaps(sw, width);
  const mid = new Float32Array(width * sh * 3);
  for (let y = 0; y < sh; y++)
    for (let x = 0; x < width; x++) {
      const { first, weights } = across[x]!;
      let r = 0,
        g = 0,
        b = 0;
      for (let k = 0; k < weights.length; k++) {
        const o = (y * sw + first + k) * 4;
        r += src[o]! * weights[k]!;
        g += src[o + 1]! * weights[k]!;
        b += src[o + 2]! * weights[k]!;
      }
      const m = (y * width + x) * 3;
      mid[m] = r;
      mid[m + 1] = g;
      mid[m + 2] = b;
    }
  const down = lanczosTaps(sh, height);
  const out = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const { first, weights } = down[y]!;
    for (let x = 0; x < width; x++)
      for (let c = 0; c < 3; c++) {
        let v = 0;
        for (let k = 0; k < weights.length; k++) v += mid[((first + k) * width + x) * 3 + c]! * weights[k]!;
        out[(y * width + x) * 3 + c] = Math.min(255, Math.max(0, v));
      }
  }
  return out;
}

/** PSNR (dB, RGB) of a JPEG against the reference. */
async function psnr(jpeg: Blob, reference: Float32Array, width: number, height: number): Promise<number> {
  const bitmap = await createImageBitmap(jpeg);
  if (bitmap.width !== width || bitmap.height !== height) throw new Error(`output ${bitmap.width}×${bitmap.height}`);
  const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const px = ctx.getImageData(0, 0, width, height).data;
  let sum = 0;
  for (let i = 0; i < width * height; i++)
    for (let c = 0; c < 3; c++) {
      const d = px[i * 4 + c]! - reference[i * 3 + c]!;
      sum += d * d;
    }
  return 10 * Math.log10((255 * 255) / (sum / (width * height * 3)));
}

const api = {
  /** Each side's output against a Lanczos-3 resample of the full-size photo (the reference). */
  async quality(url: string) {
    const file = await fixture(url);
    const ours = await processImage(file, { longEdge: LONG_EDGE, quality: 0.85 });
    const lib = await imageCompression(file, {
      maxWidthOrHeight: LONG_EDGE,
      useWebWorker: true,
      initialQuality: 0.85,
      fileType: 'image/jpeg',
      libURL: '/vendor/browser-image-compression.js',
    });
    const reference = await lanczosReference(file, ours.width, ours.height);
    return {
      ours: await psnr(new Blob([ours.data]), reference, ours.width, ours.height),
      library: await psnr(lib, reference, ours.width, ours.height),
    };
  },
  /** A 12 MP camera-like JPEG, as base64 (the bench stores it and serves it back). */
  async makePhoto(width: number, height: number): Promise<string> {
    const bytes = new Uint8Array(await (await toJpeg(drawPhoto(width, height), 0.92)).arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  },
  async ours(url: string) {
    const file = await fixture(url);
    const t = performance.now();
    const r = await processImage(file, { longEdge: LONG_EDGE, quality: 0.85 });
    const ms = performance.now() - t;
    return { ms, bytes: r.bytes, width: r.width, height: r.height, sharpness: r.metrics.sharpness, timings: r.timings };
  },
  async library(url: string) {
    const file = await fixture(url);
    const t = performance.now();
    const out = await imageCompression(file, {
      maxWidthOrHeight: LONG_EDGE,
      useWebWorker: true,
      initialQuality: 0.85,
      fileType: 'image/jpeg',
      libURL: '/vendor/browser-image-compression.js',
    });
    const ms = performance.now() - t;
    return { ms, bytes: out.size, ...(await size(out)) };
  },
};

declare global {
  interface Window {
    __bench: typeof api;
  }
}
window.__bench = api;
document.title = 'ready';
