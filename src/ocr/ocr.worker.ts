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
import { detInput, fillRecInput, recBatchWidth, recTextWidth, REC_HEIGHT, type Rgba } from './tensors';

declare const self: DedicatedWorkerGlobalScope;

/** Longest side the detector sees (PaddleOCR det_limit_side_len). */
const DET_MAX_SIDE = 800;
/** Lines recognised per run (PaddleOCR rec_batch_num). */
const REC_BATCH = 6;
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
    rec: await ort.InferenceSession.create(new Uint8Array(rec), options),
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

function pixels(bitmap: ImageBitmap, width: number, height: number): Rgba {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height);
}

const fit = (w: number, h: number, max: number) => Math.min(1, max / Math.max(w, h));
const to32 = (n: number) => Math.max(32, Math.round(n / 32) * 32);

async function recognise(image: Blob, _side: CardSide): Promise<OcrResult> {
  const started = performance.now();
  const e = await getEngine();
  const bitmap = await createImageBitmap(image, { imageOrientation: 'from-image' });
  try {
    const s = fit(bitmap.width, bitmap.height, SOURCE_MAX_SIDE);
    const src = pixels(bitmap, Math.round(bitmap.width * s), Math.round(bitmap.height * s));
    const d = fit(bitmap.width, bitmap.height, DET_MAX_SIDE);
    const detW = to32(bitmap.width * d),
      detH = to32(bitmap.height * d);
    const detImg = pixels(bitmap, detW, detH);
    const detOut = await e.det.run({
      [e.det.inputNames[0]!]: new ort.Tensor('float32', detInput(detImg), [1, 3, detH, detW]),
    });
    const map = detOut[e.det.outputNames[0]!]!;
    const boxes = findBoxes(map.data as Float32Array, map.dims[3]!, map.dims[2]!).map((q) =>
      scaleQuad(q, src.width / map.dims[3]!, src.height / map.dims[2]!),
    );
    map.dispose();
    const lines: (OcrLine & { box: Quad })[] = [];
    const back = bitmap.width / src.width;
    // Lines of similar length batched together (PaddleOCR's way): fewer runs, little padding.
    const todo = boxes.map((box) => ({ box, w: recTextWidth(box) })).sort((a, b) => a.w - b.w);
    for (let i = 0; i < todo.length; i += REC_BATCH) {
      const batch = todo.slice(i, i + REC_BATCH);
      const width = recBatchWidth(batch.map((b) => b.w));
      const data = new Float32Array(batch.length * 3 * REC_HEIGHT * width);
      batch.forEach((b, slot) => fillRecInput(src, b.box, data, slot, width));
      const out = await e.rec.run({
        [e.rec.inputNames[0]!]: new ort.Tensor('float32', data, [batch.length, 3, REC_HEIGHT, width]),
      });
      const probs = out[e.rec.outputNames[0]!]!;
      const [, steps, classes] = probs.dims as [number, number, number];
      const all = probs.data as Float32Array;
      batch.forEach((b, slot) => {
        const decoded = ctcDecode(
          all.subarray(slot * steps * classes, (slot + 1) * steps * classes),
          steps,
          classes,
          e.keys,
        );
        if (!decoded.text.trim() || decoded.score < MIN_LINE_SCORE) return;
        const box = scaleQuad(b.box, back, back).map(([x, y]) => [Math.round(x), Math.round(y)] as const);
        lines.push({ ...decoded, box: box as unknown as Quad });
      });
      probs.dispose();
    }
    return { lines: readingOrder(lines), width: bitmap.width, height: bitmap.height, ms: performance.now() - started };
  } finally {
    bitmap.close();
  }
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
