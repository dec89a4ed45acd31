// The page's only door to the image worker (the only place calling Comlink `wrap`). Starts the
// worker on first use, stops it after 30 s idle (a worker holding decoders costs memory on a
// low-end tablet), and honours an AbortSignal.
import { proxy, wrap, type Remote } from 'comlink';
import type { ImageApi } from './image.worker';
import { IMAGE_ERROR_MESSAGES, type ImageErrorCode, type ProcessedImage, type ProcessOptions } from './types';

export type { ProcessedImage, ProcessOptions } from './types';

export const IDLE_TIMEOUT_MS = 30_000;

export class ImageError extends Error {
  readonly code: ImageErrorCode;
  constructor(code: ImageErrorCode, options?: { cause?: unknown }) {
    super(IMAGE_ERROR_MESSAGES[code], options);
    this.name = 'ImageError';
    this.code = code;
  }
}

interface Running {
  worker: Worker;
  api: Remote<ImageApi>;
  jobs: number;
  idleTimer?: ReturnType<typeof setTimeout>;
}

let running: Running | undefined;

function start(): Running {
  if (!running) {
    const worker = new Worker(new URL('./image.worker.ts', import.meta.url), { type: 'module', name: 'image' });
    running = { worker, api: wrap<ImageApi>(worker), jobs: 0 };
  }
  if (running.idleTimer) clearTimeout(running.idleTimer);
  running.idleTimer = undefined;
  return running;
}

/** Stops the worker now (idle timeout, abort, tests). The next call starts a new one. */
export function terminateImageWorker(): void {
  if (!running) return;
  if (running.idleTimer) clearTimeout(running.idleTimer);
  running.worker.terminate();
  running = undefined;
}

function release(r: Running): void {
  r.jobs--;
  if (r.jobs === 0 && running === r) r.idleTimer = setTimeout(terminateImageWorker, IDLE_TIMEOUT_MS);
}

const KNOWN_CODES = new Set<string>(Object.keys(IMAGE_ERROR_MESSAGES));

function toImageError(error: unknown): ImageError {
  if (error instanceof ImageError) return error;
  const name = (error as { name?: unknown } | undefined)?.name;
  return new ImageError(typeof name === 'string' && KNOWN_CODES.has(name) ? (name as ImageErrorCode) : 'image.failed', {
    cause: error,
  });
}

export interface ProcessControl {
  signal?: AbortSignal;
  /** 0–1 as the stages finish (decode 0.4, analyse 0.6, encode 0.9, hash 1). */
  onProgress?: (progress: number) => void;
}

/**
 * Processes one photo in the image worker: ≤ longEdge JPEG, quality metrics, SHA-256.
 * Aborting rejects with ImageError('image.aborted'); when no other photo is in flight the worker
 * is stopped at once so the CPU is freed.
 */
export async function processImage(
  file: Blob | ArrayBuffer,
  options: ProcessOptions = {},
  control: ProcessControl = {},
): Promise<ProcessedImage> {
  const { signal, onProgress } = control;
  if (signal?.aborted) throw new ImageError('image.aborted');
  const r = start();
  r.jobs++;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      reject(new ImageError('image.aborted'));
      if (r.jobs === 1 && running === r) terminateImageWorker();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const job = r.api.process(file, options, onProgress ? proxy(onProgress) : undefined);
    return await Promise.race([job, aborted]);
  } catch (error) {
    throw toImageError(error);
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    release(r);
  }
}
