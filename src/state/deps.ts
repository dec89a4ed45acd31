// What app state needs from the outside world, injected so actions run in tests without a page.
import type { Router } from './router';
import type { QualityMetrics } from '../domain/schemas/case';

/** Output of the image pipeline (src/workers/image bridge), as the workbench uses it. */
export interface ProcessedImage {
  data: ArrayBuffer;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  /** Every measure the rules read (sharpness, shake, exposure, colour, background). */
  metrics: QualityMetrics;
}

export interface ProcessImageOptions {
  longEdge?: number;
  quality?: number;
}

export type ProcessImage = (
  file: Blob,
  options: ProcessImageOptions,
  ctl: { signal?: AbortSignal; onProgress?: (fraction: number) => void },
) => Promise<ProcessedImage>;

export interface AppDeps {
  router: Router;
  fetch: typeof fetch;
  now: () => number;
  processImage: ProcessImage;
  /** Asks the service worker to look for a new app version now (an old app the server refuses). */
  checkForUpdate?: (() => Promise<void>) | undefined;
  /** Runs one outbox drain (src/sync); absent until sync is wired in main.tsx. */
  syncNow?: (() => Promise<void>) | undefined;
}
