// Test page for tests/e2e/image-worker.spec.ts: runs fixtures through the real image worker and
// reports plain numbers (no buffers cross into Playwright).
import { processImage, type ProcessedImage } from '../../../src/workers/image/bridge';
import { blurred, dark, drawDocument, drawPortrait, orientedJpeg, toJpeg } from './fixtures';

async function independentSha256(data: ArrayBuffer): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function summarise(result: ProcessedImage) {
  const decoded = await createImageBitmap(new Blob([result.data], { type: 'image/jpeg' }));
  const summary = {
    width: result.width,
    height: result.height,
    bytes: result.bytes,
    byteLength: result.data.byteLength,
    sha256: result.sha256,
    expectedSha256: await independentSha256(result.data),
    decodedWidth: decoded.width,
    decodedHeight: decoded.height,
    metrics: result.metrics,
    timings: result.timings,
  };
  decoded.close();
  return summary;
}

/** Mean absolute grey difference of two images drawn at 60×80 (0 = same picture, 255 = inverse). */
function meanGreyDifference(a: ImageBitmap, b: ImageBitmap): number {
  const grey = (bitmap: ImageBitmap) => {
    const ctx = new OffscreenCanvas(60, 80).getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(bitmap, 0, 0, 60, 80);
    const d = ctx.getImageData(0, 0, 60, 80).data;
    return Array.from({ length: 60 * 80 }, (_, i) => (d[i * 4]! + d[i * 4 + 1]! + d[i * 4 + 2]!) / 3);
  };
  const ga = grey(a);
  const gb = grey(b);
  return ga.reduce((sum, v, i) => sum + Math.abs(v - gb[i]!), 0) / ga.length;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function pngChunk(type: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  let c = 0xffffffff;
  for (const b of out.subarray(4, 8 + data.length)) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  view.setUint32(8 + data.length, (c ^ 0xffffffff) >>> 0);
  return out;
}

/** A real 20000×20000 1-bit PNG (400 MP, 1.6 GB as RGBA): zero rows, zlib-deflated to ~50 KB. */
async function pngBomb(side: number): Promise<Blob> {
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, side);
  new DataView(ihdr.buffer).setUint32(4, side);
  ihdr.set([1, 0, 0, 0, 0], 8);
  const raw = new Uint8Array((1 + Math.ceil(side / 8)) * side);
  const idat = new Uint8Array(
    await new Response(new Blob([raw]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer(),
  );
  const signature = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Blob([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', new Uint8Array())], {
    type: 'image/png',
  });
}

const api = {
  async quality() {
    const doc = drawDocument(1200, 900);
    const files = { sharp: await toJpeg(doc), blurred: await toJpeg(blurred(doc)), dark: await toJpeg(dark(doc)) };
    const out: Record<string, Awaited<ReturnType<typeof summarise>>> = {};
    for (const [name, file] of Object.entries(files)) out[name] = await summarise(await processImage(file));
    return out;
  },
  /** 2寸 portraits (413 × 579) against the backgrounds the standards name, and the wrong ones. */
  async portraits() {
    const shots = {
      white: drawPortrait(413, 579, '#f2f2f0'),
      blue: drawPortrait(413, 579, '#438edb'),
      red: drawPortrait(413, 579, '#d01c24'),
      cream: drawPortrait(413, 579, '#d9c8a8'),
      cluttered: drawPortrait(413, 579, 'cluttered'),
      greyscale: drawPortrait(413, 579, '#f2f2f0', true),
    };
    const out: Record<string, ProcessedImage['metrics']> = {};
    for (const [name, canvas] of Object.entries(shots)) out[name] = (await processImage(await toJpeg(canvas))).metrics;
    return out;
  },
  async large() {
    const progress: number[] = [];
    const file = await toJpeg(drawDocument(4000, 3000), 0.9);
    const result = await processImage(file, {}, { onProgress: (p) => progress.push(p) });
    return { ...(await summarise(result)), inputBytes: file.size, progress };
  },
  async oriented() {
    const file = await orientedJpeg(800, 600, 6);
    const result = await processImage(file, { longEdge: 400 });
    // The browser's own rotation of the file is the reference: the output must show the same page.
    const reference = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const output = await createImageBitmap(new Blob([result.data], { type: 'image/jpeg' }));
    // The same page turned the wrong way (upside down): how far a wrong rotation would be.
    const ctx = new OffscreenCanvas(reference.width, reference.height).getContext('2d')!;
    ctx.translate(reference.width, reference.height);
    ctx.rotate(Math.PI);
    ctx.drawImage(reference, 0, 0);
    const wrongWay = ctx.canvas.transferToImageBitmap();
    const diff = meanGreyDifference(reference, output);
    const wrongDiff = meanGreyDifference(wrongWay, output);
    for (const b of [reference, output, wrongWay]) b.close();
    return { ...(await summarise(result)), meanGreyDifference: diff, wrongWayDifference: wrongDiff };
  },
  async fromArrayBuffer() {
    const file = await toJpeg(drawDocument(640, 480));
    return summarise(await processImage(await file.arrayBuffer()));
  },
  async png() {
    const blob = await drawDocument(900, 600).convertToBlob({ type: 'image/png' });
    return summarise(await processImage(blob, { longEdge: 600 }));
  },
  async broken() {
    try {
      await processImage(new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 1, 2])], { type: 'image/jpeg' }));
      return { code: 'none' };
    } catch (e) {
      return { code: (e as { code?: string }).code, message: (e as Error).message };
    }
  },
  async bomb() {
    const file = await pngBomb(20_000);
    try {
      await processImage(file);
      return { code: 'none', bytes: file.size };
    } catch (e) {
      return { code: (e as { code?: string }).code, message: (e as Error).message, bytes: file.size };
    }
  },
  async abort() {
    const controller = new AbortController();
    const file = await toJpeg(drawDocument(4000, 3000), 0.9);
    const job = processImage(file, {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    let code = 'none';
    try {
      await job;
    } catch (e) {
      code = (e as { code: string }).code;
    }
    // The worker restarts cleanly after an abort.
    const after = await processImage(await toJpeg(drawDocument(320, 240)));
    return { code, afterWidth: after.width };
  },
};

declare global {
  interface Window {
    __imageTest: typeof api;
  }
}
window.__imageTest = api;
document.title = 'ready';
