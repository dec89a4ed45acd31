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

const api = {
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
