// The page's door to on-device ID-card OCR (issue 16). Lazy by design: import this module with
// `import()` only (it is never on the first screen), and the recogniser's ~30 MB of model and
// WASM are downloaded from our own origin into their own cache only by installOcr().
import { wrap, type Remote } from 'comlink';
import type { CardSide, OcrResult } from '../domain/idcard/ocr-types';
import type { OcrApi } from './ocr.worker';
import { OCR_CACHE, OCR_FILE_LIST, OCR_TOTAL_BYTES, ocrUrl } from './files';

export type { CardSide, OcrResult } from '../domain/idcard/ocr-types';

export interface OcrStatus {
  readonly state: 'off' | 'installing' | 'ready';
  /** Download size before installing; installed size afterwards. */
  readonly bytes: number;
}

const NOT_INSTALLED = '证件识别尚未安装：请先在“设置”中开启证件识别并下载识别模型';

let installing: Promise<void> | undefined;
let worker: { worker: Worker; api: Remote<OcrApi> } | undefined;

async function installedBytes(): Promise<number | undefined> {
  if (!(await caches.has(OCR_CACHE))) return undefined;
  const cache = await caches.open(OCR_CACHE);
  let total = 0;
  for (const f of OCR_FILE_LIST) {
    const res = await cache.match(ocrUrl(f));
    if (!res) return undefined;
    total += f.bytes;
  }
  return total;
}

export async function ocrStatus(): Promise<OcrStatus> {
  if (installing) return { state: 'installing', bytes: OCR_TOTAL_BYTES };
  const bytes = await installedBytes();
  return bytes === undefined ? { state: 'off', bytes: OCR_TOTAL_BYTES } : { state: 'ready', bytes };
}

async function download(onProgress?: (fraction: number) => void): Promise<void> {
  const cache = await caches.open(OCR_CACHE);
  let done = 0;
  onProgress?.(0);
  for (const f of OCR_FILE_LIST) {
    const url = ocrUrl(f);
    if (await cache.match(url)) {
      done += f.bytes;
      onProgress?.(done / OCR_TOTAL_BYTES);
      continue;
    }
    let res: Response;
    try {
      res = await fetch(url, { cache: 'no-store' });
    } catch (cause) {
      throw new Error('下载识别模型失败：请检查网络后重试', { cause });
    }
    if (!res.ok || !res.body) throw new Error(`下载识别模型失败（${res.status}）：请稍后重试`);
    const chunks: Uint8Array[] = [];
    let got = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done: end, value } = await reader.read();
      if (end) break;
      chunks.push(value);
      got += value.byteLength;
      onProgress?.(Math.min(1, (done + got) / OCR_TOTAL_BYTES));
    }
    // A cut connection must not leave a truncated model behind: check the size before caching.
    if (got !== f.bytes) throw new Error('下载的识别模型不完整：请重试');
    await cache.put(url, new Response(new Blob(chunks as BlobPart[]), { headers: { 'content-length': String(got) } }));
    done += f.bytes;
  }
  onProgress?.(1);
}

/** Downloads the recogniser into its own cache (resumes file by file if interrupted). */
export function installOcr(onProgress?: (fraction: number) => void): Promise<void> {
  installing ??= download(onProgress).finally(() => {
    installing = undefined;
  });
  return installing;
}

export async function removeOcr(): Promise<void> {
  stopOcrWorker();
  await caches.delete(OCR_CACHE);
}

/** Stops the worker and frees its ~100 MB of sessions; the next recognise() starts a new one. */
export function stopOcrWorker(): void {
  worker?.worker.terminate();
  worker = undefined;
}

function start(): Remote<OcrApi> {
  if (!worker) {
    const w = new Worker(new URL('./ocr.worker.ts', import.meta.url), { type: 'module', name: 'ocr' });
    worker = { worker: w, api: wrap<OcrApi>(w) };
  }
  return worker.api;
}

/** Starts the worker and loads the models from the cache ahead of the first photo (optional). */
export async function warmOcr(): Promise<void> {
  if ((await installedBytes()) === undefined) throw new Error(NOT_INSTALLED);
  await start().warm();
}

/** Reads one side of an ID card on this device. Throws (in Chinese) when OCR is not installed. */
export async function recognise(image: Blob, side: CardSide): Promise<OcrResult> {
  // A running worker was started only once installed (removeOcr stops it): no cache look-ups then.
  if (!worker && (await installedBytes()) === undefined) throw new Error(NOT_INSTALLED);
  try {
    return await start().recognise(image, side);
  } catch (error) {
    // Comlink rebuilds the worker's Error; keep its (Chinese) message, and never a stale worker.
    stopOcrWorker();
    throw error instanceof Error ? error : new Error('证件识别失败：请重拍', { cause: error });
  }
}
