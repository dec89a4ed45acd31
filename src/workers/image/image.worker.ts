// The image worker: Comlink exposes `api`; the page reaches it only through ./bridge.ts.
import { expose, transfer } from 'comlink';
import { runPipeline } from './pipeline';
import type { ProcessedImage, ProcessOptions } from './types';

const api = {
  /** Resizes, analyses, encodes and hashes one photo. The output buffer is transferred, not copied. */
  async process(
    input: ArrayBuffer | Blob,
    options: ProcessOptions = {},
    onProgress?: (p: number) => void,
  ): Promise<ProcessedImage> {
    // onProgress is a Comlink proxy: calls are messages; never wait for them, never fail on them.
    const progress = (p: number) => void Promise.resolve(onProgress?.(p)).catch(() => {});
    const result = await runPipeline(input, options, progress);
    return transfer(result, [result.data]);
  },
};

export type ImageApi = typeof api;
expose(api);
