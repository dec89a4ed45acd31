/// <reference lib="webworker" />
// The on-device recogniser (issue 16): PP-OCRv4 Chinese detection + recognition run by
// onnxruntime-web (WASM, SIMD; threads only when the page is cross-origin isolated) in this worker,
// so the page never blocks. Model and WASM bytes come only from the 'daiban-ocr-v1' cache filled
// by installOcr(): no network here, so it works offline and images never leave the device.
import { expose } from 'comlink';
import * as ort from 'onnxruntime-web/wasm';
import type { CardSide, OcrLine, OcrResult } from '../domain/idcard/ocr-types';
import { findBoxes, readingOrder, scaleQuad, type Quad } from './boxes';
import { ctcDecode, parseKeys } from './ctc';
import { OCR_CACHE, OCR_FILES, ocrUrl, type OcrFile } from './files';
import { recBatches } from './rec-batches';
import { detInputFrom, detSize, fillRecInput, recTextWidth, REC_HEIGHT, type Rgba } from './tensors';

declare const self: DedicatedWorkerGlobalScope;

/**
 * Longest side the detector sees (PaddleOCR's det_limit_side_len is 960). A card photo needs
 * less: with the card filling most of the frame its smallest print is still ~12 px high at 640,
 * and the detector's time and memory grow with the area (640 × 480 is 0.64 of 800 × 608).
 */
const DET_MAX_SIDE = 640;
/** Longest side kept for cutting out lines: enough resolution for 9-pt card text. */
const SOURCE_MAX_SIDE = 1600;
/** Lines read with less confidence are noise (background patterns, the card's guilloche). */
const MIN_LINE_SCORE = 0.5;

export const NOT_INSTALLED = '证件识别尚未安装：请先在“设置”中开启证件识别并下载识别模型';

interface Engine {
  det: ort.InferenceSession;
  rec: ort.InferenceSession;
  keys: string[];
}

let engine: Promise<Engine> | undefined;

async function cached(cache: Cache, f: OcrFile): Promise<ArrayBuffer> {
  const res = await cache.match(ocrUrl(f));
  if (!res) throw new Error(NOT_INSTALLED);
  return res.arrayBuffer();
}

async function load(): Promise<Engine> {
  const cache = await caches.open(OCR_CACHE);
  const [wasm, det, rec, keys] = await Promise.all([
    cached(cache, OCR_FILES.wasm),
    cached(cache, OCR_FILES.det),
    cached(cache, OCR_FILES.rec),
    cached(cache, OCR_FILES.keys),
  ]);
  ort.env.wasm.wasmBinary = wasm;
  ort.env.wasm.numThreads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
  ort.env.wasm.proxy = false;
  const options: ort.InferenceSession.SessionOptions = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  return {
    det: await ort.InferenceSession.create(new Uint8Array(det), options),
    // Every batch has a new width: ORT's memory pattern, planned and kept per input shape, would
    // only grow with each photo.
    rec: await ort.InferenceSession.create(new Uint8Array(rec), { ...options, enableMemPattern: false }),
    keys: parseKeys(new TextDecoder().decode(keys)),
  };
}

function getEngine(): Promise<Engine> {
  engine ??= load().catch((error: unknown) => {
    engine = undefined;
    throw error;
  });
  return engine;
}

/** The photo decoded here, off the page's thread, at no more than SOURCE_MAX_SIDE. */
async function sourcePixels(image: Blob): Promise<{ src: Rgba; width: number; height: number }> {
  const bitmap = await createImageBitmap(image, { imageOrientation: 'from-image' });
  try {
    const s = Math.min(1, SOURCE_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const w = Math.round(bitmap.width * s),
      h = Math.round(bitmap.height * s);
    const ctx = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(bitmap, 0, 0, w, h);
    return { src: ctx.getImageData(0, 0, w, h), width: bitmap.width, height: bitmap.height };
  } finally {
    bitmap.close();
  }
}

/** Input buffers kept from photo to photo (same camera, same sizes): no 4 MB allocation per read. */
const scratch = { det: new Float32Array(0), rec: new Float32Array(0) };
function reuse(key: keyof typeof scratch, length: number): Float32Array {
  if (scratch[key].length < length) scratch[key] = new Float32Array(length);
  return scratch[key].subarray(0, length);
}

async function read(image: Blob): Promise<OcrResult> {
  const started = performance.now();
  const e = await getEngine();
  const { src, width, height } = await sourcePixels(image);
  const size = detSize(src.width, src.height, DET_MAX_SIDE);
  const detData = detInputFrom(src, size.width, size.height, reuse('det', 3 * size.width * size.height));
  const detOut = await e.det.run({
    [e.det.inputNames[0]!]: new ort.Tensor('float32', detData, [1, 3, size.height, size.width]),
  });
  const map = detOut[e.det.outputNames[0]!]!;
  const boxes = findBoxes(map.data as Float32Array, map.dims[3]!, map.dims[2]!).map((q) =>
    scaleQuad(q, src.width / map.dims[3]!, src.height / map.dims[2]!),
  );
  map.dispose();
  const lines: (OcrLine & { box: Quad })[] = [];
  const back = width / src.width;
  for (const batch of recBatches(boxes.map(recTextWidth))) {
    const { width: w } = batch;
    const data = reuse('rec', batch.lines.length * 3 * REC_HEIGHT * w).fill(0);
    batch.lines.forEach((line, slot) => fillRecInput(src, boxes[line]!, data, slot, w));
    const out = await e.rec.run({
      [e.rec.inputNames[0]!]: new ort.Tensor('float32', data, [batch.lines.length, 3, REC_HEIGHT, w]),
    });
    const probs = out[e.rec.outputNames[0]!]!;
    const [, steps, classes] = probs.dims as [number, number, number];
    const all = probs.data as Float32Array;
    batch.lines.forEach((line, slot) => {
      const decoded = ctcDecode(
        all.subarray(slot * steps * classes, (slot + 1) * steps * classes),
        steps,
        classes,
        e.keys,
      );
      if (!decoded.text.trim() || decoded.score < MIN_LINE_SCORE) return;
      const box = scaleQuad(boxes[line]!, back, back).map(([x, y]) => [Math.round(x), Math.round(y)] as const);
      lines.push({ ...decoded, box: box as unknown as Quad });
    });
    probs.dispose();
  }
  return { lines: readingOrder(lines), width, height, ms: performance.now() - started };
}

/** One read at a time: two photos taken in quick succession would otherwise double the memory. */
let queue: Promise<unknown> = Promise.resolve();
function recognise(image: Blob, _side: CardSide): Promise<OcrResult> {
  const next = queue.then(() => read(image));
  queue = next.catch(() => undefined);
  return next;
}

const api = {
  recognise,
  /** Loads the sessions ahead of the first photo. */
  async warm(): Promise<void> {
    await getEngine();
  },
};

export type OcrApi = typeof api;
expose(api);
